//! The published error code page, in Markdown that MDX also reads.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write as _;

use crate::model::catalog::{CatalogInfo, ModuleInfo};
use crate::model::entry::{Entry, Piece, Severity};
use crate::model::format::{Case, Segment, Shape};

/// Renders the catalog page: front matter, the format and module list, one
/// table per module that has codes, a table of the codes without a module,
/// and the retired codes.
///
/// `modules` pairs each module with its entries in code order, as
/// [`registry::modules_of`](crate::registry::modules_of) returns them. A
/// module without codes yet is listed under "Modules" and gets no table.
/// The page speaks the catalog's words. A numbered catalog
/// (`ERR-{module:02}-{code:03}`) has the layout of the Phala page: "Module
/// 01", "Error Code | Exception Class | Message". Any other names its groups
/// as they are: "Class 0A" (a group with a text id), "Range -32099 to
/// -32000" (a range of numbers), or a group's name alone; and has a column
/// for the status in an HTTP catalog, and for the severity, the retry and
/// the gRPC code when one of its codes states one.
/// A dynamic message shows its text up to the first placeholder:
/// `(dynamic: A CVM with name '...)`. Facts a code has beyond its message
/// and description (another name, a severity, whether to retry) follow its
/// description; with the catalog's `link_template`, each code links to its
/// page. A page of another layout is a [`template`](super::template)
/// (feature `templates`).
///
/// The page is valid Markdown and MDX whatever the names, messages and
/// descriptions say: in text, `{`, `}`, `<`, `|`, `` ` `` and `\` are
/// escaped with a backslash (MDX would read braces as expressions and `<` as
/// a tag, a `|` would end a table cell, a backtick would start code) and a
/// line break becomes `<br/>` in a table and a space elsewhere; codes and
/// class names are code, with `|` escaped in tables; the front matter
/// quotes a title or description that YAML would not read as plain text.
///
/// ```
/// # use error_catalog::{CatalogError, ErrorCatalog};
/// # #[derive(ErrorCatalog)]
/// # #[catalog(format = "ERR-{module:02}-{code:03}")]
/// # pub enum Catalog { #[module(1, name = "CVM API / Preflight")] Preflight }
/// #[derive(Debug, CatalogError)]
/// #[catalog(module = 1, code = 4, status = 409, message = "A CVM with name '{name}' already exists")]
/// pub struct DuplicateCvmNameError {
///     #[catalog(detail)]
///     pub name: String,
/// }
/// # fn main() {
/// use error_catalog::{ErrorCatalog, registry, render};
///
/// let page = render::markdown(Catalog::INFO, &registry::modules_of::<Catalog>());
/// assert!(page.contains("ERR-01-004"));
/// assert!(page.contains("DuplicateCvmNameError"));
/// # }
/// ```
#[must_use]
pub fn markdown(info: &CatalogInfo, modules: &[(&ModuleInfo, &[&Entry])]) -> String {
    markdown_with(info, modules, &|_| (None, None))
}

/// What the page says of an entry in place of its message cell and its
/// description (a translation), when it says something else.
pub(crate) type EntryTexts<'a> = dyn Fn(&Entry) -> (Option<String>, Option<String>) + 'a;

/// The page of [`markdown`], each entry's message cell and description
/// taken from `texts` where it has them.
pub(crate) fn markdown_with(
    info: &CatalogInfo,
    modules: &[(&ModuleInfo, &[&Entry])],
    texts: &EntryTexts<'_>,
) -> String {
    let mut out = String::new();
    push_front_matter(&mut out, info);
    let layout = Layout::of(info, modules);
    push_groups(&mut out, info, modules, &layout);
    out.push_str("---\n\n");
    for (module, entries) in modules.iter().filter(|(_, entries)| !entries.is_empty()) {
        push_module(&mut out, info, (module, entries), &layout, texts);
    }
    push_retired(&mut out, info, &layout);
    out.push_str("---\n\n");
    out
}

/// The front matter, the introduction and what each part of a code means.
fn push_front_matter(out: &mut String, info: &CatalogInfo) {
    let document = info.page();
    let format = info.format();
    let mut pattern = String::new();
    let _ = format.write_pattern(&mut pattern);
    out.push_str("---\ntitle: ");
    push_yaml(out, document.title);
    out.push_str("\ndescription: ");
    push_yaml(out, document.description);
    out.push_str("\n---\n# Error Code Catalog\n\nThis document lists all error codes used by ");
    push_text(out, document.api, Place::Line);
    out.push_str(".\n\nError codes follow the format ");
    push_code(out, &pattern, Place::Line);
    out.push_str(" where:\n");
    for segment in format.segments() {
        if let Some((name, meaning)) = part(info, segment) {
            let _ = writeln!(out, "- **{}**: {meaning}", name.to_ascii_uppercase());
        }
    }
    out.push('\n');
}

/// The list of the declared groups, when the catalog has any.
fn push_groups(out: &mut String, info: &CatalogInfo, modules: &[(&ModuleInfo, &[&Entry])], layout: &Layout) {
    let module_width = usize::from(info.format().module_width());
    let declared: Vec<&(&ModuleInfo, &[&Entry])> =
        modules.iter().filter(|(module, _)| !module.is_ungrouped()).collect();
    if declared.is_empty() {
        return;
    }
    out.push_str(&layout.groups_heading(info, &declared));
    for (module, _) in &declared {
        out.push_str("- **");
        if let Some(word) = layout.word(info, module) {
            out.push_str(word);
            out.push(' ');
            push_label(out, module, module_width);
            out.push_str("** - ");
            push_text(out, module.name(), Place::Line);
        } else {
            push_text(out, module.name(), Place::Line);
            out.push_str("**");
        }
        out.push('\n');
    }
    out.push('\n');
}

/// A group's heading and the table of its codes.
fn push_module(
    out: &mut String,
    info: &CatalogInfo,
    (module, entries): (&ModuleInfo, &[&Entry]),
    layout: &Layout,
    texts: &EntryTexts<'_>,
) {
    let module_width = usize::from(info.format().module_width());
    if module.is_ungrouped() {
        out.push_str("## Codes");
    } else if let Some(word) = layout.word(info, module) {
        out.push_str("## ");
        out.push_str(word);
        out.push(' ');
        push_label(out, module, module_width);
        out.push_str(": ");
        push_text(out, module.name(), Place::Line);
    } else {
        out.push_str("## ");
        push_text(out, module.name(), Place::Line);
    }
    out.push_str("\n\n\n");
    layout.push_header(out);
    for entry in entries {
        let (message, description) = texts(entry);
        out.push_str("| ");
        push_code_cell(out, info, entry.code());
        out.push_str(" | ");
        push_code(out, entry.class_name(), Place::Table);
        if layout.status {
            let _ = write!(out, " | {}", entry.status());
        }
        out.push_str(" | ");
        push_text(out, &message.unwrap_or_else(|| message_cell(entry)), Place::Table);
        let description = description.as_deref().unwrap_or(entry.description());
        if !description.is_empty() {
            out.push_str("<br/>*");
            push_text(out, description, Place::Table);
            out.push('*');
        }
        push_facts(out, entry, layout);
        layout.push_columns(out, entry);
        out.push_str(" |\n");
    }
    out.push_str("\n\n");
}

/// The table of retired codes, when the catalog has any.
fn push_retired(out: &mut String, info: &CatalogInfo, layout: &Layout) {
    if !info.retired().is_empty() {
        out.push_str("## Retired Codes\n\nA retired code is never used again.\n\n");
        if layout.classic {
            out.push_str("| Error Code | Successor | Note |\n|------------|-----------|------|\n");
        } else {
            out.push_str("| Code | Successor | Note |\n|------|-----------|------|\n");
        }
        for retired in info.retired() {
            out.push_str("| ");
            push_code(out, retired.code(), Place::Table);
            out.push_str(" | ");
            if let Some(successor) = retired.successor() {
                push_code_cell(out, info, successor);
            }
            out.push_str(" | ");
            push_text(out, retired.note(), Place::Table);
            out.push_str(" |\n");
        }
        out.push_str("\n\n");
    }
}

/// What the pages call a code's module: `Module` for the numbered modules
/// of `ERR-{module:02}-{code:03}`, `Class` for a group known by a text id
/// (SQLSTATE's `0A`), `Range` for a range of numbers (JSON-RPC's server
/// errors); none for a group of text codes, which its name says enough.
pub(super) fn group_word(info: &CatalogInfo, module: &ModuleInfo) -> Option<&'static str> {
    if module.range().is_some() {
        Some("Range")
    } else if !module.id().is_empty() {
        Some("Class")
    } else if matches!(info.format().shape(), Shape::Numbered) {
        Some("Module")
    } else {
        None
    }
}

/// The page's words and columns, from the catalog's shape and what its
/// codes have. A numbered catalog (`ERR-{module:02}-{code:03}`) has the
/// classic layout of the Phala page: "Module N", "Error Code | Exception
/// Class | Message", a code's other facts under its message. Any other
/// catalog names its groups with their own word ("Class 0A", "Range -32099
/// to -32000", or the group's name alone), and has a column for the status
/// when it is an HTTP catalog, and for the severity, the retry and the gRPC
/// code when any of its codes states one.
// One flag per optional column: they are independent, not a state.
#[allow(clippy::struct_excessive_bools)]
struct Layout {
    classic: bool,
    /// `Class`, or `Name` where the groups are classes (SQLSTATE's `0A`).
    class_header: &'static str,
    status: bool,
    severity: bool,
    retryable: bool,
    grpc: bool,
}

impl Layout {
    fn of(info: &CatalogInfo, modules: &[(&ModuleInfo, &[&Entry])]) -> Self {
        if matches!(info.format().shape(), Shape::Numbered) {
            return Self {
                classic: true,
                class_header: "Exception Class",
                status: false,
                severity: false,
                retryable: false,
                grpc: false,
            };
        }
        let any = |has: fn(&Entry) -> bool| modules.iter().flat_map(|(_, entries)| entries.iter()).any(|e| has(e));
        let classes = modules.iter().any(|(module, _)| group_word(info, module) == Some("Class"));
        Self {
            classic: false,
            class_header: if classes { "Name" } else { "Class" },
            status: info.is_http(),
            severity: any(|entry| entry.severity().is_some()),
            retryable: any(|entry| entry.retryable().is_some()),
            grpc: any(|entry| entry.grpc().is_some()),
        }
    }

    /// The word before a group's label, if the page writes one.
    fn word(&self, info: &CatalogInfo, module: &ModuleInfo) -> Option<&'static str> {
        if self.classic { Some("Module") } else { group_word(info, module) }
    }

    /// `## Modules`, `## Classes`, `## Ranges`; `## Groups` for groups of
    /// no one word.
    fn groups_heading(&self, info: &CatalogInfo, declared: &[&(&ModuleInfo, &[&Entry])]) -> String {
        let mut words = declared.iter().map(|(module, _)| self.word(info, module));
        let first = words.next().flatten();
        let plural = match first {
            Some("Class") => "Classes",
            Some("Range") => "Ranges",
            Some("Module") => "Modules",
            _ => "Groups",
        };
        let plural = if words.all(|word| word == first) { plural } else { "Groups" };
        alloc::format!("## {plural}\n\n")
    }

    fn push_header(&self, out: &mut String) {
        if self.classic {
            out.push_str("| Error Code | Exception Class | Message |\n|------------|----------------|---------|\n");
            return;
        }
        let mut header = alloc::format!("| Code | {} |", self.class_header);
        let mut rule = alloc::format!("|------|{}|", "-".repeat(self.class_header.len() + 2));
        let mut column = |name: &str, on: bool| {
            if on {
                let _ = write!(header, " {name} |");
                rule.push_str(&"-".repeat(name.len() + 2));
                rule.push('|');
            }
        };
        column("Status", self.status);
        column("Message", true);
        column("Severity", self.severity);
        column("Retryable", self.retryable);
        column("gRPC code", self.grpc);
        out.push_str(&header);
        out.push('\n');
        out.push_str(&rule);
        out.push('\n');
    }

    /// The cells after the message, empty where a code does not say.
    fn push_columns(&self, out: &mut String, entry: &Entry) {
        if self.severity {
            out.push_str(" | ");
            out.push_str(entry.severity().map_or("", Severity::as_str));
        }
        if self.retryable {
            out.push_str(match entry.retryable() {
                Some(true) => " | yes",
                Some(false) => " | no",
                None => " | ",
            });
        }
        if self.grpc {
            out.push_str(" | ");
            if let Some(grpc) = entry.grpc() {
                push_code(out, grpc.as_str(), Place::Table);
            }
        }
    }
}

/// What a placeholder of the format stands for, as the page's list says it:
/// `("module", "Two-digit module identifier (01, 02, 03, ...)")`.
fn part(info: &CatalogInfo, segment: &Segment) -> Option<(&'static str, String)> {
    let format = info.format();
    let digits = |width: u8| -> String {
        match width {
            1 => "One".into(),
            2 => "Two".into(),
            3 => "Three".into(),
            4 => "Four".into(),
            _ => alloc::format!("{width}"),
        }
    };
    let from = match format.start() {
        1 => String::new(),
        start => alloc::format!(", from {start}"),
    };
    let (name, meaning) = match *segment {
        Segment::Literal(_) => return None,
        Segment::Number { name, width } => {
            let role = match (name, format.shape()) {
                ("module", Shape::Numbered) => {
                    let examples: Vec<String> =
                        (1..=3).map(|n| alloc::format!("{n:0w$}", w = usize::from(width))).collect();
                    alloc::format!("module identifier ({}, ...)", examples.join(", "))
                }
                ("code", Shape::Numbered) => "sequential error number within the module".into(),
                ("code", Shape::Flat) => "error number".into(),
                _ => "number".into(),
            };
            if width == 0 {
                let mut role = role;
                if let Some(first) = role.get_mut(..1) {
                    first.make_ascii_uppercase();
                }
                (name, alloc::format!("{role}{from}"))
            } else {
                (name, alloc::format!("{}-digit {role}{from}", digits(width)))
            }
        }
        Segment::Hex { name, width, lower } => {
            let letters = if lower { "a-f" } else { "A-F" };
            (name, alloc::format!("{} hexadecimal digits, with {letters}", digits(width)))
        }
        Segment::Alphanumeric { name, width } => (name, alloc::format!("{width} characters from 0-9 and A-Z")),
        Segment::Word { name, case } => {
            let example = match case {
                Case::Snake => "card_declined",
                Case::ScreamingSnake => "RESOURCE_EXHAUSTED",
                Case::Pascal => "NoSuchKey",
                Case::Camel => "noSuchKey",
                Case::Kebab => "no-such-key",
            };
            (name, alloc::format!("a word in {}, like `{example}`", case.as_str()))
        }
    };
    Some((name, meaning))
}

/// How the page names a module: `01`, `0A`, `-32099 to -32000`.
fn push_label(out: &mut String, module: &ModuleInfo, width: usize) {
    let mut label = String::new();
    let _ = module.write_label(width, &mut label);
    push_text(out, &label, Place::Line);
}

/// A code in a table: a link to its page when the catalog has a
/// `link_template`.
fn push_code_cell(out: &mut String, info: &CatalogInfo, code: &str) {
    if info.link_template().is_none() {
        push_code(out, code, Place::Table);
        return;
    }
    let mut url = String::new();
    let _ = info.write_link(code, &mut url);
    out.push('[');
    push_code(out, code, Place::Table);
    out.push_str("](");
    push_url(out, &url);
    out.push(')');
}

/// Writes a link destination: characters Markdown, tables or MDX would read
/// otherwise are percent-encoded.
pub(super) fn push_url(out: &mut String, url: &str) {
    for c in url.chars() {
        match c {
            ' ' | '(' | ')' | '<' | '>' | '|' | '{' | '}' | '\\' | '`' | '"' => {
                let mut bytes = [0; 4];
                for byte in c.encode_utf8(&mut bytes).bytes() {
                    let _ = write!(out, "%{byte:02X}");
                }
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// The facts of a code beyond its message and description, when it has
/// them: its other names, its severity, whether a retry may succeed.
fn push_facts(out: &mut String, entry: &Entry, layout: &Layout) {
    if !entry.aliases().is_empty() {
        out.push_str("<br/>Also: ");
        for (index, alias) in entry.aliases().iter().enumerate() {
            if index > 0 {
                out.push_str(", ");
            }
            push_code(out, alias, Place::Table);
        }
    }
    if let Some(severity) = entry.severity().filter(|_| !layout.severity) {
        let _ = write!(out, "<br/>Severity: {severity}");
    }
    if let Some(retryable) = entry.retryable().filter(|_| !layout.retryable) {
        out.push_str(if retryable { "<br/>Retryable: yes" } else { "<br/>Retryable: no" });
    }
}

/// The message column: the static text, or `(dynamic: <text before the
/// first placeholder>...)`.
pub(super) fn message_cell(entry: &Entry) -> String {
    let message = entry.message();
    if let Some(text) = message.static_text() {
        return text.into();
    }
    let mut lead = String::new();
    for piece in message.pieces() {
        match piece {
            Piece::Text(text) => lead.push_str(text),
            Piece::Field(_) => break,
        }
    }
    dynamic(&lead)
}

/// How the page shows a message made from fields: the text a reader sees
/// before the first value.
fn dynamic(lead: &str) -> String {
    alloc::format!("(dynamic: {lead}...)")
}

/// Where user text goes: a line of its own (heading, list item, paragraph)
/// or a table cell.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    Line,
    Table,
}

/// Writes text that Markdown and MDX read as text.
pub(super) fn push_text(out: &mut String, text: &str, place: Place) {
    for c in text.chars() {
        match c {
            '\\' | '{' | '}' | '<' | '|' | '`' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' if place == Place::Table => out.push_str("<br/>"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
}

/// Writes a code span: a fence of more backticks than the text has in a row.
/// Braces and `<` are literal in a code span. In a table, `|` is written
/// `\|`: a table is cut into cells before code spans are read, and the
/// tables of GitHub and MDX both read this escape there. A backslash cannot
/// be written so (`\\|` would end the cell), so in a table a text with one
/// is a `<code>` element around escaped text instead.
pub(super) fn push_code(out: &mut String, text: &str, place: Place) {
    if place == Place::Table && text.contains('\\') {
        out.push_str("<code>");
        push_text(out, text, place);
        out.push_str("</code>");
        return;
    }
    let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    out.push_str(&fence);
    out.push_str(pad);
    for c in text.chars() {
        match c {
            '|' if place == Place::Table => out.push_str("\\|"),
            '\r' | '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push_str(pad);
    out.push_str(&fence);
}

/// Writes a YAML scalar of the front matter: plain when YAML reads it back
/// as the same text, double-quoted otherwise.
pub(super) fn push_yaml(out: &mut String, text: &str) {
    let plain = text.starts_with(|c: char| c.is_alphabetic())
        && !text.ends_with(' ')
        && text.chars().all(|c| c.is_alphanumeric() || " -_.,()'/".contains(c))
        && !["true", "false", "yes", "no", "on", "off", "null"].iter().any(|word| text.eq_ignore_ascii_case(word));
    if plain {
        out.push_str(text);
        return;
    }
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
// The page in a language of the translations: here, so that the
// translations (`model/fluent.rs`) need no renderer.
#[cfg(feature = "fluent")]
impl crate::model::fluent::Translations {
    /// The catalog page in `language`: as [`markdown`], with each message
    /// and description that has a translation translated. (The page's
    /// headings stay the catalog's.)
    #[must_use]
    pub fn markdown(
        &self,
        language: &crate::model::fluent::LanguageIdentifier,
        info: &CatalogInfo,
        modules: &[(&ModuleInfo, &[&Entry])],
    ) -> String {
        markdown_with(info, modules, &|entry| self.page_texts(entry, language))
    }

    /// What the catalog page says of `entry` in `language`: the message,
    /// or for a template its text before the first placeholder, and the
    /// description; each the catalog's own where it has no translation.
    fn page_texts(
        &self,
        entry: &Entry,
        language: &crate::model::fluent::LanguageIdentifier,
    ) -> (Option<String>, Option<String>) {
        use fluent_templates::fluent_bundle::FluentValue;
        use std::collections::HashMap;

        // Each placeholder is written as a character no message has, and the
        // text is cut at the first: the part a reader sees before a value.
        const PLACEHOLDER: char = '\u{e000}';
        const PLACEHOLDER_TEXT: &str = "\u{e000}";
        let id = self.id_of(entry.code());
        let args: HashMap<&'static str, FluentValue<'_>> =
            entry.message().fields().map(|field| (field, FluentValue::from(PLACEHOLDER_TEXT))).collect();
        let message = self.format(language, &id, &args).map(|text| {
            // Fluent isolates each value between U+2068 and U+2069.
            match text.find([PLACEHOLDER, '\u{2068}']) {
                Some(end) if entry.message().is_dynamic() => dynamic(&text[..end]),
                _ => text,
            }
        });
        let description = self.format(language, &alloc::format!("{id}.description"), &HashMap::new());
        (message, description)
    }
}

//! The catalog as a document: Markdown in the form of a published error
//! code page, and a serializable document with a versioned schema (JSON
//! through `serde_json`, or any serde format).

mod facts;
pub mod python;
pub mod typescript;

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write as _;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::catalog::{CatalogInfo, ModuleInfo};
use crate::entry::{Entry, Piece};

/// Renders the catalog page: front matter, the format and module list, and
/// one table per module that has codes.
///
/// `modules` pairs each module with its entries in code order, as
/// [`registry::modules_of`](crate::registry::modules_of) returns them. A
/// module without codes yet is listed under "Modules" and gets no table.
/// A dynamic message shows its text up to the first placeholder:
/// `(dynamic: A CVM with name '...)`.
///
/// The page is valid Markdown and MDX whatever the names, messages and
/// descriptions say: in text, `{`, `}`, `<`, `|`, `` ` `` and `\` are
/// escaped with a backslash (MDX would read braces as expressions and `<` as
/// a tag, a `|` would end a table cell, a backtick would start code) and a
/// line break becomes `<br/>` in a table and a space elsewhere; codes and
/// class names are code, with `|` escaped in tables; the front matter
/// quotes a title or description that YAML would not read as plain text.
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
    let document = info.page();
    let format = info.format();
    let mut out = String::new();
    let width = |digits: u8| match digits {
        1 => "One",
        2 => "Two",
        3 => "Three",
        _ => "Four",
    };
    let examples =
        |digits: u8| (1..=3).map(|n| alloc::format!("{n:0w$}", w = usize::from(digits))).collect::<Vec<_>>().join(", ");
    let mut pattern = String::new();
    let _ = format.write_pattern(&mut pattern);
    out.push_str("---\ntitle: ");
    push_yaml(&mut out, document.title);
    out.push_str("\ndescription: ");
    push_yaml(&mut out, document.description);
    out.push_str("\n---\n# Error Code Catalog\n\nThis document lists all error codes used by ");
    push_text(&mut out, document.api, Place::Line);
    out.push_str(".\n\nError codes follow the format ");
    push_code(&mut out, &pattern, Place::Line);
    let _ = write!(
        out,
        " where:\n\
         - **MODULE**: {module_width}-digit module identifier ({module_examples}, ...)\n\
         - **CODE**: {code_width}-digit sequential error number within the module\n\n\
         ## Modules\n\n",
        module_width = width(format.module_width()),
        module_examples = examples(format.module_width()),
        code_width = width(format.code_width()),
    );
    let module_width = usize::from(format.module_width());
    for (module, _) in modules {
        let _ = write!(out, "- **Module {:0module_width$}** - ", module.number());
        push_text(&mut out, module.name(), Place::Line);
        out.push('\n');
    }
    out.push_str("\n---\n\n");
    for (module, entries) in modules.iter().filter(|(_, entries)| !entries.is_empty()) {
        let _ = write!(out, "## Module {:0module_width$}: ", module.number());
        push_text(&mut out, module.name(), Place::Line);
        out.push_str("\n\n\n| Error Code | Exception Class | Message |\n|------------|----------------|---------|\n");
        for entry in *entries {
            let (message, description) = texts(entry);
            out.push_str("| ");
            push_code(&mut out, entry.code(), Place::Table);
            out.push_str(" | ");
            push_code(&mut out, entry.name(), Place::Table);
            out.push_str(" | ");
            push_text(&mut out, &message.unwrap_or_else(|| message_cell(entry)), Place::Table);
            let description = description.as_deref().unwrap_or(entry.description());
            if !description.is_empty() {
                out.push_str("<br/>*");
                push_text(&mut out, description, Place::Table);
                out.push('*');
            }
            out.push_str(" |\n");
        }
        out.push_str("\n\n");
    }
    out.push_str("---\n\n");
    out
}

/// The message column: the static text, or `(dynamic: <text before the
/// first placeholder>...)`.
fn message_cell(entry: &Entry) -> String {
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
    alloc::format!("(dynamic: {lead}...)")
}

/// Where user text goes: a line of its own (heading, list item, paragraph)
/// or a table cell.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Line,
    Table,
}

/// Writes text that Markdown and MDX read as text.
fn push_text(out: &mut String, text: &str, place: Place) {
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
fn push_code(out: &mut String, text: &str, place: Place) {
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
fn push_yaml(out: &mut String, text: &str) {
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

/// The catalog as data, for JSON (`serde_json::to_string_pretty(&document)`)
/// or any serde format. Schema `error-catalog/v1`:
///
/// ```json
/// {
///   "schema": "error-catalog/v1",
///   "catalog": { "name": "Catalog", "format": "ERR-{module:02}-{code:03}",
///                "default_status": 400, "title": "Error Codes",
///                "description": "Reference for Phala Cloud API error codes",
///                "api": "Phala Cloud API" },
///   "modules": [ { "number": 1, "name": "CVM API / Preflight",
///                  "retired": [], "reserved": [] } ],
///   "entries": [ { "code": "ERR-01-004", "module": 1,
///                  "module_name": "CVM API / Preflight", "number": 4,
///                  "class": "DuplicateCvmNameError", "status": 409,
///                  "message": "A CVM with name '{name}' already exists",
///                  "dynamic": true, "fields": ["name"], "details": ["name"],
///                  "description": "Raised when a CVM name already exists in the workspace (HTTP 409)",
///                  "suggestions": [], "links": [ { "url": "...", "label": "..." } ] } ]
/// }
/// ```
///
/// `message` is the template as declared, `{field}` placeholders included;
/// `fields` lists the fields it reads and `details` the fields that reach the
/// public body. A later schema that changes the meaning of a key gets a new
/// `schema` value; new keys may be added within `v1`.
pub struct Document<'a> {
    info: &'a CatalogInfo,
    modules: &'a [(&'a ModuleInfo, &'a [&'a Entry])],
}

/// The schema identifier of [`Document`].
pub const SCHEMA: &str = "error-catalog/v1";

impl<'a> Document<'a> {
    /// The document of a catalog and its modules' entries.
    #[must_use]
    pub fn new(info: &'a CatalogInfo, modules: &'a [(&'a ModuleInfo, &'a [&'a Entry])]) -> Self {
        Self { info, modules }
    }
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("schema", SCHEMA)?;
        map.serialize_entry("catalog", &CatalogView(self.info))?;
        let modules: Vec<ModuleView<'_>> = self.modules.iter().map(|(module, _)| ModuleView(module)).collect();
        map.serialize_entry("modules", &modules)?;
        let entries: Vec<EntryView<'_>> =
            self.modules.iter().flat_map(|(_, entries)| entries.iter()).map(|entry| EntryView(entry)).collect();
        map.serialize_entry("entries", &entries)?;
        map.end()
    }
}

struct CatalogView<'a>(&'a CatalogInfo);

impl Serialize for CatalogView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let info = self.0;
        let mut map = serializer.serialize_map(Some(6))?;
        map.serialize_entry("name", info.name())?;
        map.serialize_entry("format", info.format().template())?;
        map.serialize_entry("default_status", &info.default_status())?;
        map.serialize_entry("title", info.page().title)?;
        map.serialize_entry("description", info.page().description)?;
        map.serialize_entry("api", info.page().api)?;
        map.end()
    }
}

struct ModuleView<'a>(&'a ModuleInfo);

impl Serialize for ModuleView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("number", &self.0.number())?;
        map.serialize_entry("name", self.0.name())?;
        map.serialize_entry("retired", self.0.retired())?;
        map.serialize_entry("reserved", self.0.reserved())?;
        map.end()
    }
}

struct EntryView<'a>(&'a Entry);

impl Serialize for EntryView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let entry = self.0;
        let mut map = serializer.serialize_map(Some(14))?;
        map.serialize_entry("code", entry.code())?;
        map.serialize_entry("module", &entry.module())?;
        map.serialize_entry("module_name", entry.module_name())?;
        map.serialize_entry("number", &entry.number())?;
        map.serialize_entry("class", entry.name())?;
        map.serialize_entry("status", &entry.status())?;
        map.serialize_entry("message", entry.message().template())?;
        map.serialize_entry("dynamic", &entry.message().is_dynamic())?;
        map.serialize_entry("fields", &Strings(entry.message().fields()))?;
        map.serialize_entry("details", entry.details())?;
        map.serialize_entry("description", entry.description())?;
        map.serialize_entry("suggestions", entry.suggestions())?;
        map.serialize_entry("links", entry.links())?;
        map.end()
    }
}

struct Strings<I>(I);

impl<I: Iterator<Item = &'static str> + Clone> Serialize for Strings<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.clone())
    }
}

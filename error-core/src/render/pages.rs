//! A page per code, as rustc's error index and the references of Stripe or
//! Twilio have one: the code's facts, its explanation, what a client can do
//! about it, at the path the catalog's `link_template` names. Markdown and
//! MDX here; the HTML error index (`site.rs`) reads the same facts.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write as _;

use super::markdown::{Place, group_word, message_cell, push_code, push_text, push_url, push_yaml};
use crate::model::catalog::{CatalogInfo, ModuleInfo, RetiredCode};
use crate::model::entry::Entry;

/// A document to write: its path, relative to the folder it goes in
/// (`ERR-01-004.md`, `error_codes/E0308.html`), and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Where the page goes: `/`-separated, relative, without `.` or `..`.
    pub path: String,
    /// What it says.
    pub text: String,
}

/// The dialect of the pages of [`pages`]: Markdown as GitHub and most
/// static site generators read it, or MDX (Docusaurus, Mintlify), which
/// reads braces as expressions and `<` as a tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Flavor {
    /// `.md` files: an explanation is written as its author wrote it.
    Markdown,
    /// `.mdx` files: `{`, `}` and `<` of an explanation are escaped outside
    /// code, so that any explanation compiles.
    Mdx,
}

impl Flavor {
    /// The pages' file extension (`md`, `mdx`).
    #[must_use]
    pub const fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Mdx => "mdx",
        }
    }
}

/// One page per code of the catalog, and one per retired code, naming its
/// successor: the code, its class, module, status, message, severity,
/// whether to retry, its gRPC code and other names, then its description
/// and explanation (the doc comment), the fields of its `details`, its
/// suggestions and links, and the retired codes it replaced.
///
/// Each page is at [`page_path`]: where the catalog's `link_template`
/// points, so that the links of the catalog page, the JSON document and the
/// clients find it once the folder is published there.
///
/// ```
/// use error_catalog::{CatalogError, ErrorCatalog, registry, render};
///
/// #[derive(ErrorCatalog)]
/// #[catalog(format = "E{code:04}", http = false,
///           link_template = "https://doc.rust-lang.org/error_codes/{code}.html")]
/// pub enum Rustc {}
///
/// /// Expected type did not match the received type.
/// ///
/// /// The compiler found a `&str` where it expected an `i32`.
/// #[derive(Debug, CatalogError)]
/// #[catalog(catalog = Rustc, code = 308, message = "mismatched types")]
/// pub struct MismatchedTypes;
///
/// let pages = render::pages(Rustc::INFO, &registry::modules_of::<Rustc>(), render::Flavor::Mdx);
/// assert_eq!(pages[0].path, "error_codes/E0308.mdx");
/// assert!(pages[0].text.starts_with("---\ntitle: E0308\n"));
/// assert!(pages[0].text.contains("The compiler found a `&str` where it expected an `i32`."));
/// ```
#[must_use]
pub fn pages(info: &CatalogInfo, modules: &[(&ModuleInfo, &[&Entry])], flavor: Flavor) -> Vec<Page> {
    let mut pages: Vec<Page> = super::facts::entries(modules)
        .into_iter()
        .map(|entry| Page { path: page_path(info, entry.code(), flavor.extension()), text: page(info, entry, flavor) })
        .collect();
    pages.extend(info.retired().iter().map(|retired| Page {
        path: page_path(info, retired.code(), flavor.extension()),
        text: retired_page(info, retired, flavor),
    }));
    pages
}

/// Where the page of `code` goes: the path of the catalog's
/// `link_template` (what follows its host), its extension replaced by
/// `extension`; `{code}.{extension}` for a catalog without one. A
/// character that is not a letter, a digit or one of `-._~` is
/// percent-encoded, and empty, `.` and `..` parts are left out, so that the
/// path stays in the folder whatever the catalog says.
///
/// ```
/// use error_catalog::ErrorCatalog;
///
/// #[derive(ErrorCatalog)]
/// #[catalog(format = "E{code:04}", http = false,
///           link_template = "https://doc.rust-lang.org/error_codes/{code}.html")]
/// pub enum Rustc {}
///
/// assert_eq!(error_catalog::render::page_path(Rustc::INFO, "E0308", "md"), "error_codes/E0308.md");
/// ```
#[must_use]
pub fn page_path(info: &CatalogInfo, code: &str, extension: &str) -> String {
    let template = info.link_template().unwrap_or("{code}");
    let path = match template.find("://") {
        Some(scheme) => template[scheme + 3..].split_once('/').map_or("", |(_, path)| path),
        None => template,
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let mut parts: Vec<String> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    for (index, segment) in segments.iter().enumerate() {
        let mut segment = *segment;
        if index + 1 == segments.len() {
            // The extension of the URL's last part, after its last
            // placeholder: `{code}.html`, not the dots of `5.7.1`.
            let after = segment.rfind('}').map_or(0, |brace| brace + 1);
            if let Some(dot) = segment[after..].rfind('.') {
                segment = &segment[..after + dot];
            }
            if segment.is_empty() {
                segment = "index";
            }
        }
        let mut part = String::new();
        let mut pieces = segment.split("{code}");
        push_file_name(&mut part, pieces.next().unwrap_or_default());
        for piece in pieces {
            push_file_name(&mut part, code);
            push_file_name(&mut part, piece);
        }
        if !part.is_empty() && part != "." && part != ".." {
            parts.push(part);
        }
    }
    if parts.is_empty() {
        let mut name = String::new();
        push_file_name(&mut name, code);
        parts.push(name);
    }
    let mut path = parts.join("/");
    path.push('.');
    path.push_str(extension);
    path
}

fn push_file_name(out: &mut String, text: &str) {
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
}

/// A module as the pages name it: `Module 01: CVM API / Preflight`, or its
/// name alone for a group without a word.
#[cfg_attr(not(feature = "html"), allow(dead_code))]
pub(super) fn group_title(info: &CatalogInfo, module: &ModuleInfo) -> String {
    let Some(word) = group_word(info, module) else { return module.name().to_string() };
    let mut title = String::from(word);
    title.push(' ');
    let _ = module.write_label(usize::from(info.format().module_width()), &mut title);
    if !module.name().is_empty() {
        title.push_str(": ");
        title.push_str(module.name());
    }
    title
}

/// One line of a code's facts: its label, its value, and whether the value
/// is code (a class name, a template) rather than prose.
pub(super) struct Fact {
    pub label: &'static str,
    pub value: String,
    pub code: bool,
}

/// The facts of `entry` that it has, in the order the pages show them.
pub(super) fn facts(entry: &Entry) -> Vec<Fact> {
    let info = entry.catalog();
    let mut facts = Vec::new();
    let mut fact = |label, value: String, code| facts.push(Fact { label, value, code });
    fact("Class", entry.class_name().to_string(), true);
    if let Some(module) = entry.module() {
        let mut label = String::new();
        if group_word(info, module).is_some() {
            let _ = module.write_label(usize::from(info.format().module_width()), &mut label);
            label.push_str(": ");
        }
        label.push_str(module.name());
        fact(group_word(info, module).unwrap_or("Group"), label, false);
    }
    if let Some(status) = entry.http_status() {
        let value = match crate::status::reason_phrase(status) {
            Some(phrase) => alloc::format!("{status} {phrase}"),
            None => status.to_string(),
        };
        fact("Status", value, false);
    }
    fact("Message", entry.message().template().to_string(), true);
    if let Some(severity) = entry.severity() {
        fact("Severity", severity.as_str().to_string(), false);
    }
    if let Some(retryable) = entry.retryable() {
        fact("Retryable", if retryable { "yes" } else { "no" }.to_string(), false);
    }
    if let Some(grpc) = entry.grpc() {
        fact("gRPC code", grpc.as_str().to_string(), true);
    }
    if !entry.aliases().is_empty() {
        fact("Also", entry.aliases().join(", "), true);
    }
    facts
}

/// The retired codes whose successor is `code`.
pub(super) fn replaced<'a>(info: &'a CatalogInfo, code: &'a str) -> impl Iterator<Item = &'a RetiredCode> + 'a {
    info.retired().iter().filter(move |retired| retired.successor() == Some(code))
}

/// Writes a link to the page of `code`: the catalog's URL for it, or the
/// relative path of its page.
fn push_code_link(out: &mut String, info: &CatalogInfo, code: &str, flavor: Flavor) {
    let mut url = String::new();
    if info.link_template().is_some() {
        let _ = info.write_link(code, &mut url);
    } else {
        url = page_path(info, code, flavor.extension());
    }
    out.push('[');
    push_code(out, code, Place::Line);
    out.push_str("](");
    push_url(out, &url);
    out.push(')');
}

fn push_front_matter(out: &mut String, title: &str, description: &str) {
    out.push_str("---\ntitle: ");
    push_yaml(out, title);
    if !description.is_empty() {
        out.push_str("\ndescription: ");
        push_yaml(out, description);
    }
    out.push_str("\n---\n");
}

fn page(info: &CatalogInfo, entry: &Entry, flavor: Flavor) -> String {
    let mut out = String::new();
    push_front_matter(&mut out, entry.code(), entry.description());
    out.push_str("# ");
    push_code(&mut out, entry.code(), Place::Line);
    out.push_str(": ");
    push_text(&mut out, entry.class_name(), Place::Line);
    out.push_str("\n\n");
    if !entry.description().is_empty() {
        push_text(&mut out, entry.description(), Place::Line);
        out.push_str("\n\n");
    }
    out.push_str("| Fact | Value |\n|------|-------|\n");
    for fact in facts(entry) {
        let _ = write!(out, "| {} | ", fact.label);
        if fact.code {
            push_code(&mut out, &fact.value, Place::Table);
        } else {
            push_text(&mut out, &fact.value, Place::Table);
        }
        out.push_str(" |\n");
    }
    if entry.message().is_dynamic() {
        out.push_str("\nThe message is built from the error's fields: ");
        push_text(&mut out, &message_cell(entry), Place::Line);
        out.push('\n');
    }
    if !entry.explanation().is_empty() {
        out.push('\n');
        push_explanation(&mut out, entry.explanation(), flavor);
    }
    if !entry.details().is_empty() {
        out.push_str("\n## Details\n\nThe body's `details` carry these fields:\n\n");
        for field in entry.details() {
            out.push_str("- ");
            push_code(&mut out, field, Place::Line);
            out.push('\n');
        }
    }
    if !entry.suggestions().is_empty() {
        out.push_str("\n## Suggestions\n\n");
        for suggestion in entry.suggestions() {
            out.push_str("- ");
            push_text(&mut out, suggestion, Place::Line);
            out.push('\n');
        }
    }
    if !entry.links().is_empty() {
        out.push_str("\n## Links\n\n");
        for link in entry.links() {
            out.push_str("- [");
            push_text(&mut out, if link.label().is_empty() { link.url() } else { link.label() }, Place::Line);
            out.push_str("](");
            push_url(&mut out, link.url());
            out.push_str(")\n");
        }
    }
    let mut replaced = replaced(info, entry.code()).peekable();
    if replaced.peek().is_some() {
        out.push_str("\n## Replaces\n\nThese retired codes meant what this code means now:\n\n");
        for retired in replaced {
            out.push_str("- ");
            push_code(&mut out, retired.code(), Place::Line);
            if !retired.note().is_empty() {
                out.push_str(": ");
                push_text(&mut out, retired.note(), Place::Line);
            }
            out.push('\n');
        }
    }
    out
}

fn retired_page(info: &CatalogInfo, retired: &RetiredCode, flavor: Flavor) -> String {
    let mut out = String::new();
    push_front_matter(&mut out, retired.code(), "A retired error code");
    out.push_str("# ");
    push_code(&mut out, retired.code(), Place::Line);
    out.push_str(" (retired)\n\nThis code is retired: no error answers it any more, and it is never used again.\n");
    if let Some(successor) = retired.successor() {
        out.push_str("\nIts successor is ");
        push_code_link(&mut out, info, successor, flavor);
        out.push_str(".\n");
    }
    if !retired.note().is_empty() {
        out.push('\n');
        push_text(&mut out, retired.note(), Place::Line);
        out.push('\n');
    }
    out
}

/// Writes an explanation: as written for Markdown; for MDX with `{`, `}`
/// and `<` escaped outside fenced code blocks and code spans.
fn push_explanation(out: &mut String, text: &str, flavor: Flavor) {
    if flavor == Flavor::Markdown {
        out.push_str(text);
        out.push('\n');
        return;
    }
    let mut fence: Option<(u8, usize)> = None;
    for line in text.split('\n') {
        let marker = fence_marker(line);
        match (fence, marker) {
            (None, Some(opening)) => {
                fence = Some(opening);
                out.push_str(line);
            }
            (Some((kind, length)), Some((closing, run)))
                if kind == closing && run >= length && line.trim_start()[run..].trim().is_empty() =>
            {
                fence = None;
                out.push_str(line);
            }
            (Some(_), _) => out.push_str(line),
            (None, None) => push_mdx_line(out, line),
        }
        out.push('\n');
    }
}

/// The fence a line opens or closes: three or more backticks or tildes
/// after at most three spaces.
fn fence_marker(line: &str) -> Option<(u8, usize)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let kind = *trimmed.as_bytes().first()?;
    if kind != b'`' && kind != b'~' {
        return None;
    }
    let run = trimmed.bytes().take_while(|&byte| byte == kind).count();
    (run >= 3).then_some((kind, run))
}

/// A line of prose for MDX: code spans kept, `{`, `}` and `<` escaped.
fn push_mdx_line(out: &mut String, line: &str) {
    let mut rest = line;
    while let Some(start) = rest.find(['`', '{', '}', '<']) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        if rest.starts_with('`') {
            let run = rest.bytes().take_while(|&byte| byte == b'`').count();
            let fence = &rest[..run];
            // A span ends at the next run of exactly as many backticks.
            let close = rest[run..].match_indices(fence).find(|(at, _)| {
                let after = run + at + run;
                rest.as_bytes().get(after) != Some(&b'`') && rest.as_bytes()[run + at - 1] != b'`'
            });
            let end = close.map_or(run, |(at, _)| run + at + run);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else {
            out.push('\\');
            out.push_str(&rest[..1]);
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
}

/// Writes `pages` into `dir`, making the folders their paths name.
///
/// ```
/// use error_catalog::render::{Page, write_pages};
///
/// let dir = std::env::temp_dir().join(format!("error-catalog-pages-doc-{}", std::process::id()));
/// write_pages(&dir, &[Page { path: "errors/E0308.md".into(), text: "# E0308\n".into() }])?;
/// assert_eq!(std::fs::read_to_string(dir.join("errors/E0308.md"))?, "# E0308\n");
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), std::io::Error>(())
/// ```
///
/// # Errors
/// The first error of the file system, or `InvalidInput` for a path that
/// is absolute or has a `..` part (the pages of this module have neither).
#[cfg(feature = "std")]
pub fn write_pages(dir: &std::path::Path, pages: &[Page]) -> std::io::Result<()> {
    use std::path::Component;

    for page in pages {
        let relative = std::path::Path::new(&page.path);
        if !relative.components().all(|part| matches!(part, Component::Normal(_))) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                alloc::format!("page path {:?} leaves the folder", page.path),
            ));
        }
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, &page.text)?;
    }
    Ok(())
}

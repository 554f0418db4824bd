//! The error index as a static HTML site (feature `html`): one page with
//! every code and a search box, one page per code, as rustc's error index.
//! Self-contained: the style and the search are in the pages, and their
//! Content-Security-Policy lets them load nothing else.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write as _;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use super::pages::{Page, facts, group_title, page_path, replaced};
use crate::model::catalog::{CatalogInfo, ModuleInfo, RetiredCode};
use crate::model::entry::Entry;

/// The index's file name, at the root of the site.
const INDEX: &str = "index.html";

const HEAD: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n";

const STYLE: &str = "<style>\n\
body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 2rem; color: #1b1b1b; }\n\
code, pre { font-family: ui-monospace, monospace; font-size: 0.9em; }\n\
pre { background: #f4f4f4; padding: 0.75rem; overflow-x: auto; }\n\
table { border-collapse: collapse; width: 100%; }\n\
th, td { border-bottom: 1px solid #ddd; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }\n\
th { background: #f4f4f4; }\n\
td small { color: #555; }\n\
td:first-child { white-space: nowrap; }\n\
#search { font-size: 1.1rem; padding: 0.5rem; width: 100%; box-sizing: border-box; }\n\
dl { display: grid; grid-template-columns: max-content auto; gap: 0.3rem 1.5rem; }\n\
dt { font-weight: 600; }\n\
dd { margin: 0; }\n\
a { color: #0b57d0; }\n\
</style>\n";

/// What the search does: it hides the rows that do not hold every word of
/// the query, and the sections left empty; `?q=` fills it in, so that a
/// search can be linked to.
const SCRIPT: &str = "<script>\n\
(function () {\n\
  const input = document.getElementById('search');\n\
  const count = document.getElementById('count');\n\
  const rows = Array.from(document.querySelectorAll('tr[data-search]'));\n\
  function filter() {\n\
    const words = input.value.toLowerCase().split(/\\s+/).filter(Boolean);\n\
    let shown = 0;\n\
    for (const row of rows) {\n\
      const hit = words.every((word) => row.dataset.search.includes(word));\n\
      row.hidden = !hit;\n\
      if (hit) shown += 1;\n\
    }\n\
    for (const section of document.querySelectorAll('section')) {\n\
      section.hidden = !section.querySelector('tr[data-search]:not([hidden])');\n\
    }\n\
    count.textContent = shown === 1 ? '1 code' : shown + ' codes';\n\
  }\n\
  input.addEventListener('input', filter);\n\
  const query = new URLSearchParams(window.location.search).get('q');\n\
  if (query) input.value = query;\n\
  filter();\n\
})();\n\
</script>\n";

/// The catalog as a static HTML site: `index.html` lists every code by module,
/// with a search box that filters by code, class, message and description
/// as one types, and links each code to its page, which has the facts of
/// [`pages`](super::pages), the explanation rendered from its Markdown
/// (raw HTML in it shown as text, images as links), and links to the
/// codes it replaced or that replace it. Retired codes have a page too.
///
/// The pages load nothing: no script, style, font or image from anywhere
/// (their Content-Security-Policy says `default-src 'none'`), so the folder
/// works from a disk, a bucket or any web server. Each code's page is at
/// [`page_path`] with the extension `html`, where `link_template` points.
///
/// ```
/// use error_catalog::{CatalogError, ErrorCatalog, registry, render};
///
/// #[derive(ErrorCatalog)]
/// #[catalog(format = "E{code:04}", http = false, title = "Rust Compiler Error Index",
///           link_template = "https://doc.rust-lang.org/error_codes/{code}.html")]
/// pub enum Rustc {}
///
/// /// Expected type did not match the received type.
/// ///
/// /// ```
/// /// let x: i32 = "I am not a number!";
/// /// ```
/// #[derive(Debug, CatalogError)]
/// #[catalog(catalog = Rustc, code = 308, message = "mismatched types")]
/// pub struct MismatchedTypes;
///
/// let site = render::site(Rustc::INFO, &registry::modules_of::<Rustc>());
/// assert_eq!(site[0].path, "index.html");
/// assert!(site[0].text.contains(r#"<a href="error_codes/E0308.html"><code>E0308</code></a>"#));
/// assert_eq!(site[1].path, "error_codes/E0308.html");
/// assert!(site[1].text.contains(r#"<a href="../index.html">"#));
/// assert!(site[1].text.contains("<pre><code>let x: i32 = \"I am not a number!\";"));
/// ```
#[must_use]
pub fn site(info: &CatalogInfo, modules: &[(&ModuleInfo, &[&Entry])]) -> Vec<Page> {
    let mut site = Vec::new();
    site.push(Page { path: INDEX.to_string(), text: index(info, modules) });
    for entry in super::facts::entries(modules) {
        let path = page_path(info, entry.code(), "html");
        let text = entry_page(info, entry, &path);
        site.push(Page { path, text });
    }
    for retired in info.retired() {
        let path = page_path(info, retired.code(), "html");
        let text = retired_page(info, retired, &path);
        site.push(Page { path, text });
    }
    site
}

fn title(info: &CatalogInfo) -> String {
    let page = info.page();
    if !page.title.is_empty() && page.title != "Error Codes" {
        return page.title.to_string();
    }
    if page.api.is_empty() { "Error Codes".to_string() } else { alloc::format!("{} Error Codes", page.api) }
}

fn index(info: &CatalogInfo, modules: &[(&ModuleInfo, &[&Entry])]) -> String {
    let mut out = String::from(HEAD);
    let title = title(info);
    out.push_str("<title>");
    push_escaped(&mut out, &title);
    out.push_str("</title>\n");
    out.push_str(STYLE);
    out.push_str("</head>\n<body>\n<header>\n<h1>");
    push_escaped(&mut out, &title);
    out.push_str("</h1>\n");
    if !info.page().description.is_empty() {
        out.push_str("<p>");
        push_escaped(&mut out, info.page().description);
        out.push_str("</p>\n");
    }
    out.push_str("</header>\n<main>\n<input id=\"search\" type=\"search\" autofocus aria-label=\"Search the codes\" placeholder=\"Search codes, classes and messages\">\n<p id=\"count\"></p>\n");
    let columns = Columns::of(info, modules);
    let mut seen = alloc::collections::BTreeSet::new();
    for (module, entries) in modules.iter().filter(|(_, entries)| !entries.is_empty()) {
        out.push_str("<section>\n<h2>");
        if module.is_ungrouped() {
            out.push_str("Codes");
        } else {
            push_escaped(&mut out, &group_title(info, module));
        }
        out.push_str("</h2>\n<table>\n<thead><tr><th>Code</th><th>Class</th>");
        columns.push_header(&mut out);
        out.push_str("</tr></thead>\n<tbody>\n");
        for entry in entries.iter().filter(|entry| seen.insert(entry.code())) {
            push_row(&mut out, info, entry, &columns);
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }
    if !info.retired().is_empty() {
        out.push_str("<section>\n<h2>Retired codes</h2>\n<table>\n<thead><tr><th>Code</th><th>Successor</th><th>Note</th></tr></thead>\n<tbody>\n");
        for retired in info.retired() {
            out.push_str("<tr data-search=\"");
            push_escaped(&mut out, &alloc::format!("{} {}", retired.code(), retired.note()).to_lowercase());
            out.push_str("\"><td>");
            push_link(&mut out, "", &page_path(info, retired.code(), "html"), retired.code());
            out.push_str("</td><td>");
            if let Some(successor) = retired.successor() {
                push_link(&mut out, "", &page_path(info, successor, "html"), successor);
            }
            out.push_str("</td><td>");
            push_escaped(&mut out, retired.note());
            out.push_str("</td></tr>\n");
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }
    out.push_str("</main>\n");
    out.push_str(SCRIPT);
    out.push_str("</body>\n</html>\n");
    out
}

/// The index's columns after the class: the status in an HTTP catalog,
/// the message, and the severity, the retry and the gRPC code when one of
/// the catalog's codes states one, as the built-in page has them.
// One flag per optional column: they are independent, not a state.
#[allow(clippy::struct_excessive_bools)]
struct Columns {
    status: bool,
    severity: bool,
    retryable: bool,
    grpc: bool,
}

impl Columns {
    fn of(info: &CatalogInfo, modules: &[(&ModuleInfo, &[&Entry])]) -> Self {
        let any = |has: fn(&Entry) -> bool| modules.iter().flat_map(|(_, entries)| entries.iter()).any(|e| has(e));
        Self {
            status: info.is_http(),
            severity: any(|entry| entry.severity().is_some()),
            retryable: any(|entry| entry.retryable().is_some()),
            grpc: any(|entry| entry.grpc().is_some()),
        }
    }

    fn push_header(&self, out: &mut String) {
        if self.status {
            out.push_str("<th>Status</th>");
        }
        out.push_str("<th>Message</th>");
        for (name, on) in [("Severity", self.severity), ("Retryable", self.retryable), ("gRPC code", self.grpc)] {
            if on {
                let _ = write!(out, "<th>{name}</th>");
            }
        }
    }
}

/// A code's row of the index: what the search reads, its link, its facts.
fn push_row(out: &mut String, info: &CatalogInfo, entry: &Entry, columns: &Columns) {
    let mut search = String::new();
    for text in [entry.code(), entry.class_name(), entry.message().template(), entry.description()] {
        search.push_str(&text.to_lowercase());
        search.push(' ');
    }
    for alias in entry.aliases() {
        search.push_str(&alias.to_lowercase());
        search.push(' ');
    }
    out.push_str("<tr data-search=\"");
    push_escaped(out, search.trim_end());
    out.push_str("\"><td>");
    push_link(out, "", &page_path(info, entry.code(), "html"), entry.code());
    out.push_str("</td><td><code>");
    push_escaped(out, entry.class_name());
    out.push_str("</code></td>");
    if columns.status {
        let _ = write!(out, "<td>{}</td>", entry.status());
    }
    out.push_str("<td>");
    push_escaped(out, entry.message().template());
    if !entry.description().is_empty() {
        out.push_str("<br><small>");
        push_escaped(out, entry.description());
        out.push_str("</small>");
    }
    out.push_str("</td>");
    if columns.severity {
        let _ = write!(out, "<td>{}</td>", entry.severity().map_or("", crate::Severity::as_str));
    }
    if columns.retryable {
        out.push_str(match entry.retryable() {
            Some(true) => "<td>yes</td>",
            Some(false) => "<td>no</td>",
            None => "<td></td>",
        });
    }
    if columns.grpc {
        out.push_str("<td>");
        if let Some(grpc) = entry.grpc() {
            let _ = write!(out, "<code>{}</code>", grpc.as_str());
        }
        out.push_str("</td>");
    }
    out.push_str("</tr>\n");
}

/// The way back to the root of the site from the page at `path`: a `../`
/// per folder.
fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

fn page_head(out: &mut String, info: &CatalogInfo, code: &str, path: &str) {
    out.push_str(HEAD);
    out.push_str("<title>");
    push_escaped(out, code);
    out.push_str(" - ");
    push_escaped(out, &title(info));
    out.push_str("</title>\n");
    out.push_str(STYLE);
    out.push_str("</head>\n<body>\n<nav><a href=\"");
    push_href(out, &root_of(path));
    push_href(out, INDEX);
    out.push_str("\">");
    push_escaped(out, &title(info));
    out.push_str("</a></nav>\n<main>\n");
}

fn entry_page(info: &CatalogInfo, entry: &Entry, path: &str) -> String {
    let mut out = String::new();
    page_head(&mut out, info, entry.code(), path);
    out.push_str("<h1><code>");
    push_escaped(&mut out, entry.code());
    out.push_str("</code>: ");
    push_escaped(&mut out, entry.class_name());
    out.push_str("</h1>\n");
    if !entry.description().is_empty() {
        out.push_str("<p>");
        push_escaped(&mut out, entry.description());
        out.push_str("</p>\n");
    }
    out.push_str("<dl>\n");
    for fact in facts(entry) {
        out.push_str("<dt>");
        push_escaped(&mut out, fact.label);
        out.push_str("</dt><dd>");
        if fact.code {
            out.push_str("<code>");
        }
        push_escaped(&mut out, &fact.value);
        if fact.code {
            out.push_str("</code>");
        }
        out.push_str("</dd>\n");
    }
    out.push_str("</dl>\n");
    if !entry.explanation().is_empty() {
        out.push_str("<div class=\"explanation\">\n");
        push_markdown(&mut out, entry.explanation());
        out.push_str("</div>\n");
    }
    if !entry.details().is_empty() {
        out.push_str("<h2>Details</h2>\n<p>The body's <code>details</code> carry these fields:</p>\n<ul>\n");
        for field in entry.details() {
            out.push_str("<li><code>");
            push_escaped(&mut out, field);
            out.push_str("</code></li>\n");
        }
        out.push_str("</ul>\n");
    }
    if !entry.suggestions().is_empty() {
        out.push_str("<h2>Suggestions</h2>\n<ul>\n");
        for suggestion in entry.suggestions() {
            out.push_str("<li>");
            push_escaped(&mut out, suggestion);
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    if !entry.links().is_empty() {
        out.push_str("<h2>Links</h2>\n<ul>\n");
        for link in entry.links() {
            out.push_str("<li><a href=\"");
            push_href(&mut out, if is_safe_url(link.url()) { link.url() } else { "" });
            out.push_str("\">");
            push_escaped(&mut out, if link.label().is_empty() { link.url() } else { link.label() });
            out.push_str("</a></li>\n");
        }
        out.push_str("</ul>\n");
    }
    let mut replaced = replaced(info, entry.code()).peekable();
    if replaced.peek().is_some() {
        out.push_str("<h2>Replaces</h2>\n<p>These retired codes meant what this code means now:</p>\n<ul>\n");
        let root = root_of(path);
        for retired in replaced {
            out.push_str("<li>");
            push_link(&mut out, &root, &page_path(info, retired.code(), "html"), retired.code());
            if !retired.note().is_empty() {
                out.push_str(": ");
                push_escaped(&mut out, retired.note());
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn retired_page(info: &CatalogInfo, retired: &RetiredCode, path: &str) -> String {
    let mut out = String::new();
    page_head(&mut out, info, retired.code(), path);
    out.push_str("<h1><code>");
    push_escaped(&mut out, retired.code());
    out.push_str("</code> (retired)</h1>\n<p>This code is retired: no error answers it any more, and it is never used again.</p>\n");
    if let Some(successor) = retired.successor() {
        out.push_str("<p>Its successor is ");
        push_link(&mut out, &root_of(path), &page_path(info, successor, "html"), successor);
        out.push_str(".</p>\n");
    }
    if !retired.note().is_empty() {
        out.push_str("<p>");
        push_escaped(&mut out, retired.note());
        out.push_str("</p>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// `<a href="ROOT/PATH"><code>CODE</code></a>`.
fn push_link(out: &mut String, root: &str, path: &str, code: &str) {
    out.push_str("<a href=\"");
    push_href(out, root);
    push_href(out, path);
    out.push_str("\"><code>");
    push_escaped(out, code);
    out.push_str("</code></a>");
}

/// Writes a link destination in an attribute: `%` of an encoded file name
/// encoded again (a browser decodes the URL once to find the file), quotes
/// and `&` escaped.
fn push_href(out: &mut String, url: &str) {
    for c in url.chars() {
        match c {
            '%' => out.push_str("%25"),
            _ => push_escaped_char(out, c),
        }
    }
}

/// Whether a link of the catalog may be followed: an `http(s)` or `mailto`
/// URL, or a relative one; never `javascript:` and the like.
fn is_safe_url(url: &str) -> bool {
    let scheme = url.split_once(':').map(|(scheme, _)| scheme.to_ascii_lowercase());
    match scheme {
        Some(scheme) if scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) => {
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// An explanation's Markdown as HTML: raw HTML shown as text, an image as
/// a link to it (the page loads nothing), a link of another scheme than
/// `http`, `https` or `mailto` made empty.
fn push_markdown(out: &mut String, text: &str) {
    let events =
        Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).map(|event| match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(
                Tag::Link { link_type, dest_url, title, id } | Tag::Image { link_type, dest_url, title, id },
            ) => Event::Start(Tag::Link { link_type, dest_url: safe_link(dest_url), title, id }),
            Event::End(TagEnd::Image) => Event::End(TagEnd::Link),
            event => event,
        });
    pulldown_cmark::html::push_html(out, events);
}

fn safe_link(url: CowStr<'_>) -> CowStr<'_> {
    if is_safe_url(&url) { url } else { CowStr::Borrowed("") }
}

fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        push_escaped_char(out, c);
    }
}

fn push_escaped_char(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        c => out.push(c),
    }
}

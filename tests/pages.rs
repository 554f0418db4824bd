//! A page per code: the Phala pages committed (MDX, compiled by
//! `tests/mdx/run.sh`), the paths `link_template` names, explanations that
//! MDX reads as text, retired codes with their successor, and the HTML
//! error index whose links all resolve (`tests/site/run.sh` opens it in
//! Chromium), and the JSON document read back without a panic whatever it
//! holds (features `html` and `serde_json`).

#[allow(dead_code)]
#[path = "../examples/phala.rs"]
pub mod phala;

use std::collections::BTreeSet;
use std::path::Path;

use error_catalog::render::{self, Flavor, Page};
use error_catalog::{ErrorCatalog, registry};
use phala::Catalog;

/// A catalog whose code pages live under a folder of its `link_template`,
/// with retired codes, and texts that MDX and HTML give a meaning to.
pub mod rustc {
    use error_catalog::{CatalogError, ErrorCatalog};

    #[derive(ErrorCatalog)]
    #[catalog(
        format = "E{code:04}",
        http = false,
        title = "Rust Compiler Error Index",
        link_template = "https://doc.rust-lang.org/error_codes/{code}.html"
    )]
    #[retired(code = "E0001", successor = "E0005", note = "merged into E0005")]
    #[retired(code = "E0002", note = "no longer emitted")]
    pub enum Catalog {}

    /// Refutable pattern in a local binding.
    ///
    /// Patterns used to bind names must be irrefutable: `let Some(x) = f();`
    /// does not compile, as `{x}` or `<T>` in prose do not break the page.
    ///
    /// ```compile_fail,E0005
    /// let x = Some(1);
    /// let Some(y) = x; // {y} and <T> stay code
    /// ```
    ///
    /// <script>alert("not run")</script>
    ///
    /// ![an image](https://example.com/x.png) [a script link](javascript:alert(1))
    #[derive(Debug, CatalogError)]
    #[catalog(catalog = Catalog, code = 5, message = "refutable pattern in local binding", severity = "error")]
    pub struct RefutablePattern;

    /// Mismatched types.
    #[derive(Debug, CatalogError)]
    #[catalog(
        catalog = Catalog,
        code = 308,
        message = "mismatched types: expected `{expected}`",
        suggestion = "Convert the value",
        link(url = "https://doc.rust-lang.org/book/ch03-02-data-types.html", label = "Data types")
    )]
    pub struct MismatchedTypes {
        #[catalog(detail)]
        pub expected: String,
    }

    pub fn modules() -> Vec<(&'static error_catalog::ModuleInfo, &'static [&'static error_catalog::Entry])> {
        let _ = (RefutablePattern, MismatchedTypes { expected: String::new() });
        error_catalog::registry::modules_of::<Catalog>()
    }
}

fn phala_pages(flavor: Flavor) -> Vec<Page> {
    render::pages(Catalog::INFO, &registry::modules_of::<Catalog>(), flavor)
}

#[test]
fn every_phala_code_has_a_committed_page() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/phala-pages");
    let pages = phala_pages(Flavor::Mdx);
    assert_eq!(pages.len(), 29);
    for page in &pages {
        error_catalog::testing::assert_file_current(dir.join(&page.path), &page.text);
    }
    // No page is left behind of a code that is gone.
    let committed: BTreeSet<String> =
        std::fs::read_dir(&dir).unwrap().map(|file| file.unwrap().file_name().into_string().unwrap()).collect();
    let rendered: BTreeSet<String> = pages.iter().map(|page| page.path.clone()).collect();
    assert_eq!(committed, rendered);

    let page = &pages.iter().find(|page| page.path == "ERR-01-005.mdx").unwrap().text;
    assert!(page.starts_with(
        "---\ntitle: ERR-01-005\ndescription: Raised when compose hash needs to be registered on-chain (HTTP 465)\n---\n\
         # `ERR-01-005`: HashRegistrationRequired\n\n"
    ));
    for line in [
        "| Class | `HashRegistrationRequired` |",
        "| Module | 01: CVM API / Preflight |",
        "| Status | 465 |",
        "| Message | `Compose hash registration required on-chain` |",
        "| gRPC code | `FAILED_PRECONDITION` |",
        "## How to fix it",
        "```json",
        "- `kms_info`",
    ] {
        assert!(page.lines().any(|l| l == line), "{line:?} not in\n{page}");
    }
    // The explanation's braces are JSON in a code block: kept as written.
    assert!(page.contains("\n{\"error_code\": \"ERR-01-005\", "), "{page}");
    let duplicate = &pages.iter().find(|page| page.path == "ERR-01-004.mdx").unwrap().text;
    assert!(duplicate.contains("| Status | 409 Conflict |"), "{duplicate}");
    assert!(duplicate.contains("The message is built from the error's fields: (dynamic: A CVM with name '...)"));
}

#[test]
fn markdown_pages_keep_the_explanation_as_written() {
    let pages = render::pages(rustc::Catalog::INFO, &rustc::modules(), Flavor::Markdown);
    let page = &pages.iter().find(|page| page.path == "error_codes/E0005.md").unwrap().text;
    assert!(page.contains("\ndoes not compile, as `{x}` or `<T>` in prose do not break the page.\n"), "{page}");
    assert!(page.contains("<script>alert(\"not run\")</script>"), "{page}");
}

#[test]
fn mdx_pages_escape_prose_and_keep_code() {
    let pages = render::pages(rustc::Catalog::INFO, &rustc::modules(), Flavor::Mdx);
    let page = &pages.iter().find(|page| page.path == "error_codes/E0005.mdx").unwrap().text;
    // In prose: escaped; in a code span or a fenced block: as written.
    assert!(page.contains("\ndoes not compile, as `{x}` or `<T>` in prose do not break the page.\n"), "{page}");
    assert!(page.contains("\nlet Some(y) = x; // {y} and <T> stay code\n"), "{page}");
    assert!(page.contains("\n\\<script>alert(\"not run\")\\</script>\n"), "{page}");
    // Committed beside the Phala pages, for MDX to compile.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/rustc-pages");
    for page in &pages {
        error_catalog::testing::assert_file_current(dir.join(&page.path), &page.text);
    }
}

#[test]
fn pages_live_where_the_link_template_points() {
    let pages = render::pages(rustc::Catalog::INFO, &rustc::modules(), Flavor::Mdx);
    let paths: Vec<&str> = pages.iter().map(|page| page.path.as_str()).collect();
    assert_eq!(
        paths,
        ["error_codes/E0005.mdx", "error_codes/E0308.mdx", "error_codes/E0001.mdx", "error_codes/E0002.mdx"]
    );
    // A retired code's page names its successor, linked where it is published.
    let retired = &pages[2].text;
    assert!(retired.contains("# `E0001` (retired)"), "{retired}");
    assert!(retired.contains("Its successor is [`E0005`](https://doc.rust-lang.org/error_codes/E0005.html)."));
    assert!(retired.contains("merged into E0005"));
    assert!(!pages[3].text.contains("successor"), "{}", pages[3].text);
    // The successor's page lists the code it replaced.
    assert!(pages[0].text.contains(
        "## Replaces\n\nThese retired codes meant what this code means now:\n\n- `E0001`: merged into E0005\n"
    ));
    let mismatched = &pages[1].text;
    for line in [
        "| Message | `` mismatched types: expected `{expected}` `` |",
        "- `expected`",
        "- Convert the value",
        "- [Data types](https://doc.rust-lang.org/book/ch03-02-data-types.html)",
    ] {
        assert!(mismatched.lines().any(|l| l == line), "{line:?} not in\n{mismatched}");
    }
    // No status in a catalog outside HTTP.
    assert!(!mismatched.contains("| Status |"), "{mismatched}");
}

#[test]
fn page_paths_stay_in_their_folder() {
    #[derive(ErrorCatalog)]
    #[catalog(format = "{code:snake_case}", link_template = "https://x.example/../a/./b//{code}/?tab=1#top")]
    pub enum Hostile {}
    assert_eq!(render::page_path(Hostile::INFO, "card_declined", "md"), "a/b/card_declined/index.md");

    #[derive(ErrorCatalog)]
    #[catalog(format = "E|{module:01}-{code:02}", link_template = "/errors/{code}")]
    pub enum Piped {
        #[module(1, name = "One")]
        _One,
    }
    assert_eq!(render::page_path(Piped::INFO, "E|1-01", "mdx"), "errors/E%7C1-01.mdx");
    assert_eq!(render::page_path(Catalog::INFO, "ERR-01-004", "html"), "ERR-01-004.html");
    let dir = std::env::temp_dir().join(format!("error-catalog-pages-{}", std::process::id()));
    let escape = render::write_pages(&dir, &[Page { path: "../x.md".into(), text: String::new() }]);
    assert_eq!(escape.unwrap_err().kind(), std::io::ErrorKind::InvalidInput);
    assert!(!dir.exists());
}

/// The relative links of a site's page, resolved against its path; `None`
/// for a link that leaves the site.
#[cfg(feature = "html")]
fn links(page: &Page) -> Vec<String> {
    let folder: Vec<&str> = page.path.split('/').collect();
    let folder = &folder[..folder.len() - 1];
    page.text
        .split("href=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .filter(|href| !href.contains("://") && !href.is_empty())
        .map(|href| {
            let mut parts: Vec<&str> = folder.to_vec();
            for part in href.split('/') {
                if part == ".." {
                    parts.pop().expect("a link above the site");
                } else {
                    parts.push(part);
                }
            }
            parts.join("/").replace("%25", "%")
        })
        .collect()
}

#[cfg(feature = "html")]
#[test]
fn the_html_index_links_every_page_and_every_link_resolves() {
    for site in [
        render::site(Catalog::INFO, &registry::modules_of::<Catalog>()),
        render::site(rustc::Catalog::INFO, &rustc::modules()),
    ] {
        let paths: BTreeSet<&str> = site.iter().map(|page| page.path.as_str()).collect();
        assert_eq!(site[0].path, "index.html");
        let from_index: BTreeSet<String> = links(&site[0]).into_iter().collect();
        for page in &site[1..] {
            assert!(from_index.contains(&page.path), "the index does not link {}", page.path);
            assert!(links(page).contains(&"index.html".to_owned()), "{} does not link the index", page.path);
        }
        for page in &site {
            for link in links(page) {
                assert!(paths.contains(link.as_str()), "{} links {link}, which is not a page", page.path);
            }
            // Nothing to load from elsewhere: no src, no stylesheet.
            assert!(!page.text.contains(" src="), "{}", page.path);
            assert!(!page.text.contains("<link"), "{}", page.path);
            assert!(page.text.contains("content=\"default-src 'none';"), "{}", page.path);
        }
    }
}

#[cfg(feature = "html")]
#[test]
fn the_html_explanation_is_markdown_and_runs_nothing() {
    let site = render::site(rustc::Catalog::INFO, &rustc::modules());
    let page = &site.iter().find(|page| page.path == "error_codes/E0005.html").unwrap().text;
    assert!(page.contains("<code>let Some(x) = f();</code>"), "{page}");
    assert!(page.contains("<pre><code class=\"language-compile_fail,E0005\">let x = Some(1);\n"), "{page}");
    // Raw HTML is text, an image a link, a `javascript:` link empty.
    assert!(page.contains("&lt;script&gt;alert(\"not run\")&lt;/script&gt;"), "{page}");
    assert_eq!(page.matches("<script").count(), 0, "{page}");
    assert!(page.contains("<a href=\"https://example.com/x.png\">an image</a>"), "{page}");
    assert!(page.contains("<a href=\"\">a script link</a>"), "{page}");
    let retired = &site.iter().find(|page| page.path == "error_codes/E0001.html").unwrap().text;
    assert!(retired.contains("Its successor is <a href=\"../error_codes/E0005.html\"><code>E0005</code></a>."));
    let index = &site[0].text;
    // Its own columns: a severity (E0005 states one), no status outside HTTP.
    assert!(index.contains("<thead><tr><th>Code</th><th>Class</th><th>Message</th><th>Severity</th></tr></thead>"));
    assert!(index.contains("</small></td><td>error</td></tr>\n"), "{index}");
    assert!(
        index.contains(
            "<tr data-search=\"e0308 mismatchedtypes mismatched types: expected `{expected}` mismatched types.\">"
        ),
        "{index}"
    );
}

/// The JSON document read back (`render::Loaded`, what the `error-catalog`
/// tool reads) never panics: every truncation of the Phala document is an
/// error naming a line, and every string or number of it replaced by a
/// hostile value either is refused or renders every document.
#[cfg(all(feature = "serde_json", feature = "html"))]
#[test]
fn a_document_read_back_is_refused_or_rendered_never_a_panic() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/phala-catalog.json")).unwrap();
    for end in (0..text.len()).step_by(41) {
        let error = render::Loaded::from_json(&text[..end]).unwrap_err();
        assert!(error.to_string().starts_with("line "), "{error}");
    }
    let document: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut paths = Vec::new();
    leaves(&document, &mut Vec::new(), &mut paths);
    let hostile: [serde_json::Value; 9] = [
        "".into(),
        "{".into(),
        "}{x}{{".into(),
        "ERR-99-999".into(),
        "x".repeat(100).into(),
        (-1).into(),
        65535.into(),
        serde_json::Value::Null,
        true.into(),
    ];
    let (mut refused, mut rendered) = (0, 0);
    for path in &paths {
        for value in &hostile {
            let mut changed = document.clone();
            *path.iter().fold(&mut changed, |node, key| match key {
                Key::Index(index) => &mut node[*index],
                Key::Name(name) => &mut node[name.as_str()],
            }) = value.clone();
            match render::Loaded::from_json(&changed.to_string()) {
                Err(error) => {
                    assert!(error.to_string().starts_with("line "), "{error}");
                    refused += 1;
                }
                Ok(loaded) => {
                    let (info, modules) = (loaded.info(), loaded.modules());
                    let _ = render::markdown(info, &modules);
                    let _ = render::pages(info, &modules, Flavor::Mdx);
                    let _ = render::site(info, &modules);
                    let _ = render::typescript::source(info, &modules);
                    let _ = render::python::source(info, &modules);
                    rendered += 1;
                }
            }
        }
    }
    assert!(refused > 100 && rendered > 100, "{refused} refused, {rendered} rendered");
}

#[cfg(all(feature = "serde_json", feature = "html"))]
enum Key {
    Index(usize),
    Name(String),
}

/// The path of every string and number of `value`.
#[cfg(all(feature = "serde_json", feature = "html"))]
fn leaves(value: &serde_json::Value, path: &mut Vec<Key>, out: &mut Vec<Vec<Key>>) {
    let copy = |path: &Vec<Key>| {
        path.iter()
            .map(|key| match key {
                Key::Index(index) => Key::Index(*index),
                Key::Name(name) => Key::Name(name.clone()),
            })
            .collect()
    };
    match value {
        serde_json::Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                path.push(Key::Index(index));
                leaves(item, path, out);
                path.pop();
            }
        }
        serde_json::Value::Object(members) => {
            for (name, member) in members {
                path.push(Key::Name(name.clone()));
                leaves(member, path, out);
                path.pop();
            }
        }
        _ => out.push(copy(path)),
    }
}

//! The Phala catalog as data: the registry, the published page, the JSON
//! document and the stability lock, all from the example's types.

#[allow(dead_code)]
#[path = "../examples/phala.rs"]
pub mod phala;

use error_catalog::Code;
use error_catalog::registry;
use phala::Catalog;

#[test]
fn the_rendered_page_is_the_published_one() {
    // The fixture copied from the published catalog, byte for byte.
    error_catalog::testing::assert_document_current::<Catalog>(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/phala-error-codes.mdx"
    ));
    assert_eq!(phala::markdown(), include_str!("data/phala-error-codes.mdx"));
}

#[test]
fn the_json_document_is_committed_and_follows_its_schema() {
    let json = phala::json() + "\n";
    error_catalog::testing::assert_file_current(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/phala-catalog.json"),
        &json,
    );
    let document: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(document["schema"], "error-catalog/v1");
    assert_eq!(document["catalog"]["format"], "ERR-{module:02}-{code:03}");
    assert_eq!(document["modules"].as_array().map(Vec::len), Some(4));
    let entries = document["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 29);
    let duplicate = entries.iter().find(|entry| entry["code"] == "ERR-01-004").unwrap();
    assert_eq!(
        duplicate,
        &serde_json::json!({
            "code": "ERR-01-004",
            "module": 1,
            "module_name": "CVM API / Preflight",
            "number": 4,
            "class": "DuplicateCvmNameError",
            "status": 409,
            "message": "A CVM with name '{name}' already exists",
            "dynamic": true,
            "fields": ["name"],
            "details": ["name"],
            "description": "Raised when a CVM name already exists in the workspace (HTTP 409)",
            "suggestions": duplicate["suggestions"].clone(),
            "links": duplicate["links"].clone(),
            "aliases": [],
            "severity": null,
            "retryable": null,
            "grpc": duplicate["grpc"].clone(),
            "reason": "DUPLICATE_CVM_NAME_ERROR",
            "url": null,
        })
    );
    // The doc comment's paragraphs after the first are the explanation;
    // a code whose comment has one paragraph has none.
    let explained: Vec<&str> = entries
        .iter()
        .filter(|entry| entry.get("explanation").is_some())
        .map(|e| e["code"].as_str().unwrap())
        .collect();
    assert_eq!(explained, ["ERR-01-005", "ERR-03-005"]);
    let registration = entries.iter().find(|entry| entry["code"] == "ERR-01-005").unwrap();
    assert_eq!(registration["description"], "Raised when compose hash needs to be registered on-chain (HTTP 465)");
    let explanation = registration["explanation"].as_str().unwrap();
    assert!(explanation.starts_with("A CVM of an application whose KMS is on-chain runs only a compose\nfile"));
    assert!(explanation.contains("\n## How to fix it\n\n"), "{explanation}");
    assert!(explanation.ends_with("\n```"), "{explanation}");
    assert_eq!(document["catalog"]["shape"], "numbered");
    assert_eq!(document["catalog"]["http"], true);
    assert_eq!(document["retired"], serde_json::json!([]));
}

#[test]
fn published_codes_keep_their_meaning() {
    error_catalog::testing::assert_stable::<Catalog>(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/phala-catalog.lock"
    ));
}

#[test]
fn the_registry_holds_every_code_of_the_catalog() {
    let entries = registry::entries_of::<Catalog>();
    assert_eq!(entries.len(), 29);
    assert!(
        entries
            .windows(2)
            .all(|pair| (pair[0].module_number(), pair[0].number()) < (pair[1].module_number(), pair[1].number()))
    );

    let entry = registry::lookup("ERR-01-004").unwrap();
    assert_eq!(entry.class_name(), "DuplicateCvmNameError");
    assert_eq!(entry.type_path(), "catalog::phala::preflight::DuplicateCvmNameError");
    assert!(registry::lookup("ERR-01-009").is_none());
    assert!(registry::lookup("").is_none());
    assert!(registry::lookup("ERR-99-999").is_none());
    // The hash table over the codes: every linked code is found, as the
    // first entry of its code in code order (what the binary search found),
    // and near misses, a code's prefix and texts of any length are not.
    let all = registry::entries();
    for entry in all {
        let first = all
            .iter()
            .filter(|other| other.code() == entry.code())
            .min_by_key(|other| (std::ptr::from_ref(other.catalog()) as usize, other.type_path()));
        assert!(std::ptr::eq(registry::lookup(entry.code()).unwrap(), *first.unwrap()), "{}", entry.code());
        let code = entry.code();
        for near in [&code[..code.len() - 1], &format!("{code} "), &format!(" {code}"), &code.to_lowercase()] {
            assert!(registry::lookup(near).is_none_or(|found| found.code() == near), "{near}");
        }
    }
    for len in [63, 64, 65, 1000] {
        assert!(registry::lookup(&"E".repeat(len)).is_none());
    }

    let code: Code<Catalog> = "ERR-02-015".parse().unwrap();
    assert_eq!(registry::lookup_code(code).map(|entry| entry.class_name()), Some("QuotaExceededError"));
    assert!(registry::lookup_code(Code::<Catalog>::new(3, 3).unwrap()).is_none());

    let modules = registry::modules_of::<Catalog>();
    let counts: Vec<(u16, usize)> = modules.iter().map(|(module, entries)| (module.number(), entries.len())).collect();
    assert_eq!(counts, [(1, 8), (2, 15), (3, 3), (4, 3)]);

    // Every value's entry is the registered one.
    for error in phala::all() {
        assert!(std::ptr::eq(registry::lookup(error.code_str()).unwrap(), error.entry()));
    }
}

#[test]
fn codes_are_unique_across_the_program() {
    registry::assert_unique_codes();
}

#[test]
fn a_diff_that_is_only_line_endings_says_so() {
    let page = include_str!("data/phala-error-codes.mdx");
    let crlf = page.replace('\n', "\r\n");
    assert_eq!(
        error_catalog::testing::diff(&crlf, page),
        "line endings differ: old text CRLF, new text LF; nothing else differs\n"
    );

    // Line endings and one line: the diff says both, and shows that line only.
    let renamed = page.replacen("| `DuplicateCvmNameError` |", "| `CvmNameTakenError` |", 1);
    let diff = error_catalog::testing::diff(&crlf, &renamed);
    let mut lines = diff.lines();
    assert_eq!(
        lines.next(),
        Some("line endings differ: old text CRLF, new text LF; the lines are compared without them")
    );
    let changed: Vec<&str> = lines.filter(|line| line.starts_with(['-', '+'])).collect();
    assert_eq!(changed.len(), 2, "{diff}");
    assert!(changed[0].starts_with("-| `ERR-01-004` | `DuplicateCvmNameError`"), "{diff}");
    assert!(changed[1].starts_with("+| `ERR-01-004` | `CvmNameTakenError`"), "{diff}");

    // What a CRLF checkout of the page tells the user (when not blessing,
    // which would rewrite the file instead).
    if std::env::var_os(error_catalog::testing::BLESS_VAR).is_some() {
        return;
    }
    let path = std::env::temp_dir().join(format!("error-catalog-crlf-{}.mdx", std::process::id()));
    std::fs::write(&path, &crlf).unwrap();
    let failure = std::panic::catch_unwind(|| error_catalog::testing::assert_file_current(&path, page)).unwrap_err();
    std::fs::remove_file(&path).unwrap();
    let message = failure.downcast_ref::<String>().unwrap();
    assert!(message.contains("line endings differ: old text CRLF, new text LF; nothing else differs"), "{message}");
}

/// A catalog whose texts hold what Markdown tables and MDX give a meaning
/// to: pipes, braces, `<`, backslashes, backticks and line breaks.
pub mod hostile {
    use error_catalog::{CatalogError, ErrorCatalog};

    #[derive(ErrorCatalog)]
    #[catalog(
        format = "E|{module:01}-{code:02}",
        title = "Errors: {all} <of> them",
        description = "a | b # c \\ d",
        api = "The {API} <v2> | \\ `x`"
    )]
    pub enum Catalog {
        #[module(1, name = "Name|With|Pipes {and} <braces>")]
        Pipes,
        #[module(2, name = "Declared, without codes yet")]
        Empty,
        #[module(3, name = "Two\nlines")]
        Last,
    }

    /// Raised when {x} is <y> | z \ w
    #[derive(Debug, CatalogError)]
    #[catalog(catalog = Catalog, module = 1, code = 1, name = "Name|With|Pipes", message = "Value {{x}} <b> | c \\ d")]
    pub struct PipesError;

    /// Raised when a class name has a backtick
    #[derive(Debug, CatalogError)]
    #[catalog(catalog = Catalog, module = 1, code = 2, name = "Back`tick<T>{x}|y", message = "Took <{value}> ms")]
    pub struct BacktickError {
        #[catalog(detail)]
        pub value: u32,
    }

    /// Raised on a second line.
    ///
    /// Not in the catalog: only the first paragraph is.
    #[derive(Debug, CatalogError)]
    #[catalog(catalog = Catalog, module = 3, code = 1, name = "Back\\slash|y", message = "Line one\nline {{two}}")]
    pub struct MultilineError;

    /// The page of this catalog.
    pub fn markdown() -> String {
        // Name one item of each type so that the registry has them.
        let _ = (PipesError, BacktickError { value: 1 }, MultilineError);
        error_catalog::render::markdown(
            <Catalog as ErrorCatalog>::INFO,
            &error_catalog::registry::modules_of::<Catalog>(),
        )
    }
}

/// The cells of a table row, cut as GitHub and MDX cut them: at each `|`
/// that no backslash escapes.
fn cells(row: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut chars = row.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let cell = cells.last_mut().unwrap();
                cell.push(c);
                cell.extend(chars.next());
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    cells
}

/// The characters MDX reads as the start of an expression or a tag, found
/// outside code spans and not escaped.
fn unescaped_mdx(text: &str) -> Vec<char> {
    let mut found = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '`' => {
                let mut fence = 1;
                while chars.next_if_eq(&'`').is_some() {
                    fence += 1;
                }
                // Skip to the closing fence of the same length.
                let mut run = 0;
                for c in chars.by_ref() {
                    if c == '`' {
                        run += 1;
                    } else if run == fence {
                        break;
                    } else {
                        run = 0;
                    }
                }
            }
            '{' | '}' | '<' => found.push(c),
            _ => {}
        }
    }
    found
}

#[test]
fn the_page_escapes_pipes_braces_and_tags_in_every_text() {
    let page = hostile::markdown();
    // Committed, for `tests/mdx/run.sh`, which compiles it with MDX.
    error_catalog::testing::assert_file_current(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/hostile-catalog.mdx"),
        &page,
    );
    // The tags the page writes itself are the only ones.
    let text = page.replace("<br/>", "").replace("<code>", "").replace("</code>", "");
    let front_matter_end = text.match_indices("---\n").nth(1).unwrap().0 + 4;
    assert_eq!(unescaped_mdx(&text[front_matter_end..]), Vec::<char>::new(), "{page}");

    let rows: Vec<&str> = page.lines().filter(|line| line.starts_with("| `")).collect();
    assert_eq!(rows.len(), 3, "{page}");
    for row in &rows {
        // `| a | b | c |` is five pieces: the three cells and two empty ends.
        assert_eq!(cells(row).len(), 5, "{row}");
    }
    assert_eq!(
        rows[0],
        r"| `E\|1-01` | `Name\|With\|Pipes` | Value \{x\} \<b> \| c \\ d<br/>*Raised when \{x\} is \<y> \| z \\ w* |"
    );
    assert_eq!(
        rows[1],
        r"| `E\|1-02` | ``Back`tick<T>{x}\|y`` | (dynamic: Took \<...)<br/>*Raised when a class name has a backtick* |"
    );
    assert_eq!(
        rows[2],
        r"| `E\|3-01` | <code>Back\\slash\|y</code> | Line one<br/>line \{two\}<br/>*Raised on a second line.* |"
    );
    assert!(page.starts_with(
        "---\ntitle: \"Errors: {all} <of> them\"\ndescription: \"a | b # c \\\\ d\"\n---\n# Error Code Catalog\n\n\
         This document lists all error codes used by The \\{API\\} \\<v2> \\| \\\\ \\`x\\`.\n\n\
         Error codes follow the format `E|{MODULE}-{CODE}` where:\n"
    ));
    assert!(page.contains("\n## Module 1: Name\\|With\\|Pipes \\{and\\} \\<braces>\n"), "{page}");
    assert!(page.contains("\n- **Module 3** - Two lines\n"), "{page}");
}

#[test]
fn a_module_without_codes_is_listed_and_gets_no_table() {
    let page = hostile::markdown();
    assert!(page.contains("\n- **Module 2** - Declared, without codes yet\n"), "{page}");
    assert!(!page.contains("## Module 2"), "{page}");
    let headings: Vec<&str> = page.lines().filter(|line| line.starts_with("## Module ")).collect();
    assert_eq!(headings, ["## Module 1: Name\\|With\\|Pipes \\{and\\} \\<braces>", "## Module 3: Two lines"]);
    assert_eq!(page.matches("| Error Code | Exception Class | Message |").count(), 2, "{page}");
}

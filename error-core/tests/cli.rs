//! The `error-catalog` binary, run as a user runs it, over the committed
//! JSON document of the Phala catalog (`tests/data/phala-catalog.json` of the
//! workspace, kept current by `tests/catalog.rs`): each command's output,
//! its exit status, and its message on a bad file.
#![cfg(feature = "cli")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data").join(name)
}

fn phala() -> PathBuf {
    data("phala-catalog.json")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_error-catalog")).args(args).output().expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// A folder of this test's own, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("error-catalog-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    fn write(&self, name: &str, text: impl AsRef<[u8]>) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn catalog_arg() -> String {
    phala().to_str().unwrap().to_owned()
}

#[test]
fn list_prints_one_line_per_code() {
    let out = run(&["--catalog", &catalog_arg(), "list"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 29, "{stdout}");
    assert_eq!(lines[0], "ERR-01-001  404  NodeNotFoundError  The requested node is not available");
    assert!(lines.contains(&"ERR-01-004  409  DuplicateCvmNameError  A CVM with name '{name}' already exists"));

    let out = run(&["--catalog", &catalog_arg(), "list", "--json"]);
    assert!(out.status.success());
    let codes: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes = codes.as_array().unwrap();
    assert_eq!(codes.len(), 29);
    assert_eq!(
        codes[4],
        serde_json::json!({"code": "ERR-01-005", "status": 465, "class": "HashRegistrationRequired",
                           "message": "Compose hash registration required on-chain"})
    );
}

#[test]
fn explain_prints_the_page_of_a_code_with_its_explanation() {
    let out = run(&["--catalog", &catalog_arg(), "explain", "ERR-01-005"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let page = text(&out.stdout);
    assert!(page.starts_with("# `ERR-01-005`: HashRegistrationRequired\n"), "{page}");
    assert!(page.contains("\n| Status | 465 |\n"), "{page}");
    assert!(page.contains("\n## How to fix it\n"), "{page}");
    assert!(page.contains("\n- `kms_info`\n"), "{page}");
    // Lower case finds it too; a code the catalog does not have is refused.
    assert_eq!(run(&["--catalog", &catalog_arg(), "explain", "err-01-005"]).stdout, out.stdout);
    let out = run(&["--catalog", &catalog_arg(), "explain", "ERR-09-999"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), "error-catalog: ERR-09-999 is not a code of the catalog `Catalog`\n");
    assert!(out.stdout.is_empty());
}

#[test]
fn render_writes_every_document_as_the_library_does() {
    let scratch = Scratch::new("render");
    let dir = |name: &str| scratch.0.join(name).to_str().unwrap().to_owned();
    for format in ["md", "mdx", "html", "ts", "py"] {
        let out = run(&["--catalog", &catalog_arg(), "render", "--format", format, "--out", &dir(format)]);
        assert!(out.status.success(), "{format}: {}", text(&out.stderr));
    }
    let read = |path: &str| std::fs::read_to_string(scratch.0.join(path)).unwrap();
    // From the JSON document, byte for byte what the crate renders.
    assert_eq!(read("md/index.md"), std::fs::read_to_string(data("phala-error-codes.mdx")).unwrap());
    assert_eq!(read("mdx/index.mdx"), read("md/index.md"));
    for page in std::fs::read_dir(data("phala-pages")).unwrap() {
        let page = page.unwrap();
        let name = page.file_name().into_string().unwrap();
        assert_eq!(read(&format!("mdx/{name}")), std::fs::read_to_string(page.path()).unwrap(), "{name}");
    }
    assert!(read("md/ERR-01-005.md").contains("## How to fix it"));
    assert_eq!(read("ts/catalog.ts"), std::fs::read_to_string(data("phala-catalog.ts")).unwrap());
    assert_eq!(read("py/catalog.py"), std::fs::read_to_string(data("phala_catalog.py")).unwrap());
    let index = read("html/index.html");
    assert!(index.contains("<a href=\"ERR-01-005.html\"><code>ERR-01-005</code></a>"), "{index}");
    assert_eq!(std::fs::read_dir(scratch.0.join("html")).unwrap().count(), 30);
}

/// The Phala document with `edit` applied to its JSON.
fn edited(scratch: &Scratch, name: &str, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut document: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(phala()).unwrap()).unwrap();
    edit(&mut document);
    scratch.write(name, serde_json::to_string_pretty(&document).unwrap())
}

#[test]
fn diff_writes_a_changelog_and_refuses_what_the_lock_refuses() {
    let scratch = Scratch::new("diff");
    let old = catalog_arg();

    let out = run(&["diff", &old, &old]);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), "# Changes to the catalog `Catalog`\n\nNo change.\n");

    // A new code, a code retired with its successor, and new details: the
    // lock keeps every promise.
    let grown = edited(&scratch, "grown.json", |document| {
        let entries = document["entries"].as_array_mut().unwrap();
        let mut new = entries[0].clone();
        new["code"] = "ERR-01-009".into();
        new["number"] = 9.into();
        new["class"] = "NodeGoneError".into();
        entries.insert(8, new);
        let gone = entries.remove(1);
        document["retired"] =
            serde_json::json!([{"code": gone["code"], "successor": "ERR-01-003", "note": "one code for both"}]);
        document["entries"][3]["details"] = serde_json::json!(["name", "workspace"]);
    });
    let out = run(&["diff", &old, &grown]);
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "# Changes to the catalog `Catalog`\n\n\
         ## Added\n\n- `ERR-01-009` `NodeGoneError`: The requested node is not available\n\n\
         ## Retired\n\n- `ERR-01-002`, replaced by `ERR-01-003`: one code for both\n\n\
         ## Changed\n\n- `ERR-01-005`: details `compose_hash`, `app_id`, `device_id`, `kms_info` are now `name`, `workspace`\n"
    );

    // A renamed class, a new message and status, a code gone: refused.
    let broken = edited(&scratch, "broken.json", |document| {
        let entries = document["entries"].as_array_mut().unwrap();
        entries[0]["class"] = "NodeMissing".into();
        entries[2]["message"] = "The compose file is wrong".into();
        entries[2]["status"] = 422.into();
        entries.remove(1);
    });
    let out = run(&["diff", &old, &broken]);
    assert_eq!(out.status.code(), Some(1));
    let changelog = text(&out.stdout);
    for line in [
        "## Renamed",
        "- `ERR-01-001`: `NodeNotFoundError` is now `NodeMissing`",
        "- `ERR-01-003`: message \"The Docker Compose file contains errors\" is now \"The compose file is wrong\"",
        "- `ERR-01-003`: status 400 is now 422",
        "## Refused by the stability lock",
    ] {
        assert!(changelog.lines().any(|l| l == line), "{line:?} not in\n{changelog}");
    }
    assert!(changelog.contains("ERR-01-002 was published and is gone"), "{changelog}");
    assert_eq!(text(&out.stderr), "error-catalog: 4 changes that the stability lock refuses\n");
}

/// Runs `list` over a file holding `document`: its exit status and stderr.
fn refused(scratch: &Scratch, name: &str, document: impl AsRef<[u8]>) -> (Option<i32>, String) {
    let path = scratch.write(name, document);
    let out = run(&["--catalog", &path, "list"]);
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.stdout.is_empty());
    (out.status.code(), stderr.replace(&path, "FILE"))
}

#[test]
fn a_bad_document_is_named_with_its_line_never_a_panic() {
    let scratch = Scratch::new("bad");
    let phala = std::fs::read_to_string(phala()).unwrap();
    let cases = [
        (
            "syntax",
            "{\n  \"schema\": \"error-catalog/v1\",\n  \"catalog\": {\n",
            "line 4, column 0: EOF while parsing an object",
        ),
        (
            "type",
            "{\"schema\": \"error-catalog/v1\",\n \"catalog\": {\"name\": 3}}",
            "line 2, column 22: invalid type: integer `3`, expected a string",
        ),
        (
            "schema",
            "{\"schema\": \"error-catalog/v9\", \"catalog\": {\"name\": \"C\", \"format\": \"{code}\", \"default_status\": 400, \"link_template\": null}}",
            "line 1: the document's schema is \"error-catalog/v9\", not \"error-catalog/v1\": write it with this version",
        ),
        ("empty", "", "line 1, column 0: EOF while parsing a value"),
    ];
    for (name, document, message) in cases {
        assert_eq!(refused(&scratch, name, document), (Some(2), format!("error-catalog: FILE: {message}\n")), "{name}");
    }
    // A value the catalog cannot have: the line that holds it.
    let line = |needle: &str| phala.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let bad_code = phala.replacen("\"code\": \"ERR-02-003\"", "\"code\": \"ERR-2-003\"", 1);
    assert_eq!(
        refused(&scratch, "code", &bad_code),
        (
            Some(2),
            format!(
                "error-catalog: FILE: line {}: \"ERR-2-003\": error code number has the wrong number of digits\n",
                line("\"code\": \"ERR-02-003\"")
            )
        )
    );
    let bad_format = phala.replacen("ERR-{module:02}-{code:03}", "ERR-{module:02}-{code:0}", 1);
    let (status, message) = refused(&scratch, "format", &bad_format);
    assert_eq!(status, Some(2));
    assert!(message.starts_with("error-catalog: FILE: line 5: the catalog's format: "), "{message}");
    let bad_module = phala.replacen("\"module\": 4,", "\"module\": 7,", 1);
    let (status, message) = refused(&scratch, "module", &bad_module);
    assert_eq!(status, Some(2));
    assert!(message.ends_with("is in module 7, which is not declared\n"), "{message}");
    let bad_grpc = phala.replacen("\"FAILED_PRECONDITION\"", "\"FAILED\"", 1);
    let (_, message) = refused(&scratch, "grpc", &bad_grpc);
    assert!(message.contains("\"FAILED\", is not a gRPC code"), "{message}");
    assert_eq!(refused(&scratch, "binary", b"{\n\xff").0, Some(2));

    // Too large: refused before it is read whole.
    let path = scratch.write("large.json", " ".repeat(16 << 20 | 1));
    let out = run(&["--catalog", &path, "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).ends_with(": more than the 16777216 bytes a catalog document may have\n"));

    let out = run(&["--catalog", "/nonexistent/catalog.json", "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).starts_with("error-catalog: /nonexistent/catalog.json: cannot open it: "));
    let out = run(&["list"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr), "error-catalog: name the catalog's JSON document with --catalog FILE\n");
}

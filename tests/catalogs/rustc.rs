//! rustc's error codes (`E0308`): flat numbers padded to four digits, no
//! HTTP statuses, one documentation page per code, and codes that are no
//! longer emitted but stay documented.
//!
//! Source: the Rust compiler's error code index, github.com/rust-lang/rust,
//! `compiler/rustc_error_codes/src/lib.rs` (the list of codes and, in its
//! closing comment, the removed ones) at commit 063ef18fdc10cb0eb49e1af855e1a8e807e73eed,
//! and `compiler/rustc_error_codes/src/error_codes/EXXXX.md` (each message
//! is the first sentence of its file, line breaks joined) as stored at:
//! E0004 b75fd0980f258563ee40c50deff89599377619d9, E0005 6ead205843eabf8121107b2f95c55be857f195e6,
//! E0015 72d24d01f534550886f180a34864d168de393935, E0277 702662e4bd89811c9ce1b20ae114c6e8ccaf785c,
//! E0282 15b660fd9ddfe117e0a6393a5b3727b7f72969a7, E0308 b43bcb6021e7cfd06c751a94e904ce86e7f0e996,
//! E0382 42e450d6a0b5442085466bd0a93b2a77190ae0ce, E0384 b75fd0980f258563ee40c50deff89599377619d9,
//! E0425 c627e1cde6b9e714ab1ff492241cfa3fe921a2df, E0432 d48303b7885df3ef7e4aa975935edf9b02eba0e7,
//! E0433 702662e4bd89811c9ce1b20ae114c6e8ccaf785c, E0499 053c8a0b5f857d9fe2e22ed729ebbd8c2853b344,
//! E0502 010891f8b83d0795d8d92770755f0a0cc1d0a91d, E0597 36af32a74068895575b84d9ded975ce9cd81bc87,
//! E0609 1604c376d6befc00f1123d2355afc92e47f9b007, E0001 a8a40ea9a4947a7b46421564517ee2aa4e3711f0,
//! E0412 15ddd4c85084e1c8a80f5228177ea66e77c7af73.
//! rustc names an error by its code alone, so the class name is the code.

use error_catalog::body::Body;
use error_catalog::render::{self, python, typescript};
use error_catalog::{CatalogError, Code, ErrorCatalog, ParseCodeError, Shape, registry};
use proptest::prelude::*;

#[derive(ErrorCatalog)]
#[catalog(
    format = "E{code:04}",
    http = false,
    title = "Rust Compiler Error Index",
    api = "rustc",
    link_template = "https://doc.rust-lang.org/error_codes/{code}.html"
)]
#[retired(code = "E0001", note = "this error code is no longer emitted by the compiler.")]
#[retired(code = "E0006", successor = "E0005", note = "merged with E0005")]
#[retired(code = "E0019", successor = "E0015", note = "merged into E0015")]
#[retired(code = "E0612", successor = "E0609", note = "merged into E0609")]
#[retired(
    code = "E0412",
    successor = "E0425",
    note = "Unresolved types are now reported under the unified error code E0425 (\"cannot find ... in this scope\")."
)]
pub enum Catalog {}

#[derive(Debug, CatalogError)]
pub enum RustcError {
    #[catalog(
        code = 4,
        message = "This error indicates that the compiler cannot guarantee a matching pattern for one or more possible inputs to a match expression."
    )]
    E0004,
    #[catalog(
        code = 5,
        message = "Patterns used to bind names must be irrefutable, that is, they must guarantee that a name will be extracted in all cases."
    )]
    E0005,
    #[catalog(code = 15, message = "A non-`const` function was called in a `const` context.")]
    E0015,
    #[catalog(
        code = 277,
        message = "You tried to use a type which doesn't implement some trait in a place which expected that trait."
    )]
    E0277,
    #[catalog(code = 282, message = "The compiler could not infer a type and asked for a type annotation.")]
    E0282,
    #[catalog(code = 308, message = "Expected type did not match the received type.")]
    E0308,
    #[catalog(code = 382, message = "A variable was used after its contents have been moved elsewhere.")]
    E0382,
    #[catalog(code = 384, message = "An immutable variable was reassigned.")]
    E0384,
    #[catalog(code = 425, message = "An unresolved name was used.")]
    E0425,
    #[catalog(code = 432, message = "An import was unresolved.")]
    E0432,
    #[catalog(code = 433, message = "An undeclared crate, module, or type was used.")]
    E0433,
    #[catalog(code = 499, message = "A variable was borrowed as mutable more than once.")]
    E0499,
    #[catalog(code = 502, message = "A variable already borrowed as immutable was borrowed as mutable.")]
    E0502,
    #[catalog(code = 597, message = "This error occurs because a value was dropped while it was still borrowed.")]
    E0597,
    #[catalog(code = 609, message = "Attempted to access a nonexistent field in a struct.")]
    E0609,
}

const ALL: [RustcError; 15] = [
    RustcError::E0004,
    RustcError::E0005,
    RustcError::E0015,
    RustcError::E0277,
    RustcError::E0282,
    RustcError::E0308,
    RustcError::E0382,
    RustcError::E0384,
    RustcError::E0425,
    RustcError::E0432,
    RustcError::E0433,
    RustcError::E0499,
    RustcError::E0502,
    RustcError::E0597,
    RustcError::E0609,
];

fn info() -> &'static error_catalog::CatalogInfo {
    <Catalog as ErrorCatalog>::INFO
}

#[test]
fn every_code_renders_as_rustc_writes_it() {
    assert_eq!(info().format().shape(), Shape::Flat);
    assert!(!info().is_http());
    for error in &ALL {
        // The variant is named after its code: the debug name is the code.
        let expected = format!("{error:?}");
        assert_eq!(error.code_str(), expected);
        assert_eq!(error.code().to_string(), expected);
        assert_eq!(error.class_name(), expected);
        assert_eq!(error.entry().http_status(), None);
        assert_eq!(error.entry().number(), expected[1..].parse::<i64>().unwrap());
    }
    assert_eq!(RustcError::E0308.to_string(), "Expected type did not match the received type.");
    assert_eq!(RustcError::E0015.message(), "A non-`const` function was called in a `const` context.");
}

#[test]
fn each_code_links_to_its_page() {
    let mut link = String::new();
    info().write_link("E0308", &mut link).unwrap();
    assert_eq!(link, "https://doc.rust-lang.org/error_codes/E0308.html");
    assert_eq!(info().link_template(), Some("https://doc.rust-lang.org/error_codes/{code}.html"));
}

#[test]
fn retired_codes_stay_documented_with_their_successor() {
    let retired = info().retired();
    assert_eq!(retired.len(), 5);
    let e0412 = retired.iter().find(|code| code.code() == "E0412").unwrap();
    assert_eq!(e0412.successor(), Some("E0425"));
    assert!(e0412.note().starts_with("Unresolved types are now reported"));
    let e0001 = retired.iter().find(|code| code.code() == "E0001").unwrap();
    assert_eq!(e0001.successor(), None);
    assert!(info().is_retired_code("E0006"));
    assert!(!info().is_retired_code("E0005"));
    // A retired code is still a code of the format: it parses.
    assert_eq!("E0006".parse::<Code<Catalog>>().map(|code| code.number()), Ok(6));
}

#[test]
fn the_page_and_the_documents_list_every_code() {
    let modules = registry::modules_of::<Catalog>();
    let page = render::markdown(info(), &modules);
    let json = serde_json::to_value(render::Document::new(info(), &modules)).unwrap();
    let ts = typescript::source(info(), &modules);
    let py = python::source(info(), &modules);
    for error in &ALL {
        let code = error.code_str();
        assert!(page.contains(&format!("`{code}`")), "{code} missing from the page:\n{page}");
        assert!(ts.contains(&format!("\"{code}\"")), "{code} missing from the TypeScript module");
        assert!(py.contains(&format!("\"{code}\"")), "{code} missing from the Python module");
        let entries = json["entries"].as_array().unwrap();
        assert!(entries.iter().any(|entry| entry["code"] == code), "{code} missing from the JSON document");
    }
}

#[test]
fn the_page_and_the_json_document_keep_retired_codes() {
    let modules = registry::modules_of::<Catalog>();
    let page = render::markdown(info(), &modules);
    let json = serde_json::to_string(&render::Document::new(info(), &modules)).unwrap();
    for retired in ["E0001", "E0006", "E0019", "E0612", "E0412"] {
        assert!(page.contains(retired), "retired {retired} missing from the page:\n{page}");
        assert!(json.contains(retired), "retired {retired} missing from the JSON document:\n{json}");
    }
    assert!(page.contains("E0425"), "the successor of E0412 missing from the page:\n{page}");
}

#[test]
fn the_json_document_claims_no_http_status() {
    let json = serde_json::to_value(render::Document::new(info(), &[])).unwrap();
    assert_eq!(json["catalog"]["default_status"], serde_json::Value::Null);
}

#[test]
fn codes_parse_back_and_near_misses_fail() {
    for error in &ALL {
        let parsed: Code<Catalog> = error.code_str().parse().unwrap();
        assert_eq!(parsed, error.code());
        assert_eq!(parsed.to_string(), error.code_str());
    }
    assert_eq!("e0308".parse::<Code<Catalog>>(), Err(ParseCodeError::Prefix));
    assert_eq!("E308".parse::<Code<Catalog>>(), Err(ParseCodeError::Digits));
    assert_eq!("E00308".parse::<Code<Catalog>>(), Err(ParseCodeError::Suffix));
    assert_eq!("E0000".parse::<Code<Catalog>>(), Err(ParseCodeError::ZeroCode));
    assert_eq!("E0308 ".parse::<Code<Catalog>>(), Err(ParseCodeError::Suffix));
    assert_eq!("E03O8".parse::<Code<Catalog>>(), Err(ParseCodeError::Digits));
    assert_eq!(Code::<Catalog>::new(0, 308).map(|code| code.to_string()).as_deref(), Some("E0308"));
    assert!(Code::<Catalog>::new(0, 10_000).is_none());
}

proptest! {
    #[test]
    fn every_number_round_trips(number in 1i64..=9_999) {
        let code = Code::<Catalog>::new(0, number).unwrap();
        let text = code.to_string();
        prop_assert_eq!(text.len(), 5);
        prop_assert_eq!(text.parse::<Code<Catalog>>(), Ok(code));
    }
}

#[test]
fn the_body_carries_the_code_and_the_client_reads_it_back() {
    let error = RustcError::E0308;
    let body = serde_json::to_value(Body::new(&error)).unwrap();
    assert_eq!(
        body,
        serde_json::json!({ "error_code": "E0308", "message": "Expected type did not match the received type." })
    );
    let bytes = serde_json::to_vec(&Body::new(&error)).unwrap();
    let remote = error_catalog::client::RemoteError::parse(error.status(), &bytes).unwrap();
    assert_eq!(remote.code(), "E0308");
    assert!(remote.is::<RustcError>());
    assert_eq!(remote.typed_code::<Catalog>(), Some(error.code()));
    assert!(std::ptr::eq(remote.entry().unwrap(), error.entry()));
}

#[test]
fn the_registry_finds_each_code() {
    let entries = registry::entries_of::<Catalog>();
    assert_eq!(entries.len(), ALL.len());
    for error in &ALL {
        assert!(std::ptr::eq(registry::lookup(error.code_str()).unwrap(), error.entry()));
        assert!(std::ptr::eq(registry::lookup_code(error.code()).unwrap(), error.entry()));
    }
    assert!(registry::lookup("E0412").is_none(), "a retired code has no entry");
    assert!(registry::lookup("E0309").is_none());
}

/// The built-in page in this catalog's own words, committed
/// (`tests/data/catalogs/rustc.md`); the JSON document, read back, renders
/// the same page and the same document.
#[test]
fn the_built_in_page_is_committed_and_the_document_reads_back() {
    let modules = registry::modules_of::<Catalog>();
    let page = render::markdown(info(), &modules);
    error_catalog::testing::assert_file_current(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/catalogs/rustc.md"),
        &page,
    );
    #[cfg(feature = "serde_json")]
    {
        let json = serde_json::to_string_pretty(&render::Document::new(info(), &modules)).unwrap();
        let loaded = render::Loaded::from_json(&json).unwrap();
        assert_eq!(render::markdown(loaded.info(), &loaded.modules()), page);
        assert_eq!(serde_json::to_string_pretty(&loaded.document()).unwrap(), json);
    }
}

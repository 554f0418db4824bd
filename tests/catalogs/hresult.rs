//! Windows' HRESULT values (`0x80070005`): one 32-bit number written in
//! eight upper-case hexadecimal digits (`format = "0x{code:X8}"`), stated
//! as Rust writes it (`code = 0x8007_0005`), from `S_OK`, which is 0; no
//! HTTP statuses.
//!
//! Source: Microsoft Learn, "Common HRESULT Values"
//! (learn.microsoft.com/en-us/windows/win32/seccrypto/common-hresult-values),
//! each row `Name | Description | Value` as `name`, `message` and `code`.

use error_catalog::render::{self, python, typescript};
use error_catalog::{CatalogError, Code, ErrorCatalog, ParseCodeError, Severity, Shape, registry};
use proptest::prelude::*;

#[derive(ErrorCatalog)]
#[catalog(format = "0x{code:X8}", start = 0, http = false, title = "Common HRESULT Values", api = "Win32")]
pub enum Catalog {}

#[derive(Debug, CatalogError)]
#[catalog(severity = "error")]
pub enum Hresult {
    #[catalog(code = 0x0000_0000, name = "S_OK", severity = "success", message = "Operation successful")]
    Ok,
    #[catalog(code = 0x8000_4004, name = "E_ABORT", message = "Operation aborted")]
    Abort,
    #[catalog(code = 0x8007_0005, name = "E_ACCESSDENIED", message = "General access denied error")]
    AccessDenied,
    #[catalog(code = 0x8000_4005, name = "E_FAIL", message = "Unspecified failure")]
    Fail,
    #[catalog(code = 0x8007_0006, name = "E_HANDLE", message = "Handle that is not valid")]
    Handle,
    #[catalog(code = 0x8007_0057, name = "E_INVALIDARG", message = "One or more arguments are not valid")]
    InvalidArg,
    #[catalog(code = 0x8000_4002, name = "E_NOINTERFACE", message = "No such interface supported")]
    NoInterface,
    #[catalog(code = 0x8000_4001, name = "E_NOTIMPL", message = "Not implemented")]
    NotImpl,
    #[catalog(code = 0x8007_000E, name = "E_OUTOFMEMORY", message = "Failed to allocate necessary memory")]
    OutOfMemory,
    #[catalog(code = 0x8000_4003, name = "E_POINTER", message = "Pointer that is not valid")]
    Pointer,
    #[catalog(code = 0x8000_FFFF, name = "E_UNEXPECTED", message = "Unexpected failure")]
    Unexpected,
}

fn info() -> &'static error_catalog::CatalogInfo {
    <Catalog as ErrorCatalog>::INFO
}

#[test]
fn codes_are_eight_hex_digits_with_their_number() {
    assert_eq!(info().format().shape(), Shape::Flat);
    assert_eq!(info().format().max_code(), 0xFFFF_FFFF);
    assert_eq!(Hresult::AccessDenied.code_str(), "0x80070005");
    assert_eq!(Hresult::AccessDenied.entry().number(), 0x8007_0005);
    assert_eq!(Hresult::AccessDenied.code().number(), 2_147_942_405);
    assert_eq!(Hresult::OutOfMemory.code_str(), "0x8007000E");
    assert_eq!(Hresult::Ok.code_str(), "0x00000000");
    assert_eq!(Hresult::Ok.entry().severity(), Some(Severity::Success));
    assert_eq!(Hresult::Unexpected.to_string(), "Unexpected failure");
}

#[test]
fn hex_codes_parse_back_and_other_digits_fail() {
    for entry in registry::entries_of::<Catalog>() {
        let code: Code<Catalog> = entry.code().parse().unwrap();
        assert_eq!(code.number(), entry.number());
        assert_eq!(code.as_str(), entry.code());
    }
    assert_eq!("0xZZZZZZZZ".parse::<Code<Catalog>>(), Err(ParseCodeError::Hex));
    assert_eq!("0x8007000G".parse::<Code<Catalog>>(), Err(ParseCodeError::Hex));
    assert_eq!("0x8007000e".parse::<Code<Catalog>>(), Err(ParseCodeError::Hex), "lower case is another format");
    assert_eq!("0x8007000".parse::<Code<Catalog>>(), Err(ParseCodeError::Hex));
    assert_eq!("0x800700050".parse::<Code<Catalog>>(), Err(ParseCodeError::Suffix));
    assert_eq!("80070005".parse::<Code<Catalog>>(), Err(ParseCodeError::Prefix));
    assert_eq!(Code::<Catalog>::new(0, 0x1_0000_0000), None, "nine digits do not fit");
    assert_eq!(Code::<Catalog>::new(0, -1), None);
}

#[test]
fn documents_show_the_hex_codes() {
    let modules = registry::modules_of::<Catalog>();
    let page = render::markdown(info(), &modules);
    assert!(page.contains("Error codes follow the format `0x{CODE}` where:"), "{page}");
    assert!(page.contains("- **CODE**: 8 hexadecimal digits, with A-F\n"), "{page}");
    assert!(page.contains("| `0x80070005` | `E_ACCESSDENIED` | General access denied error"), "{page}");
    let json = serde_json::to_value(render::Document::new(info(), &modules)).unwrap();
    let denied = json["entries"].as_array().unwrap().iter().find(|entry| entry["code"] == "0x80070005").unwrap();
    assert_eq!(denied["number"], 2_147_942_405_i64);
    let ts = typescript::source(info(), &modules);
    assert!(ts.contains("\"0x80070005\": {\n    number: 2147942405,"), "{ts}");
    let py = python::source(info(), &modules);
    assert!(py.contains("\"0x80070005\",\n        2147942405,\n"), "{py}");
}

proptest! {
    #[test]
    fn every_32_bit_number_round_trips(number in 0_i64..=0xFFFF_FFFF) {
        let code = Code::<Catalog>::new(0, number).unwrap();
        let text = code.to_string();
        prop_assert_eq!(&text, &format!("0x{number:08X}"));
        prop_assert_eq!(text.parse::<Code<Catalog>>(), Ok(code));
    }
}

#[test]
fn a_hex_code_round_trips_through_a_body_and_the_client() {
    let error = Hresult::AccessDenied;
    let bytes = serde_json::to_vec(&error_catalog::body::Body::new(&error)).unwrap();
    let remote = error_catalog::client::RemoteError::parse(error.status(), &bytes).unwrap();
    assert_eq!(remote.code(), "0x80070005");
    assert_eq!(remote.typed_code::<Catalog>().map(Code::number), Some(0x8007_0005));
    let forged = br#"{"error_code": "0xZZZZZZZZ", "message": "x"}"#;
    let remote = error_catalog::client::RemoteError::parse(500, forged).unwrap();
    assert_eq!(remote.typed_code::<Catalog>(), None);
    assert!(remote.entry().is_none());
}

/// The built-in page in this catalog's own words, committed
/// (`tests/data/catalogs/hresult.md`); the JSON document, read back, renders
/// the same page and the same document.
#[test]
fn the_built_in_page_is_committed_and_the_document_reads_back() {
    let modules = registry::modules_of::<Catalog>();
    let page = render::markdown(info(), &modules);
    error_catalog::testing::assert_file_current(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/catalogs/hresult.md"),
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

//! Twilio's error codes (`20003`): five-digit numbers written as they are
//! (`format = "{code}"`), no module in the code, HTTP statuses for the
//! REST API's errors, and the ranges of the numbers as the modules of the
//! documents.
//!
//! Source: Twilio's error and warning dictionary
//! (twilio.com/docs/api/errors, one page per code, e.g.
//! twilio.com/docs/api/errors/21211), each page's title as `message`; the
//! status of the REST API errors as the API answers them (`20003` with
//! 401, as in its body `{"code": 20003, "message": "Authenticate",
//! "more_info": ..., "status": 401}`). The 30xxx codes are delivery
//! errors reported by status callbacks, not by an HTTP answer: they say
//! `status = none` rather than take the catalog's `default_status`.

use error_catalog::render::{self, python, typescript};
use error_catalog::{CatalogError, Code, ErrorCatalog, Shape, registry};

#[derive(ErrorCatalog)]
#[catalog(format = "{code}", default_status = 400, title = "Twilio Error Codes", api = "Twilio")]
pub enum Catalog {
    #[module(range(20000, 20999), name = "REST API")]
    RestApi,
    #[module(range(21000, 21999), name = "Messaging and voice requests")]
    Requests,
    #[module(range(30000, 30999), name = "Message delivery")]
    Delivery,
}

#[derive(Debug, CatalogError)]
pub enum TwilioError {
    #[catalog(code = 20003, status = 401, name = "Authenticate", message = "Authenticate")]
    Authenticate,
    #[catalog(code = 20404, status = 404, name = "NotFound", message = "The requested resource was not found")]
    NotFound,
    #[catalog(code = 20429, status = 429, name = "TooManyRequests", message = "Too Many Requests")]
    TooManyRequests,
    #[catalog(code = 21211, name = "InvalidToPhoneNumber", message = "Invalid 'To' Phone Number")]
    InvalidToPhoneNumber,
    #[catalog(code = 21212, name = "InvalidFromPhoneNumber", message = "Invalid 'From' Phone Number")]
    InvalidFromPhoneNumber,
    #[catalog(
        code = 21408,
        name = "PermissionNotEnabledForRegion",
        message = "Permission to send an SMS has not been enabled for the region indicated by the 'To' number"
    )]
    PermissionNotEnabledForRegion,
    #[catalog(code = 21610, name = "UnsubscribedRecipient", message = "Attempt to send to unsubscribed recipient")]
    UnsubscribedRecipient,
    #[catalog(code = 21614, name = "NotAMobileNumber", message = "'To' number is not a valid mobile number")]
    NotAMobileNumber,
    #[catalog(code = 30003, status = none, name = "UnreachableHandset", message = "Unreachable destination handset")]
    UnreachableHandset,
    #[catalog(code = 30005, status = none, name = "UnknownHandset", message = "Unknown destination handset")]
    UnknownHandset,
    #[catalog(code = 30006, status = none, name = "LandlineOrUnreachableCarrier", message = "Landline or unreachable carrier")]
    LandlineOrUnreachableCarrier,
    #[catalog(code = 30007, status = none, name = "MessageFiltered", message = "Message filtered")]
    MessageFiltered,
}

fn info() -> &'static error_catalog::CatalogInfo {
    <Catalog as ErrorCatalog>::INFO
}

#[test]
fn five_digit_codes_are_numbers() {
    assert_eq!(info().format().shape(), Shape::Flat);
    assert_eq!(TwilioError::Authenticate.code_str(), "20003");
    assert_eq!(TwilioError::Authenticate.entry().number(), 20003);
    assert_eq!(TwilioError::Authenticate.status(), 401);
    assert_eq!(TwilioError::InvalidToPhoneNumber.status(), 400);
    assert_eq!(TwilioError::MessageFiltered.entry().module_name(), "Message delivery");
    assert_eq!(TwilioError::InvalidToPhoneNumber.entry().http_status(), Some(400), "the default status");
    assert_eq!(TwilioError::MessageFiltered.entry().http_status(), None, "`status = none`");
    let code: Code<Catalog> = "21211".parse().unwrap();
    assert_eq!((code.number(), code.module_name()), (21211, Some("Messaging and voice requests")));
    assert_eq!("31000".parse::<Code<Catalog>>().map(Code::module_name), Ok(None), "no range holds it");
    assert!("020003".parse::<Code<Catalog>>().is_err());
}

#[test]
fn documents_group_codes_by_range() {
    let modules = registry::modules_of::<Catalog>();
    let counts: Vec<(&str, usize)> = modules.iter().map(|(module, entries)| (module.name(), entries.len())).collect();
    assert_eq!(counts, [("REST API", 3), ("Messaging and voice requests", 5), ("Message delivery", 4)]);
    let page = render::markdown(info(), &modules);
    assert!(page.contains("## Range 20000 to 20999: REST API"), "{page}");
    assert!(page.contains("| `21211` | `InvalidToPhoneNumber` | 400 | Invalid 'To' Phone Number"), "{page}");
    let json = serde_json::to_value(render::Document::new(info(), &modules)).unwrap();
    let entry = entry_of(&json, "20003");
    assert_eq!((entry["number"].as_i64(), entry["status"].as_i64()), (Some(20003), Some(401)));
    assert!(typescript::source(info(), &modules).contains("\"20003\": {\n    number: 20003,\n    status: 401,"));
    assert!(python::source(info(), &modules).contains("\"20003\",\n        20003,\n        401,\n"));
    assert!(typescript::source(info(), &modules).contains("\"30007\": {\n    number: 30007,\n    status: null,"));
    let filtered = entry_of(&json, "30007");
    assert_eq!(filtered["status"], serde_json::Value::Null);
}

fn entry_of<'a>(json: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    json["entries"].as_array().unwrap().iter().find(|entry| entry["code"] == code).unwrap()
}

/// The built-in page in this catalog's own words, committed
/// (`tests/data/catalogs/twilio.md`); the JSON document, read back, renders
/// the same page and the same document.
#[test]
fn the_built_in_page_is_committed_and_the_document_reads_back() {
    let modules = registry::modules_of::<Catalog>();
    let page = render::markdown(info(), &modules);
    error_catalog::testing::assert_file_current(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/catalogs/twilio.md"),
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

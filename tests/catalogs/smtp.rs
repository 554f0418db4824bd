//! SMTP enhanced mail system status codes (`5.7.1`): three unpadded
//! numbers, zero among them (`X.0.0`), no HTTP statuses.
//!
//! Source: RFC 3463, "Enhanced Mail System Status Codes" (January 2003),
//! https://www.rfc-editor.org/rfc/rfc3463, which permits copying. The RFC
//! enumerates each `X.subject.detail` with a title and a paragraph; a code
//! on the wire puts the class in place of `X`: 2 (success), 4 (persistent
//! transient failure: "sending in the future may be successful") or 5
//! (permanent failure: "not likely to be resolved by resending"). Each code
//! here takes the class its paragraph gives it ("This code is only useful
//! for permanent failures", "should be used as a persistent transient
//! failure", "should be used for positive delivery reports"); the `X.0.0`
//! code appears in all three classes. The title is the class name, the
//! first sentence of the paragraph the message; the groups are the subjects
//! of section 2. Class 2 is a success, class 4 retryable, class 5 not.

use error_catalog::body::Body;
use error_catalog::render::{self, python, typescript};
use error_catalog::{CatalogError, Code, ErrorCatalog, ParseCodeError, Severity, Shape, registry};
use proptest::prelude::*;

#[derive(ErrorCatalog)]
#[catalog(
    format = "{class}.{subject}.{detail}",
    start = 0,
    http = false,
    title = "Enhanced Mail System Status Codes",
    api = "SMTP"
)]
pub enum Catalog {
    #[module(0, name = "Other or Undefined Status")]
    Other,
    #[module(1, name = "Addressing Status")]
    Addressing,
    #[module(2, name = "Mailbox Status")]
    Mailbox,
    #[module(3, name = "Mail System Status")]
    MailSystem,
    #[module(4, name = "Network and Routing Status")]
    NetworkAndRouting,
    #[module(5, name = "Mail Delivery Protocol Status")]
    MailDeliveryProtocol,
    #[module(6, name = "Message Content or Media Status")]
    MessageContentOrMedia,
    #[module(7, name = "Security or Policy Status")]
    SecurityOrPolicy,
}

#[derive(Debug, CatalogError)]
pub enum MailStatus {
    #[catalog(
        code = "2.0.0",
        module = 0,
        severity = "success",
        name = "Other undefined Status",
        message = "Other undefined status is the only undefined error code."
    )]
    Success,
    #[catalog(
        code = "4.0.0",
        module = 0,
        severity = "error",
        retryable = true,
        name = "Other undefined Status",
        message = "Other undefined status is the only undefined error code."
    )]
    TransientFailure,
    #[catalog(
        code = "5.0.0",
        module = 0,
        severity = "error",
        retryable = false,
        name = "Other undefined Status",
        message = "Other undefined status is the only undefined error code."
    )]
    PermanentFailure,
    #[catalog(
        code = "2.1.5",
        module = 1,
        severity = "success",
        name = "Destination address valid",
        message = "This mailbox address as specified was valid."
    )]
    DestinationAddressValid,
    #[catalog(
        code = "5.1.1",
        module = 1,
        severity = "error",
        retryable = false,
        name = "Bad destination mailbox address",
        message = "The mailbox specified in the address does not exist."
    )]
    BadDestinationMailboxAddress,
    #[catalog(
        code = "5.1.2",
        module = 1,
        severity = "error",
        retryable = false,
        name = "Bad destination system address",
        message = "The destination system specified in the address does not exist or is incapable of accepting mail."
    )]
    BadDestinationSystemAddress,
    #[catalog(
        code = "4.2.2",
        module = 2,
        severity = "error",
        retryable = true,
        name = "Mailbox full",
        message = "The mailbox is full because the user has exceeded a per-mailbox administrative quota or physical capacity."
    )]
    MailboxFull,
    #[catalog(
        code = "5.2.3",
        module = 2,
        severity = "error",
        retryable = false,
        name = "Message length exceeds administrative limit",
        message = "A per-mailbox administrative message length limit has been exceeded."
    )]
    MessageLengthExceedsAdministrativeLimit,
    #[catalog(
        code = "4.3.1",
        module = 3,
        severity = "error",
        retryable = true,
        name = "Mail system full",
        message = "Mail system storage has been exceeded."
    )]
    MailSystemFull,
    #[catalog(
        code = "5.3.4",
        module = 3,
        severity = "error",
        retryable = false,
        name = "Message too big for system",
        message = "The message is larger than per-message size limit."
    )]
    MessageTooBigForSystem,
    #[catalog(
        code = "4.4.1",
        module = 4,
        severity = "error",
        retryable = true,
        name = "No answer from host",
        message = "The outbound connection attempt was not answered, because either the remote system was busy, or was unable to take a call."
    )]
    NoAnswerFromHost,
    #[catalog(
        code = "5.5.1",
        module = 5,
        severity = "error",
        retryable = false,
        name = "Invalid command",
        message = "A mail transaction protocol command was issued which was either out of sequence or unsupported."
    )]
    InvalidCommand,
    #[catalog(
        code = "5.5.2",
        module = 5,
        severity = "error",
        retryable = false,
        name = "Syntax error",
        message = "A mail transaction protocol command was issued which could not be interpreted, either because the syntax was wrong or the command is unrecognized."
    )]
    SyntaxError,
    #[catalog(
        code = "5.6.1",
        module = 6,
        severity = "error",
        retryable = false,
        name = "Media not supported",
        message = "The media of the message is not supported by either the delivery protocol or the next system in the forwarding path."
    )]
    MediaNotSupported,
    #[catalog(
        code = "5.7.1",
        module = 7,
        severity = "error",
        retryable = false,
        name = "Delivery not authorized, message refused",
        message = "The sender is not authorized to send to the destination."
    )]
    DeliveryNotAuthorized,
}

/// Every code, with its class, subject and detail.
const ALL: [(MailStatus, [u16; 3]); 15] = [
    (MailStatus::Success, [2, 0, 0]),
    (MailStatus::TransientFailure, [4, 0, 0]),
    (MailStatus::PermanentFailure, [5, 0, 0]),
    (MailStatus::DestinationAddressValid, [2, 1, 5]),
    (MailStatus::BadDestinationMailboxAddress, [5, 1, 1]),
    (MailStatus::BadDestinationSystemAddress, [5, 1, 2]),
    (MailStatus::MailboxFull, [4, 2, 2]),
    (MailStatus::MessageLengthExceedsAdministrativeLimit, [5, 2, 3]),
    (MailStatus::MailSystemFull, [4, 3, 1]),
    (MailStatus::MessageTooBigForSystem, [5, 3, 4]),
    (MailStatus::NoAnswerFromHost, [4, 4, 1]),
    (MailStatus::InvalidCommand, [5, 5, 1]),
    (MailStatus::SyntaxError, [5, 5, 2]),
    (MailStatus::MediaNotSupported, [5, 6, 1]),
    (MailStatus::DeliveryNotAuthorized, [5, 7, 1]),
];

fn info() -> &'static error_catalog::CatalogInfo {
    <Catalog as ErrorCatalog>::INFO
}

#[test]
fn every_code_renders_as_the_rfc_writes_it() {
    assert_eq!(info().format().shape(), Shape::Text);
    assert_eq!(info().format().start(), 0);
    assert!(!info().is_http());
    for (error, [class, subject, detail]) in &ALL {
        let code = format!("{class}.{subject}.{detail}");
        assert_eq!(error.code_str(), code);
        assert_eq!(error.code().to_string(), code);
        assert_eq!(error.entry().http_status(), None);
        // The subject is the group.
        assert_eq!(error.entry().module_number(), *subject);
        let (severity, retryable) = match class {
            2 => (Severity::Success, None),
            4 => (Severity::Error, Some(true)),
            _ => (Severity::Error, Some(false)),
        };
        assert_eq!(error.entry().severity(), Some(severity), "{code}");
        assert_eq!(error.entry().retryable(), retryable, "{code}");
    }
    let error = MailStatus::DeliveryNotAuthorized;
    assert_eq!(error.class_name(), "Delivery not authorized, message refused");
    assert_eq!(error.to_string(), "The sender is not authorized to send to the destination.");
    assert_eq!(error.entry().module_name(), "Security or Policy Status");
}

#[test]
fn one_class_name_owns_a_code_in_each_class() {
    let owners: Vec<&str> = ALL
        .iter()
        .filter(|(error, _)| error.class_name() == "Other undefined Status")
        .map(|(error, _)| error.code_str())
        .collect();
    assert_eq!(owners, ["2.0.0", "4.0.0", "5.0.0"]);
}

#[test]
fn the_page_and_the_documents_list_every_code() {
    let modules = registry::modules_of::<Catalog>();
    let page = render::markdown(info(), &modules);
    let json = serde_json::to_value(render::Document::new(info(), &modules)).unwrap();
    let ts = typescript::source(info(), &modules);
    let py = python::source(info(), &modules);
    let entries = json["entries"].as_array().unwrap();
    for (error, _) in &ALL {
        let code = error.code_str();
        assert!(
            page.contains(&format!("| `{code}` | `{}` |", error.class_name())),
            "{code} missing from the page:\n{page}"
        );
        assert!(ts.contains(&format!("\"{code}\"")), "{code} missing from the TypeScript module");
        assert!(py.contains(&format!("\"{code}\"")), "{code} missing from the Python module");
        assert!(entries.iter().any(|entry| entry["code"] == code), "{code} missing from the JSON document");
    }
    assert!(page.contains("Security or Policy Status"));
}

#[test]
fn codes_parse_back_and_near_misses_fail() {
    for (error, _) in &ALL {
        let parsed: Code<Catalog> = error.code_str().parse().unwrap();
        assert_eq!(parsed, error.code());
    }
    assert_eq!("5.07.1".parse::<Code<Catalog>>(), Err(ParseCodeError::Digits));
    assert_eq!("05.7.1".parse::<Code<Catalog>>(), Err(ParseCodeError::Digits));
    assert_eq!("5.7".parse::<Code<Catalog>>(), Err(ParseCodeError::Separator));
    assert_eq!("5,7,1".parse::<Code<Catalog>>(), Err(ParseCodeError::Separator));
    assert_eq!("5.7.1.".parse::<Code<Catalog>>(), Err(ParseCodeError::Suffix));
    assert_eq!("5.7.x".parse::<Code<Catalog>>(), Err(ParseCodeError::Digits));
    assert_eq!("X.7.1".parse::<Code<Catalog>>(), Err(ParseCodeError::Digits));
    assert_eq!("5.7.10000".parse::<Code<Catalog>>(), Err(ParseCodeError::Digits));
    // Written by the format, declared by no error: RFC 3463's own example.
    assert_eq!("2.1.23".parse::<Code<Catalog>>().map(|code| code.to_string()), Ok("2.1.23".to_owned()));
    assert!(registry::lookup("2.1.23").is_none());
}

proptest! {
    #[test]
    fn every_three_numbers_round_trip(class in 0u16..=9_999, subject in 0u16..=9_999, detail in 0u16..=9_999) {
        let text = format!("{class}.{subject}.{detail}");
        let code: Code<Catalog> = text.parse().unwrap();
        prop_assert_eq!(code.to_string(), text);
    }
}

#[test]
fn the_body_carries_the_code_and_the_client_reads_it_back() {
    let error = MailStatus::DeliveryNotAuthorized;
    let body = serde_json::to_value(Body::new(&error)).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "error_code": "5.7.1",
            "message": "The sender is not authorized to send to the destination.",
        })
    );
    let bytes = serde_json::to_vec(&Body::new(&error)).unwrap();
    let remote = error_catalog::client::RemoteError::parse(error.status(), &bytes).unwrap();
    assert_eq!(remote.code(), "5.7.1");
    assert!(remote.is::<MailStatus>());
    assert_eq!(remote.typed_code::<Catalog>(), Some(error.code()));
    assert!(std::ptr::eq(remote.entry().unwrap(), error.entry()));
}

#[test]
fn the_registry_finds_each_code() {
    assert_eq!(registry::entries_of::<Catalog>().len(), ALL.len());
    for (error, _) in &ALL {
        assert!(std::ptr::eq(registry::lookup(error.code_str()).unwrap(), error.entry()), "{}", error.code_str());
    }
    assert_eq!(
        registry::lookup("5.7.1").map(|entry| entry.class_name()),
        Some("Delivery not authorized, message refused")
    );
}

#[test]
fn each_group_lists_its_codes_in_code_order() {
    let other = registry::modules_of::<Catalog>()[0].1;
    let codes: Vec<&str> = other.iter().map(|entry| entry.code()).collect();
    assert_eq!(codes, ["2.0.0", "4.0.0", "5.0.0"]);
}

#[test]
fn lookup_code_finds_text_codes() {
    for (error, _) in &ALL {
        let found = registry::lookup_code(error.code()).map(|entry| entry.code());
        assert_eq!(found, Some(error.code_str()));
    }
}

#[test]
fn the_page_explains_the_parts_the_format_has() {
    let page = render::markdown(info(), &registry::modules_of::<Catalog>());
    assert!(page.contains("`{CLASS}.{SUBJECT}.{DETAIL}`"));
    assert!(!page.contains("**MODULE**"), "{page}");
}

/// The built-in page in this catalog's own words, committed
/// (`tests/data/catalogs/smtp.md`); the JSON document, read back, renders
/// the same page and the same document.
#[test]
fn the_built_in_page_is_committed_and_the_document_reads_back() {
    let modules = registry::modules_of::<Catalog>();
    let page = render::markdown(info(), &modules);
    error_catalog::testing::assert_file_current(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/catalogs/smtp.md"),
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

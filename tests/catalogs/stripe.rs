//! Stripe's error codes (`card_declined`): words in lower snake case, a
//! catalog without modules, HTTP statuses.
//!
//! Sources, Stripe's own:
//! - the codes: github.com/stripe/stripe-go, `error.go` at commit
//!   a1e3932f68a22e2bbd8300a30d6a0b54625ff50a (the `ErrorCode` constants,
//!   "generated from our OpenAPI spec");
//! - the messages and descriptions of the card errors: github.com/stripe/stripe-ios
//!   at commit 02e11878aa25b28bc3faa087f4feda499b1d064d:
//!   `StripeCore/StripeCore/Source/Helpers/STPError.swift` says which message
//!   each API code gets, and `StripeCore/StripeCore/Source/Categories/NSError+Stripe.swift`
//!   holds the messages; the description is the doc comment of the
//!   `STPCardErrorCode` case named like the code. `incorrect_zip` has no
//!   message there: it says its status's reason phrase;
//! - the domain: stripe-go's `APIURL`;
//! - the statuses: the "HTTP Status Code Summary" of https://docs.stripe.com/api/errors,
//!   402 ("Request Failed") for the card errors, 429 ("Too Many Requests")
//!   for `lock_timeout` and `rate_limit`. stripe-go retries a 429
//!   `lock_timeout` ("These 429s are safe to retry") and not a rate limit
//!   ("we *don't* want to retry"): `retryable`.

use error_catalog::body::Body;
use error_catalog::render::{self, python, typescript};
use error_catalog::{Case, CatalogError, Code, ErrorCatalog, ParseCodeError, Segment, Shape, registry};
use proptest::prelude::*;

#[derive(ErrorCatalog)]
#[catalog(
    format = "{code:snake_case}",
    default_status = 402,
    title = "Stripe error codes",
    api = "the Stripe API",
    domain = "api.stripe.com"
)]
pub enum Catalog {}

#[derive(Debug, CatalogError)]
pub enum CardError {
    /// The card was declined.
    #[catalog(code = "card_declined", message = "Your card was declined")]
    CardDeclined,
    /// The card is expired.
    #[catalog(code = "expired_card", message = "Your card has expired")]
    ExpiredCard,
    /// The card has an incorrect CVC.
    #[catalog(code = "incorrect_cvc", message = "Your card's security code is invalid")]
    IncorrectCvc,
    /// The card number is incorrect.
    #[catalog(code = "incorrect_number", message = "Your card's number is invalid")]
    IncorrectNumber,
    /// The postal code is incorrect.
    #[catalog(code = "incorrect_zip")]
    IncorrectZip,
    /// The card has an invalid CVC.
    #[catalog(code = "invalid_cvc", message = "Your card's security code is invalid")]
    InvalidCvc,
    /// The card has an invalid expiration month.
    #[catalog(code = "invalid_expiry_month", message = "Your card's expiration month is invalid")]
    InvalidExpiryMonth,
    /// The card has an invalid expiration year.
    #[catalog(code = "invalid_expiry_year", message = "Your card's expiration year is invalid")]
    InvalidExpiryYear,
    /// The card number is not a valid credit card number.
    #[catalog(code = "invalid_number", message = "Your card's number is invalid")]
    InvalidNumber,
    /// An error occured while processing this card.
    #[catalog(
        code = "processing_error",
        message = "There was an error processing your card -- try again in a few seconds"
    )]
    ProcessingError,
}

#[derive(Debug, CatalogError)]
#[catalog(status = 429)]
pub enum TooManyRequests {
    #[catalog(code = "lock_timeout", retryable = true)]
    LockTimeout,
    #[catalog(code = "rate_limit", retryable = false)]
    RateLimit,
}

const CARD_ERRORS: [CardError; 10] = [
    CardError::CardDeclined,
    CardError::ExpiredCard,
    CardError::IncorrectCvc,
    CardError::IncorrectNumber,
    CardError::IncorrectZip,
    CardError::InvalidCvc,
    CardError::InvalidExpiryMonth,
    CardError::InvalidExpiryYear,
    CardError::InvalidNumber,
    CardError::ProcessingError,
];

/// Every code, as stripe-go spells it.
const CODES: [&str; 12] = [
    "card_declined",
    "expired_card",
    "incorrect_cvc",
    "incorrect_number",
    "incorrect_zip",
    "invalid_cvc",
    "invalid_expiry_month",
    "invalid_expiry_year",
    "invalid_number",
    "processing_error",
    "lock_timeout",
    "rate_limit",
];

fn info() -> &'static error_catalog::CatalogInfo {
    <Catalog as ErrorCatalog>::INFO
}

fn entries() -> Vec<&'static error_catalog::Entry> {
    CardError::entries().iter().chain(TooManyRequests::entries()).copied().collect()
}

#[test]
fn every_code_renders_as_stripe_writes_it() {
    assert_eq!(info().format().shape(), Shape::Text);
    assert_eq!(info().format().segments(), [Segment::Word { name: "code", case: Case::Snake }]);
    assert!(info().modules().is_empty());
    assert_eq!(info().domain(), "api.stripe.com");
    let codes: Vec<&str> = entries().iter().map(|entry| entry.code()).collect();
    assert_eq!(codes, CODES);
    for error in &CARD_ERRORS {
        assert_eq!(error.code().to_string(), error.code_str());
        assert_eq!(error.status(), 402);
        assert_eq!(error.entry().module_name(), "");
    }
    assert_eq!(CardError::CardDeclined.code_str(), "card_declined");
    assert_eq!(CardError::CardDeclined.to_string(), "Your card was declined");
    assert_eq!(CardError::CardDeclined.catalog_description(), "The card was declined.");
    // Without a message, the reason phrase of the status.
    assert_eq!(CardError::IncorrectZip.message(), "Payment Required");
    assert_eq!(TooManyRequests::LockTimeout.message(), "Too Many Requests");
    assert_eq!(TooManyRequests::LockTimeout.status(), 429);
}

#[test]
fn lock_timeouts_are_retried_and_rate_limits_are_not() {
    assert_eq!(TooManyRequests::LockTimeout.entry().retryable(), Some(true));
    assert_eq!(TooManyRequests::RateLimit.entry().retryable(), Some(false));
    assert_eq!(CardError::CardDeclined.entry().retryable(), None);
}

#[test]
fn the_page_and_the_documents_list_every_code() {
    let modules = registry::modules_of::<Catalog>();
    let page = render::markdown(info(), &modules);
    let json = serde_json::to_value(render::Document::new(info(), &modules)).unwrap();
    let ts = typescript::source(info(), &modules);
    let py = python::source(info(), &modules);
    let listed = json["entries"].as_array().unwrap();
    for code in CODES {
        assert!(page.contains(&format!("| `{code}` |")), "{code} missing from the page:\n{page}");
        assert!(ts.contains(&format!("\"{code}\"")), "{code} missing from the TypeScript module");
        assert!(py.contains(&format!("\"{code}\"")), "{code} missing from the Python module");
        assert!(listed.iter().any(|entry| entry["code"] == code), "{code} missing from the JSON document");
    }
}

#[test]
fn codes_parse_back_and_near_misses_fail() {
    for entry in entries() {
        let parsed: Code<Catalog> = entry.code().parse().unwrap();
        assert_eq!(parsed.as_str(), entry.code());
    }
    assert_eq!(CardError::CardDeclined.code(), "card_declined".parse().unwrap());
    for near in ["CardDeclined", "card-declined", "_card_declined", "card_declined_", "card__declined", "1card", ""] {
        assert!(near.parse::<Code<Catalog>>().is_err(), "{near:?} parsed");
    }
    assert_eq!("CardDeclined".parse::<Code<Catalog>>(), Err(ParseCodeError::Case));
    assert_eq!("card__declined".parse::<Code<Catalog>>(), Err(ParseCodeError::Case));
    assert_eq!("card-declined".parse::<Code<Catalog>>(), Err(ParseCodeError::Suffix));
    assert_eq!("card_declined ".parse::<Code<Catalog>>(), Err(ParseCodeError::Suffix));
    assert_eq!("a".repeat(65).parse::<Code<Catalog>>(), Err(ParseCodeError::TooLong));
}

proptest! {
    #[test]
    fn every_snake_case_word_round_trips(text in "[a-z][a-z0-9]{0,9}(_[a-z0-9]{1,9}){0,5}") {
        let code: Code<Catalog> = text.parse().unwrap();
        prop_assert_eq!(code.to_string(), text);
    }
}

#[test]
fn the_body_carries_the_code_and_the_client_reads_it_back() {
    let error = CardError::CardDeclined;
    let body = serde_json::to_value(Body::new(&error)).unwrap();
    assert_eq!(body, serde_json::json!({ "error_code": "card_declined", "message": "Your card was declined" }));
    let bytes = serde_json::to_vec(&Body::new(&error)).unwrap();
    let remote = error_catalog::client::RemoteError::parse(402, &bytes).unwrap();
    assert_eq!(remote.code(), "card_declined");
    assert!(remote.is::<CardError>());
    assert!(!remote.is::<TooManyRequests>());
    assert_eq!(remote.typed_code::<Catalog>(), Some(error.code()));
    assert!(std::ptr::eq(remote.entry().unwrap(), error.entry()));
}

#[test]
fn the_registry_finds_each_code() {
    assert_eq!(registry::entries_of::<Catalog>().len(), CODES.len());
    for entry in entries() {
        assert!(std::ptr::eq(registry::lookup(entry.code()).unwrap(), entry), "{}", entry.code());
    }
    assert!(registry::lookup("card-declined").is_none());
}

/// The built-in page in this catalog's own words, committed
/// (`tests/data/catalogs/stripe.md`); the JSON document, read back, renders
/// the same page and the same document.
#[test]
fn the_built_in_page_is_committed_and_the_document_reads_back() {
    let modules = registry::modules_of::<Catalog>();
    let page = render::markdown(info(), &modules);
    error_catalog::testing::assert_file_current(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/catalogs/stripe.md"),
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

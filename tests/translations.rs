//! Localized public messages (feature `fluent`): the example server's
//! English and German messages over real HTTP, chosen by `Accept-Language`;
//! the catalog page per locale; the test helper that finds a missing or
//! broken translation; a translation that names what its message does not
//! have never shows it.

#[path = "../examples/phala_server.rs"]
#[allow(dead_code)]
pub mod server;

// Only `read` and some fields of the support used here.
#[path = "support/answer.rs"]
#[allow(dead_code)]
mod answer;

use std::sync::Arc;

use error_catalog::fluent::{LanguageIdentifier, Translations};
use error_catalog::http::ErrorResponses;
use error_catalog::{CatalogError, ErrorCatalog};
use serde_json::{Value, json};

use server::phala::Catalog;
use server::phala::preflight::{DuplicateCvmNameError, InvalidComposeFileError};

fn language(tag: &str) -> LanguageIdentifier {
    tag.parse().expect("a language tag")
}

async fn start(responses: ErrorResponses) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
    let address = listener.local_addr().expect("local address");
    tokio::spawn(async move { axum::serve(listener, server::app(responses)).await.expect("serve") });
    format!("http://{address}")
}

async fn get(client: &reqwest::Client, url: &str, accept_language: Option<&str>) -> answer::Answer {
    let mut request = client.get(url);
    if let Some(accept_language) = accept_language {
        request = request.header("Accept-Language", accept_language);
    }
    answer::read(request.send().await.expect("an answer")).await
}

#[tokio::test]
async fn the_body_speaks_the_language_the_client_asks_for() {
    let base = start(ErrorResponses::new()).await;
    let client = reqwest::Client::new();
    let created =
        client.post(format!("{base}/api/v1/cvms/provision")).json(&json!({ "name": "web-1" })).send().await.unwrap();
    assert_eq!(created.status().as_u16(), 201);

    let duplicate = |accept_language: Option<&'static str>| {
        let client = client.clone();
        let base = base.clone();
        async move {
            let mut request = client.post(format!("{base}/api/v1/cvms/provision")).json(&json!({ "name": "web-1" }));
            if let Some(accept_language) = accept_language {
                request = request.header("Accept-Language", accept_language);
            }
            answer::read(request.send().await.expect("an answer")).await
        }
    };
    let german = "Eine CVM mit dem Namen „web-1“ existiert bereits";
    let english = "A CVM with name 'web-1' already exists";
    let cases: [(Option<&str>, &str, &str); 9] = [
        (Some("de"), german, "de"),
        // No French: the next range by weight, German by its prefix.
        (Some("fr;q=1, de-CH;q=0.8, en;q=0.5"), german, "de"),
        (Some("de-DE"), german, "de"),
        // Weights, not order.
        (Some("de;q=0.4, en;q=0.9"), english, "en"),
        // q=0 is "not this one".
        (Some("de;q=0, *"), english, "en"),
        (Some("*"), english, "en"),
        (Some("ja, zh-Hant"), english, "en"),
        // A header that does not parse is no header.
        (Some("de;q=2"), english, "en"),
        (None, english, "en"),
    ];
    for (accept_language, message, content_language) in cases {
        let answer = duplicate(accept_language).await;
        assert_eq!(answer.status, 409, "{accept_language:?}");
        assert_eq!(answer.json["error_code"], "ERR-01-004");
        assert_eq!(answer.json["message"], message, "{accept_language:?}");
        assert_eq!(answer.content_language.as_deref(), Some(content_language), "{accept_language:?}");
        // Only the message changes: the code and the details are the catalog's.
        assert_eq!(answer.json["details"], json!([{ "field": "name", "value": "web-1", "message": null }]));
    }

    // The framework's rejections too.
    let route = get(&client, &format!("{base}/api/v1/nowhere"), Some("de")).await;
    assert_eq!((route.status, route.json["error_code"].as_str()), (404, Some("HTTP-404")));
    assert_eq!(route.json["message"], "Keine Route hat diesen Pfad");
    assert_eq!(route.content_language.as_deref(), Some("de"));
    let missing = get(&client, &format!("{base}/api/v1/cvms/app_missing"), Some("de-AT")).await;
    assert_eq!(missing.json["message"], "Die angeforderte CVM wurde nicht gefunden");
    let error = error_catalog::client::RemoteError::parse(missing.status, &missing.bytes).expect("a catalog body");
    assert_eq!(error.code(), "ERR-03-001");
}

#[cfg(feature = "problem-json")]
#[tokio::test]
async fn a_problem_detail_is_translated_too() {
    let base = start(ErrorResponses::new().with_problem_json(server::PROBLEM_TYPE_BASE)).await;
    let answer = get(&reqwest::Client::new(), &format!("{base}/api/v1/cvms/app_missing"), Some("de")).await;
    assert_eq!(answer.content_type, "application/problem+json");
    assert_eq!(answer.json["detail"], "Die angeforderte CVM wurde nicht gefunden");
    // The title is the class name, a code for programs: never translated.
    assert_eq!(answer.json["title"], "CvmNotFoundError");
}

#[test]
fn every_message_of_the_example_server_is_translated() {
    let translations = server::translations();
    let locales: Vec<String> = translations.locales().map(ToString::to_string).collect();
    assert!(locales.contains(&"de".to_owned()) && locales.contains(&"en".to_owned()), "{locales:?}");
    error_catalog::testing::assert_translated::<Catalog>(&translations);
    error_catalog::testing::assert_translated::<server::transport::Catalog>(&translations);
}

/// Translations in a folder of the test's own, one file per language.
fn translations_of(name: &str, files: &[(&str, &str)]) -> Translations {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for (language, text) in files {
        std::fs::create_dir_all(dir.join(language)).unwrap();
        std::fs::write(dir.join(language).join("errors.ftl"), text).unwrap();
    }
    let loader = fluent_templates::ArcLoader::builder(&dir, language("en"))
        .customize(|bundle| bundle.set_use_isolating(false))
        .build()
        .expect("the test's translations load");
    Translations::new(loader, language("en"))
}

#[test]
fn a_missing_or_broken_translation_is_found() {
    let mut german =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/phala_server/locales/de/errors.ftl"))
            .unwrap();
    // One message gone, one that names a variable its message does not have.
    let (start, end) = (german.find("ERR-01-007 =").unwrap(), german.find("ERR-01-008 =").unwrap());
    german.replace_range(start..end, "");
    german = german.replace("existiert bereits", "existiert bereits ({ $owner_email })");
    let translations = translations_of("broken", &[("de", &german)]);
    let check = std::panic::AssertUnwindSafe(|| error_catalog::testing::assert_translated::<Catalog>(&translations));
    let failure = std::panic::catch_unwind(check).expect_err("two problems");
    let message = failure.downcast_ref::<String>().expect("a message");
    assert!(message.contains("(2 problems)"), "{message}");
    assert!(message.contains("de: ERR-01-007 (TxVerificationFailed): "), "{message}");
    assert!(message.contains("de: ERR-01-004 (DuplicateCvmNameError): "), "{message}");
    assert!(message.contains("owner_email"), "{message}");
}

/// The response of `error` for a request with `accept_language`, in an
/// application with `translations`.
fn respond(translations: &Translations, accept_language: &[u8], error: &impl CatalogError) -> (Value, Option<String>) {
    let responses = Arc::new(ErrorResponses::new().with_translations(translations.clone()));
    let context = responses.context(None, "/").with_accept_language(Some(accept_language));
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let answer = runtime.block_on(error_catalog::http::scope(context, async { error_catalog::http::respond(error) }));
    let language = answer.content_language.map(|value| value.to_str().unwrap().to_owned());
    (serde_json::from_slice(&answer.body).unwrap(), language)
}

#[test]
fn a_translation_shows_only_the_placeholders_of_its_message() {
    // A translator (or an attacker with write access to the files) names a
    // private field and a detail the message does not show.
    let translations = translations_of(
        "leaky",
        &[(
            "de",
            "ERR-01-003 = Fehler: { $parser_error }\nERR-01-004 = { $name } gibt es schon\nERR-02-008 = { $field }\n",
        )],
    );
    let error = InvalidComposeFileError::new("services.web.ports[0]", "password=hunter2 is not a port");
    let (body, language) = respond(&translations, b"de", &error);
    assert_eq!(body["message"], "The Docker Compose file contains errors");
    assert_eq!(language.as_deref(), Some("en"));
    assert!(!body.to_string().contains("hunter2"), "{body}");

    // `field` is a detail, but not in the message of ERR-02-008: not shown.
    let invalid = server::phala::inventory::InvalidRequestError { field: "name".into() };
    let (body, language) = respond(&translations, b"de", &invalid);
    assert_eq!(
        (body["message"].as_str(), language.as_deref()),
        (Some("The request contains invalid parameters"), Some("en"))
    );

    // A translation that uses the message's own placeholder is answered.
    let (body, language) = respond(&translations, b"de", &DuplicateCvmNameError { name: "web-1".into() });
    assert_eq!((body["message"].as_str(), language.as_deref()), (Some("web-1 gibt es schon"), Some("de")));
}

#[test]
fn the_catalog_page_in_german_is_current() {
    let modules = error_catalog::registry::modules_of::<Catalog>();
    let page = server::translations().markdown(&language("de"), Catalog::INFO, &modules);
    assert!(
        page.contains("| `ERR-01-004` | `DuplicateCvmNameError` | (dynamic: Eine CVM mit dem Namen „...)<br/>"),
        "{page}"
    );
    assert!(page.contains("Die angeforderte CVM wurde nicht gefunden<br/>*Wird ausgelöst, wenn zu der angegebenen"));
    // The English page, from the same translations, is the catalog's own.
    let english = server::translations().markdown(&language("en"), Catalog::INFO, &modules);
    assert_eq!(english, error_catalog::render::markdown(Catalog::INFO, &modules));
    error_catalog::testing::assert_file_current(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/phala-error-codes.de.mdx"),
        &page,
    );
}

/// Codes that are no Fluent identifiers (`22P02`, `5.7.1`) have their
/// messages under the ids of `fluent::message_id`.
mod text_codes {
    use error_catalog::{CatalogError, ErrorCatalog};

    #[derive(ErrorCatalog)]
    #[catalog(format = "{class:A2}{subclass:A3}", default_status = 400)]
    pub enum Sqlstate {}

    /// Raised when a value is not text of its type
    #[derive(Debug, CatalogError)]
    #[catalog(catalog = Sqlstate, code = "22P02", message = "Invalid input syntax: {value}")]
    pub struct InvalidTextRepresentation {
        #[catalog(detail)]
        pub value: String,
    }

    #[derive(ErrorCatalog)]
    #[catalog(format = "{class}.{subject}.{detail}", default_status = 550)]
    pub enum Smtp {}

    /// Raised when the mailbox does not accept the message
    #[derive(Debug, CatalogError)]
    #[catalog(catalog = Smtp, code = "5.7.1", message = "Delivery not authorized")]
    pub struct DeliveryNotAuthorized;
}

#[test]
fn codes_that_are_no_fluent_ids_are_mapped() {
    use text_codes::{DeliveryNotAuthorized, InvalidTextRepresentation, Smtp, Sqlstate};

    let translations = translations_of(
        "text-codes",
        &[("de", "code-22P02 = Ungültige Eingabe: { $value }\ncode-5-7-1 = Zustellung nicht erlaubt\n")],
    );
    assert_eq!(translations.id_of("22P02"), "code-22P02");
    let (body, language) = respond(&translations, b"de", &InvalidTextRepresentation { value: "abc".into() });
    assert_eq!((body["message"].as_str(), language.as_deref()), (Some("Ungültige Eingabe: abc"), Some("de")));
    assert_eq!(body["error_code"], "22P02");
    let (body, _) = respond(&translations, b"de", &DeliveryNotAuthorized);
    assert_eq!(body["message"], "Zustellung nicht erlaubt");
    error_catalog::testing::assert_translated::<Sqlstate>(&translations);
    error_catalog::testing::assert_translated::<Smtp>(&translations);
}

/// RFC 9110 §12.5.4 and RFC 4647: `*` stands for the languages no other
/// range names, so `*;q=0` excludes only those; a named range with `q=0`
/// excludes what it matches.
#[test]
fn a_wildcard_of_weight_zero_excludes_only_the_languages_not_named() {
    let translations = server::translations();
    let de = Some(language("de"));
    let table: [(&str, Option<LanguageIdentifier>); 14] = [
        ("de, *;q=0", de.clone()),
        ("*;q=0, de", de.clone()),
        ("de;q=0.5, *;q=0", de.clone()),
        ("de-CH, *;q=0", de.clone()),
        ("fr, *;q=0", None),
        ("*;q=0", None),
        ("de;q=0, *", None),
        ("de;q=0, de-CH", None),
        ("de-AT;q=0, de", de.clone()),
        ("en, de", None),
        ("de, en", de.clone()),
        ("*", None),
        ("fr, *;q=0.5, de;q=0.1", None),
        ("de", de.clone()),
    ];
    for (header, expected) in table {
        assert_eq!(translations.negotiate(header.as_bytes()).cloned(), expected, "{header}");
    }
}

/// What negotiation reads of any header is bounded: past 4096 bytes or 32
/// ranges the header is not read at all (the catalog's language answers),
/// and within them any bytes answer a language the translations have, or
/// none, without a panic.
#[test]
fn negotiation_reads_a_bounded_part_of_any_header() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    let translations = server::translations();
    let locales: Vec<LanguageIdentifier> = translations.locales().cloned().collect();
    let range = prop_oneof![
        Just("de".to_owned()),
        Just("*".to_owned()),
        "[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8}){0,2}",
        "[a-z*]{1,3};q=[01](\\.[0-9]{0,3})?",
        ".{0,12}",
    ];
    let header = proptest::collection::vec(range, 0..48).prop_map(|ranges| ranges.join(", "));
    let mut runner = TestRunner::new(Config { cases: 512, failure_persistence: None, ..Config::default() });
    let outcome = runner.run(&(header, any::<Vec<u8>>()), |(header, bytes)| {
        for header in [header.as_bytes(), &bytes] {
            let answer = translations.negotiate(header).cloned();
            prop_assert!(answer.as_ref().is_none_or(|answer| locales.contains(answer)), "{answer:?}");
            let items = header.split(|&byte| byte == b',').filter(|item| !item.trim_ascii().is_empty()).count();
            if header.len() > 4096 || items > 32 {
                prop_assert_eq!(answer, None, "a header past the bounds is not read");
            }
        }
        // The same header, made longer than 4096 bytes by spaces, is not read.
        let mut long = header.clone().into_bytes();
        long.resize(4097, b' ');
        prop_assert_eq!(translations.negotiate(&long), None);
        Ok(())
    });
    assert!(outcome.is_ok(), "{outcome:?}");
    // The bound is real: 32 ranges are read, 33 are not.
    let ranges = |n: usize| std::iter::repeat_n("fr", n - 1).chain(["de"]).collect::<Vec<_>>().join(", ");
    assert_eq!(translations.negotiate(ranges(32).as_bytes()).cloned(), Some(language("de")));
    assert_eq!(translations.negotiate(ranges(33).as_bytes()).cloned(), None);
}

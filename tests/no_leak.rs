//! Nothing but the public message and the detail fields reaches a body.
//!
//! Each error here carries a secret where a careless renderer would find
//! it: in a private field (so in `Debug`), in its own `Display` (a type that
//! derives `thiserror::Error`), and in the message of its source error. For
//! every body format, the secret must not appear in the bytes, and a server
//! error (5xx) must still say its catalog message. The parts that need a
//! feature are gated by it: `cargo test --test no_leak` runs the body
//! formats of the default build, `--all-features` all of them.

use std::fmt;

use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}", default_status = 400)]
pub enum Catalog {
    #[module(9, name = "Vault")]
    Vault,
}

/// Only letters, digits and dashes: JSON escaping cannot disguise it.
const SECRET: &str = "hunter2-SECRET-7f3a9c";

/// A source error whose message quotes the secret, as a driver error quotes
/// a connection string.
#[derive(Debug)]
struct DriverError {
    dsn: String,
}

impl fmt::Display for DriverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "connection to {} refused", self.dsn)
    }
}

impl std::error::Error for DriverError {}

fn driver_error() -> DriverError {
    DriverError { dsn: format!("postgres://app:{SECRET}@db.internal/vault") }
}

/// Raised when the vault cannot be reached
// The internal `Display` names the token; the public message does not.
#[derive(Debug, thiserror::Error, CatalogError)]
#[error("vault {vault} unreachable with token {token}")]
#[catalog(module = 9, code = 1, status = 500, display = false, message = "The vault is unavailable")]
struct VaultUnavailableError {
    #[catalog(detail)]
    vault: String,
    token: String,
    #[source]
    source: DriverError,
}

/// Raised when the vault's backend fails
// The derive's own `Display` (the public message) and `source`; the secret
// is in a private field and in the source.
#[derive(Debug, CatalogError)]
#[catalog(module = 9, code = 2, status = 503)]
struct VaultBackendError {
    // Only there to be leaked, were the derive to leak it: nothing reads it.
    #[allow(dead_code)]
    password: String,
    #[catalog(source)]
    cause: DriverError,
}

/// Raised when a secret is refused
// A client error with a dynamic message: only the detail field it names
// reaches the body.
#[derive(Debug, CatalogError)]
#[catalog(module = 9, code = 3, status = 403, message = "Access to '{path}' is denied")]
struct AccessDeniedError {
    #[catalog(detail)]
    path: String,
    #[allow(dead_code)]
    api_key: String,
    source: DriverError,
}

fn vault_unavailable() -> VaultUnavailableError {
    VaultUnavailableError { vault: "vault-eu-1".into(), token: SECRET.into(), source: driver_error() }
}

fn vault_backend() -> VaultBackendError {
    VaultBackendError { password: SECRET.into(), cause: driver_error() }
}

fn access_denied() -> AccessDeniedError {
    AccessDeniedError { path: "kv/web".into(), api_key: format!("key-{SECRET}"), source: driver_error() }
}

/// The public message each error must say, whatever its status.
const MESSAGES: [(&str, &str); 3] = [
    ("ERR-09-001", "The vault is unavailable"),
    // No `message`: the reason phrase of 503.
    ("ERR-09-002", "Service Unavailable"),
    ("ERR-09-003", "Access to 'kv/web' is denied"),
];

fn assert_clean(format: &str, code: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    assert!(!text.contains(SECRET), "{format} body of {code} leaks the secret: {text}");
    assert!(!text.contains("postgres://"), "{format} body of {code} leaks the source: {text}");
    let body: serde_json::Value = serde_json::from_slice(bytes).expect("a JSON body");
    let message = MESSAGES.iter().find(|(c, _)| *c == code).map(|(_, message)| *message).expect("a known code");
    assert_eq!(body["error_code"], code, "{format}: {text}");
    let said = body.get("message").or_else(|| body.get("detail")).and_then(serde_json::Value::as_str);
    assert_eq!(said, Some(message), "{format}: {text}");
}

/// Each error with its code, as one type for the loops below.
fn each(mut check: impl FnMut(&dyn CatalogError<Catalog = Catalog>)) {
    check(&vault_unavailable());
    check(&vault_backend());
    check(&access_denied());
}

#[test]
fn the_secret_is_where_a_careless_renderer_would_find_it() {
    // Otherwise the assertions below would prove nothing.
    let error = vault_unavailable();
    assert!(format!("{error:?}").contains(SECRET));
    assert!(error.to_string().contains(SECRET));
    assert!(std::error::Error::source(&error).expect("a source").to_string().contains(SECRET));
    let error = vault_backend();
    assert!(format!("{error:?}").contains(SECRET));
    assert!(std::error::Error::source(&error).expect("a source").to_string().contains(SECRET));
    let error = access_denied();
    assert!(format!("{error:?}").contains(SECRET));
    assert!(std::error::Error::source(&error).expect("a source").to_string().contains(SECRET));
    each(|error| {
        assert_eq!(error.message(), MESSAGES.iter().find(|(c, _)| *c == error.code_str()).expect("known").1);
    });
    assert_eq!((vault_unavailable().status(), vault_backend().status()), (500, 503));
}

#[test]
fn flat_body() {
    each(|error| {
        let body = error_catalog::body::Body::new(error).request_id(Some("rid-1"));
        let bytes = serde_json::to_vec(&body).expect("serializable");
        assert_clean("flat", error.code_str(), &bytes);
    });
    // The detail that is public is there.
    let bytes = serde_json::to_vec(&error_catalog::body::Body::new(&vault_unavailable())).expect("serializable");
    let body: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
    assert_eq!(body["details"], serde_json::json!([{ "field": "vault", "value": "vault-eu-1", "message": null }]));
}

#[cfg(feature = "problem-json")]
#[test]
fn problem_body() {
    each(|error| {
        let problem = error_catalog::body::Problem::new(error, "https://docs.example.com/errors/")
            .instance(Some("/v1/vault"))
            .request_id(Some("rid-1"));
        let bytes = serde_json::to_vec(&problem).expect("serializable");
        assert_clean("problem", error.code_str(), &bytes);
    });
}

#[cfg(feature = "client")]
#[test]
fn client_reads_only_the_public_parts() {
    each(|error| {
        let bytes = serde_json::to_vec(&error_catalog::body::Body::new(error)).expect("serializable");
        let remote = error_catalog::client::RemoteError::parse(error.status(), &bytes).expect("a body");
        assert!(!format!("{remote:?}").contains(SECRET));
        assert_eq!(remote.message(), error.message());
    });
}

#[cfg(feature = "axum")]
#[tokio::test]
async fn axum_response() {
    use axum::response::IntoResponse;

    async fn bytes(response: axum::response::Response) -> (u16, Vec<u8>) {
        let status = response.status().as_u16();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("a body");
        (status, body.to_vec())
    }

    for (code, (status, body)) in [
        ("ERR-09-001", bytes(vault_unavailable().into_response()).await),
        ("ERR-09-002", bytes(vault_backend().into_response()).await),
        ("ERR-09-003", bytes(access_denied().into_response()).await),
    ] {
        assert_clean("axum", code, &body);
        assert!(matches!(status, 403 | 500 | 503), "{code}: {status}");
    }

    // Within an application's request: with its request id, in its format.
    let responses = std::sync::Arc::new(error_catalog::http::ErrorResponses::new());
    let context = responses.context(Some(b"rid-7"), "/v1/vault");
    let (status, body) =
        error_catalog::http::scope(context, async { bytes(vault_unavailable().into_response()).await }).await;
    assert_eq!(status, 500);
    assert_clean("axum in a request", "ERR-09-001", &body);
    assert!(String::from_utf8_lossy(&body).contains("\"request_id\":\"rid-7\""));

    #[cfg(feature = "problem-json")]
    {
        let responses = std::sync::Arc::new(
            error_catalog::http::ErrorResponses::new().problem_json("https://docs.example.com/errors/"),
        );
        let context = responses.context(None, "/v1/vault");
        let (status, body) =
            error_catalog::http::scope(context, async { bytes(vault_backend().into_response()).await }).await;
        assert_eq!(status, 503);
        assert_clean("axum problem", "ERR-09-002", &body);
    }
}

#[cfg(feature = "actix-web")]
#[actix_web::test]
async fn actix_response() {
    use actix_web::ResponseError;

    async fn bytes(error: &dyn ResponseError) -> (u16, Vec<u8>) {
        let response = error.error_response();
        let status = response.status().as_u16();
        let body = actix_web::body::to_bytes(response.into_body()).await.expect("a body");
        (status, body.to_vec())
    }

    for (code, expected, (status, body)) in [
        ("ERR-09-001", 500, bytes(&vault_unavailable()).await),
        ("ERR-09-002", 503, bytes(&vault_backend()).await),
        ("ERR-09-003", 403, bytes(&access_denied()).await),
    ] {
        assert_clean("actix", code, &body);
        assert_eq!(status, expected, "{code}");
    }
}

/// Where the secret may go: the log of a server error has the internal
/// `Display` and the chain of sources, for the operators.
#[cfg(feature = "axum")]
#[test]
fn server_errors_are_logged_with_their_cause() {
    let log = capture::events(|| {
        let rendered = error_catalog::http::respond(&vault_unavailable());
        assert_clean("render", "ERR-09-001", &rendered.body);
        // A client error is not logged.
        let rendered = error_catalog::http::respond(&access_denied());
        assert_clean("render", "ERR-09-003", &rendered.body);
    });
    assert_eq!(log.len(), 1, "{log:?}");
    assert!(log[0].contains("error_code=ERR-09-001"), "{log:?}");
    assert!(log[0].contains(&format!("token {SECRET}")), "the internal Display: {log:?}");
    assert!(log[0].contains(&format!("app:{SECRET}@")), "the source: {log:?}");
}

/// A minimal `tracing` subscriber that keeps each event's fields as text.
#[cfg(feature = "axum")]
mod capture {
    use std::fmt::{Debug, Write};
    use std::sync::{Arc, Mutex};

    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Metadata, Subscriber};

    struct Capture(Arc<Mutex<Vec<String>>>);

    struct Fields(String);

    impl Visit for Fields {
        fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
            let _ = write!(self.0, "{}={:?} ", field.name(), value);
        }

        fn record_str(&mut self, field: &Field, value: &str) {
            let _ = write!(self.0, "{}={} ", field.name(), value);
        }
    }

    impl Subscriber for Capture {
        fn enabled(&self, _: &Metadata<'_>) -> bool {
            true
        }
        fn new_span(&self, _: &Attributes<'_>) -> Id {
            Id::from_u64(1)
        }
        fn record(&self, _: &Id, _: &Record<'_>) {}
        fn record_follows_from(&self, _: &Id, _: &Id) {}
        fn event(&self, event: &Event<'_>) {
            let mut fields = Fields(String::new());
            event.record(&mut fields);
            self.0.lock().expect("not poisoned").push(fields.0);
        }
        fn enter(&self, _: &Id) {}
        fn exit(&self, _: &Id) {}
    }

    /// The events `run` emits on this thread.
    pub fn events(run: impl FnOnce()) -> Vec<String> {
        let events = Arc::new(Mutex::new(Vec::new()));
        tracing::subscriber::with_default(Capture(Arc::clone(&events)), run);
        events.lock().expect("not poisoned").clone()
    }
}

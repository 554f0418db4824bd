//! Nothing but the public message and the detail fields reaches a body.
//!
//! A property test: random secrets go where a careless renderer would find
//! them (private fields, hence `Debug`; a field type whose `Debug` prints
//! one; the internal `Display` of a `display = false` type; the message of
//! a source error; the error of a detail whose `Serialize` fails), random
//! public values where the body must show them. For every body format (the
//! flat body, problem+json, `http::respond` in both formats, the axum and
//! actix-web responses), for the gRPC status (its message, its details
//! decoded and as bytes, and the trailers it is sent as), for the formats
//! of published standards (S3's XML once unescaped, Google's JSON, OAuth
//! 2.0 token errors, the Kubernetes `Status`), for the JSON-RPC
//! error object (feature `jsonrpsee`), for the GraphQL error (feature
//! `async-graphql`) and for the
//! client's reading of each, no character of a secret may appear, and the
//! public values must; and the same for the body of a `Failure` whose chain
//! wraps the errors in application errors and anyhow context that quote
//! secrets, or holds no catalog error at all. The parts that need a feature are gated by it:
//! `--all-features` runs them all.
//!
//! Every secret holds characters of the Unicode private use area
//! (U+E000 to U+F8FF) and every public value is ASCII, so "no byte of a
//! secret" is checkable: every body is ASCII, and no string in its JSON,
//! once unescaped, holds a private use character.

use std::fmt;

use error_catalog::body::Body;
use error_catalog::{CatalogError, ErrorCatalog};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde::Serialize;
use serde_json::{Value, json};

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}", default_status = 400)]
pub enum Catalog {
    #[module(9, name = "Vault")]
    Vault,
}

/// A source error whose message quotes a secret, as a driver error quotes
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

/// Credentials whose `Debug` prints the secret (a derived `Debug` of the
/// error prints it in turn).
struct Credentials(String);

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Credentials(bearer {})", self.0)
    }
}

/// A public detail with a private part: serialized without it, printed
/// with it by `Debug`.
#[derive(Debug, Serialize)]
struct Account {
    id: String,
    // Read by `Debug` only, which dead-code analysis does not count.
    #[allow(dead_code)]
    #[serde(skip)]
    token: String,
}

/// A detail whose `Serialize` fails with an error that quotes a secret.
#[derive(Debug)]
struct AuditRecord {
    key: String,
}

impl Serialize for AuditRecord {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom(format!("cannot encrypt with {}", self.key)))
    }
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
// A client error with a dynamic message: only the detail fields reach the
// body, the public part of `account` included.
#[derive(Debug, CatalogError)]
#[catalog(
    module = 9,
    code = 3,
    status = 403,
    message = "Access to '{path}' is denied",
    suggestion = "Ask for access",
    link(url = "https://docs.example.com/ERR-09-003", label = "Access")
)]
struct AccessDeniedError {
    #[catalog(detail)]
    path: String,
    #[catalog(detail)]
    account: Account,
    #[allow(dead_code)]
    credentials: Credentials,
    source: DriverError,
}

/// Raised when an audit record cannot be written
// A detail that fails to serialize: the body says so without its error.
#[derive(Debug, CatalogError)]
#[catalog(module = 9, code = 4, status = 500, message = "Audit of {user} failed")]
struct AuditFailedError {
    #[catalog(detail)]
    user: String,
    #[catalog(detail)]
    record: AuditRecord,
    #[allow(dead_code)]
    session: String,
}

/// The secrets of one case: each placed once.
#[derive(Debug, Clone)]
struct Secrets {
    token: String,
    dsn: String,
    password: String,
    credentials: String,
    account_token: String,
    audit_key: String,
    session: String,
}

/// The public values of one case, and the request they answer.
#[derive(Debug, Clone)]
struct Public {
    vault: String,
    path: String,
    account: String,
    user: String,
    request_id: String,
    // Read by the formats that need a feature.
    #[allow(dead_code)]
    request_path: String,
}

/// A secret: one to 24 characters, at least one of the private use area,
/// the others private use characters or ASCII that escaping must handle
/// (quotes, backslashes, line breaks, braces, control characters).
fn secret() -> impl Strategy<Value = String> {
    let private = proptest::char::range('\u{e000}', '\u{f8ff}');
    let any_char = prop_oneof![3 => private.clone(), 1 => proptest::sample::select(&['"', '\\', '\n', '{', '<', '\u{1b}', '\0', 'a', ' '][..])];
    (private, proptest::collection::vec(any_char, 0..24), any::<proptest::sample::Index>()).prop_map(
        |(first, mut rest, at)| {
            rest.insert(at.index(rest.len() + 1), first);
            rest.into_iter().collect()
        },
    )
}

fn secrets() -> impl Strategy<Value = Secrets> {
    (secret(), secret(), secret(), secret(), secret(), secret(), secret()).prop_map(
        |(token, dsn, password, credentials, account_token, audit_key, session)| Secrets {
            token,
            dsn,
            password,
            credentials,
            account_token,
            audit_key,
            session,
        },
    )
}

fn public() -> impl Strategy<Value = Public> {
    ("[ -~]{0,16}", "[ -~]{0,16}", "[ -~]{0,16}", "[ -~]{0,16}", "[!-~]{1,24}", "/[a-z0-9/._-]{0,24}").prop_map(
        |(vault, path, account, user, request_id, request_path)| Public {
            vault,
            path,
            account,
            user,
            request_id,
            request_path,
        },
    )
}

/// The errors of one case.
struct Errors {
    unavailable: VaultUnavailableError,
    backend: VaultBackendError,
    denied: AccessDeniedError,
    audit: AuditFailedError,
}

fn errors(secrets: &Secrets, public: &Public) -> Errors {
    let driver = || DriverError { dsn: format!("postgres://app:{}@db.internal/vault", secrets.dsn) };
    Errors {
        unavailable: VaultUnavailableError {
            vault: public.vault.clone(),
            token: secrets.token.clone(),
            source: driver(),
        },
        backend: VaultBackendError { password: secrets.password.clone(), cause: driver() },
        denied: AccessDeniedError {
            path: public.path.clone(),
            account: Account { id: public.account.clone(), token: secrets.account_token.clone() },
            credentials: Credentials(secrets.credentials.clone()),
            source: driver(),
        },
        audit: AuditFailedError {
            user: public.user.clone(),
            record: AuditRecord { key: secrets.audit_key.clone() },
            session: secrets.session.clone(),
        },
    }
}

impl Errors {
    /// Each error, with the message and details its body must carry (the
    /// details as the flat and problem bodies write them once a response
    /// has replaced what cannot be serialized).
    fn each(&self) -> [(&(dyn CatalogError<Catalog = Catalog> + Sync), String, Value); 4] {
        let detail = |field: &str, value: Value| json!({ "field": field, "value": value, "message": null });
        [
            (
                &self.unavailable,
                "The vault is unavailable".into(),
                json!([detail("vault", json!(self.unavailable.vault))]),
            ),
            (&self.backend, "Service Unavailable".into(), Value::Null),
            (
                &self.denied,
                format!("Access to '{}' is denied", self.denied.path),
                json!([
                    detail("path", json!(self.denied.path)),
                    detail("account", json!({ "id": self.denied.account.id }))
                ]),
            ),
            (
                &self.audit,
                format!("Audit of {} failed", self.audit.user),
                json!([
                    detail("user", json!(self.audit.user)),
                    { "field": "record", "value": null, "message": "value omitted: it could not be serialized" },
                ]),
            ),
        ]
    }
}

/// The secrets are where a careless renderer would find them: otherwise
/// the property would prove nothing.
fn assert_secrets_are_there(errors: &Errors, secrets: &Secrets) -> Result<(), TestCaseError> {
    use std::error::Error as _;
    let quoted = |secret: &String| format!("{secret:?}");
    let debug = format!("{:?}", errors.unavailable);
    prop_assert!(debug.contains(&quoted(&secrets.token)));
    prop_assert!(errors.unavailable.to_string().contains(&secrets.token));
    prop_assert!(errors.unavailable.source().unwrap().to_string().contains(&secrets.dsn));
    prop_assert!(errors.backend.source().unwrap().to_string().contains(&secrets.dsn));
    let debug = format!("{:?}", errors.backend);
    prop_assert!(debug.contains(&quoted(&secrets.password)));
    let debug = format!("{:?}", errors.denied);
    let bearer = format!("bearer {}", secrets.credentials);
    prop_assert!(debug.contains(&bearer));
    prop_assert!(debug.contains(&quoted(&secrets.account_token)));
    let debug = format!("{:?}", errors.audit);
    prop_assert!(debug.contains(&quoted(&secrets.session)));
    let failure = serde_json::to_string(&errors.audit.record).unwrap_err().to_string();
    prop_assert!(failure.contains(&secrets.audit_key));
    Ok(())
}

fn is_secret_char(c: char) -> bool {
    ('\u{e000}'..='\u{f8ff}').contains(&c)
}

/// Every string of a JSON value, keys included, unescaped.
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(text) => out.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|item| strings(item, out)),
        Value::Object(map) => {
            for (key, item) in map {
                out.push(key.clone());
                strings(item, out);
            }
        }
        _ => {}
    }
}

/// A body in `format` of `error`: ASCII, JSON, without a character of a
/// secret, with its public message and details; and the client reads it
/// back without one either.
fn assert_clean(
    format: &str,
    error: &dyn CatalogError<Catalog = Catalog>,
    message: &str,
    details: &Value,
    bytes: &[u8],
) -> Result<(), TestCaseError> {
    let text = String::from_utf8_lossy(bytes);
    prop_assert!(bytes.is_ascii(), "{} body of {} is not ASCII: {}", format, error.code_str(), text);
    let body: Value =
        serde_json::from_slice(bytes).map_err(|e| TestCaseError::fail(format!("{format}: {e}: {text}")))?;
    let mut all = Vec::new();
    strings(&body, &mut all);
    prop_assert!(
        !all.iter().any(|s| s.chars().any(is_secret_char)),
        "{} body of {} leaks: {}",
        format,
        error.code_str(),
        text
    );
    prop_assert_eq!(&body["error_code"], error.code_str(), "{}: {}", format, text);
    let said = body.get("message").or_else(|| body.get("detail"));
    prop_assert_eq!(said, Some(&json!(message)), "{}: {}", format, text);
    prop_assert_eq!(body.get("details").unwrap_or(&Value::Null), details, "{}: {}", format, text);

    #[cfg(feature = "client")]
    {
        let remote = error_catalog::client::RemoteError::parse(error.status(), bytes)
            .map_err(|e| TestCaseError::fail(format!("{format}: the client cannot read it: {e}")))?;
        prop_assert_eq!(remote.message(), message);
        prop_assert!(!format!("{remote:?}").chars().any(is_secret_char), "{}: the client's parse leaks", format);
        prop_assert!(!remote.to_string().chars().any(is_secret_char), "{}: the client's display leaks", format);
    }
    Ok(())
}

/// Polls a future that needs no waking (a response built in a task-local
/// scope, a body already in memory) to its end.
#[cfg(any(feature = "axum", feature = "actix-web"))]
fn ready<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    match future.as_mut().poll(&mut std::task::Context::from_waker(std::task::Waker::noop())) {
        std::task::Poll::Ready(output) => output,
        std::task::Poll::Pending => panic!("the future waits for nothing"),
    }
}

/// The names of the formats of this build, in the order of [`bodies`].
fn formats() -> Vec<&'static str> {
    let mut formats = vec!["flat"];
    if cfg!(feature = "problem-json") {
        formats.push("problem");
    }
    let mut applications = vec!["respond, flat"];
    if cfg!(feature = "problem-json") {
        applications.push("respond, problem");
    }
    if cfg!(any(feature = "axum", feature = "actix-web")) {
        for application in applications {
            formats.push(application);
            if cfg!(feature = "axum") {
                formats.push("axum");
            }
            if cfg!(feature = "actix-web") {
                formats.push("actix-web");
            }
        }
    }
    formats
}

/// The bodies of every format the build has, each with its name.
fn bodies(error: &(dyn CatalogError<Catalog = Catalog> + Sync), public: &Public) -> Vec<(&'static str, Vec<u8>)> {
    let mut bodies = Vec::new();
    // Alone, a body whose detail fails to serialize is an error, with no
    // bytes; `http::respond` writes it with a marker.
    if let Ok(bytes) = serde_json::to_vec(&Body::new(error).with_request_id(Some(&public.request_id))) {
        bodies.push(("flat", bytes));
    }
    #[cfg(feature = "problem-json")]
    {
        let problem = error_catalog::body::Problem::new(error, "https://docs.example.com/errors/")
            .with_instance(Some(&public.request_path))
            .with_request_id(Some(&public.request_id));
        if let Ok(bytes) = serde_json::to_vec(&problem) {
            bodies.push(("problem", bytes));
        }
    }
    #[cfg(any(feature = "axum", feature = "actix-web"))]
    {
        use error_catalog::http::ErrorResponses;
        use std::sync::Arc;

        #[cfg_attr(not(feature = "problem-json"), allow(unused_mut))]
        let mut applications = vec![("respond, flat", Arc::new(ErrorResponses::new()))];
        #[cfg(feature = "problem-json")]
        applications
            .push(("respond, problem", Arc::new(ErrorResponses::new().with_problem_json("https://docs.example.com/"))));
        for (name, responses) in applications {
            let context = || responses.context(Some(public.request_id.as_bytes()), &public.request_path);
            let response = ready(error_catalog::http::scope(context(), async { error_catalog::http::respond(error) }));
            bodies.push((name, response.body));
            #[cfg(feature = "axum")]
            {
                let response =
                    ready(error_catalog::http::scope(context(), async { error_catalog::axum::into_response(error) }));
                let bytes = ready(axum::body::to_bytes(response.into_body(), usize::MAX)).expect("a body");
                bodies.push(("axum", bytes.to_vec()));
            }
            #[cfg(feature = "actix-web")]
            {
                use actix_web::body::MessageBody as _;
                let response = ready(error_catalog::http::scope(context(), async {
                    error_catalog::actix_web::error_response(error)
                }));
                let bytes = response.into_body().try_into_bytes().map_err(|_| "a streamed body").unwrap();
                bodies.push(("actix-web", bytes.to_vec()));
            }
        }
    }
    bodies
}

#[test]
fn no_character_of_a_secret_reaches_any_body() {
    let mut runner = TestRunner::new(Config { cases: 256, failure_persistence: None, ..Config::default() });
    runner
        .run(&(secrets(), public()), |(secrets, public)| {
            let errors = errors(&secrets, &public);
            assert_secrets_are_there(&errors, &secrets)?;
            for (error, message, details) in errors.each() {
                let bodies = bodies(error, &public);
                // Every format of the build; `Body` and `Problem` alone refuse
                // the detail that cannot be serialized.
                let alone_fails = error.code_str() == "ERR-09-004";
                let names: Vec<&str> = bodies.iter().map(|(name, _)| *name).collect();
                let expected: Vec<&str> =
                    formats().into_iter().filter(|name| !alone_fails || !matches!(*name, "flat" | "problem")).collect();
                prop_assert_eq!(names, expected);
                for (format, bytes) in &bodies {
                    assert_clean(format, error, &message, &details, bytes)?;
                }
                #[cfg(feature = "tonic")]
                assert_status_clean(error, &message, &details, &public)?;
                #[cfg(any(feature = "axum", feature = "actix-web"))]
                assert_standard_formats_clean(error, &message, &details, &public)?;
                #[cfg(feature = "jsonrpsee")]
                assert_error_object_clean(error, &message, &details)?;
                #[cfg(feature = "async-graphql")]
                assert_graphql_clean(error, &message, &details)?;
            }
            Ok(())
        })
        .unwrap();
}

/// The gRPC status of `error`, as built and as read back from the trailers
/// it travels in: no character of a secret in its message, its details
/// (decoded, and as bytes), its `Debug`, or the client's reading; the
/// public message and details there.
#[cfg(feature = "tonic")]
fn assert_status_clean(
    error: &(dyn CatalogError<Catalog = Catalog> + Sync),
    message: &str,
    details: &Value,
    public: &Public,
) -> Result<(), TestCaseError> {
    use tonic_types::{ErrorDetail, StatusExt as _};

    let built = error_catalog::tonic::status_with_request_id(error, Some(&public.request_id));
    let mut trailers = tonic::codegen::http::HeaderMap::new();
    built.add_header(&mut trailers).map_err(|e| TestCaseError::fail(format!("no trailers: {e}")))?;
    for (name, value) in &trailers {
        prop_assert!(value.as_bytes().is_ascii(), "trailer {} is not ASCII", name);
    }
    let sent = tonic::Status::from_header_map(&trailers).expect("a status in the trailers");
    for (how, status) in [("built", &built), ("sent", &sent)] {
        let code = error.code_str();
        prop_assert_eq!(status.message(), message, "{} status of {}", how, code);
        let bytes = String::from_utf8_lossy(status.details());
        prop_assert!(!bytes.chars().any(is_secret_char), "{} status details of {} leak: {:?}", how, code, status);
        prop_assert!(!format!("{status:?}").chars().any(is_secret_char), "{} status of {} leaks", how, code);

        let decoded = status.check_error_details_vec().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut all = Vec::new();
        let mut infos = 0;
        for detail in &decoded {
            match detail {
                ErrorDetail::ErrorInfo(info) => {
                    infos += 1;
                    all.extend([info.reason.clone(), info.domain.clone()]);
                    for (key, value) in &info.metadata {
                        all.extend([key.clone(), value.clone()]);
                    }
                    prop_assert_eq!(&info.metadata["errorCode"], code);
                    let expected = details.as_array().map(Vec::as_slice).unwrap_or_default();
                    prop_assert_eq!(info.metadata.len(), expected.len() + 1);
                    for detail in expected {
                        let key = keys::lower_camel(detail["field"].as_str().unwrap_or_default());
                        let value: Value = serde_json::from_str(&info.metadata[&key])
                            .map_err(|e| TestCaseError::fail(format!("{key}: {e}")))?;
                        prop_assert_eq!(&value, &detail["value"], "{} {}: {}", code, key, value);
                    }
                }
                ErrorDetail::RequestInfo(info) => {
                    prop_assert_eq!(&info.request_id, &public.request_id);
                    all.push(info.serving_data.clone());
                }
                ErrorDetail::Help(help) => {
                    for link in &help.links {
                        all.extend([link.description.clone(), link.url.clone()]);
                    }
                }
                other => return Err(TestCaseError::fail(format!("{code}: an unexpected detail {other:?}"))),
            }
        }
        prop_assert_eq!(infos, 1, "{}: exactly one ErrorInfo", code);
        prop_assert!(!all.iter().any(|text| text.chars().any(is_secret_char)), "{} details of {} leak", how, code);

        let remote = error_catalog::client::RemoteError::from_status(status)
            .map_err(|e| TestCaseError::fail(format!("{how}: the client cannot read the status: {e}")))?;
        prop_assert_eq!(remote.message(), message);
        prop_assert_eq!(remote.code(), code);
        prop_assert!(!format!("{remote:?}").chars().any(is_secret_char), "{}: the client's reading leaks", how);
    }
    Ok(())
}

/// The text of an XML body with its entities and character references
/// replaced: what a parser hands on.
#[cfg(any(feature = "axum", feature = "actix-web"))]
fn xml_unescaped(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';').map_or(rest.len(), |end| at + end);
        let entity = &rest[at + 1..end];
        let number = entity
            .strip_prefix("#x")
            .map(|hex| u32::from_str_radix(hex, 16))
            .or(entity.strip_prefix('#').map(str::parse));
        match number.and_then(Result::ok).and_then(char::from_u32) {
            Some(c) => out.push(c),
            None => out.push_str(entity),
        }
        rest = rest.get(end + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// The formats of published standards (S3's XML, Google's JSON, OAuth 2.0
/// token errors, the Kubernetes `Status`), written
/// by `http::respond`: ASCII, no character of a secret once unescaped, and
/// read back by their readers with the public message and details (a
/// detail that cannot be serialized left out, as these formats have no
/// place for a marker).
#[cfg(any(feature = "axum", feature = "actix-web"))]
fn assert_standard_formats_clean(
    error: &(dyn CatalogError<Catalog = Catalog> + Sync),
    message: &str,
    details: &Value,
    public: &Public,
) -> Result<(), TestCaseError> {
    use error_catalog::client::{Answer, RemoteError};
    use error_catalog::formats::{WireFormat, google::Google, kubernetes::Kubernetes, oauth2::OAuth2, s3::S3};
    use error_catalog::http::ErrorResponses;
    use std::sync::Arc;

    let oauth2 = OAuth2::new("token");
    let formats: [(&str, ErrorResponses, &dyn WireFormat); 4] = [
        ("kubernetes", ErrorResponses::new().with_format(Kubernetes), &Kubernetes),
        ("s3", ErrorResponses::new().with_format(S3), &S3),
        ("google", ErrorResponses::new().with_format(Google), &Google),
        ("oauth2", ErrorResponses::new().with_format(OAuth2::new("token")), &oauth2),
    ];
    for (name, responses, format) in formats {
        let responses = Arc::new(responses);
        let context = responses.context(Some(public.request_id.as_bytes()), &public.request_path);
        let response = ready(error_catalog::http::scope(context, async { error_catalog::http::respond(error) }));
        let code = error.code_str();
        let text = String::from_utf8_lossy(&response.body);
        prop_assert!(response.body.is_ascii(), "{} body of {} is not ASCII: {}", name, code, text);
        let said = if name == "s3" { xml_unescaped(&text) } else { text.to_string() };
        let mut all = vec![said];
        if name != "s3" {
            let body: Value =
                serde_json::from_slice(&response.body).map_err(|e| TestCaseError::fail(format!("{name}: {e}")))?;
            strings(&body, &mut all);
        }
        prop_assert!(!all.iter().any(|s| s.chars().any(is_secret_char)), "{} body of {} leaks: {}", name, code, text);
        for (header, value) in response.headers.iter() {
            prop_assert!(!value.chars().any(is_secret_char), "{} header {} of {} leaks", name, header, code);
        }
        let mut answer = Answer::new(response.status, &response.body);
        for (header, value) in response.headers.iter() {
            answer = answer.with_header(header, value.as_bytes());
        }
        let remote = RemoteError::read(format, &answer)
            .map_err(|e| TestCaseError::fail(format!("{name}: the reader cannot read {code}: {e}: {text}")))?;
        prop_assert_eq!(remote.code(), code, "{}: {}", name, text);
        prop_assert_eq!(remote.status(), error.status());
        if name == "oauth2" {
            // RFC 6749 §5.2's characters only, and no details: the standard has none.
            let restricted: String = message.chars().map(|c| if c == '"' || c == '\\' { '?' } else { c }).collect();
            prop_assert_eq!(remote.message(), restricted, "{}: {}", name, text);
            prop_assert!(remote.details().is_empty());
            continue;
        }
        prop_assert_eq!(remote.message(), message, "{}: {}", name, text);
        for detail in details.as_array().map(Vec::as_slice).unwrap_or_default() {
            let field = detail["field"].as_str().unwrap_or_default();
            let expected = match &detail["value"] {
                Value::Null => None,
                Value::String(text) => Some(json!(text)),
                other => Some(json!(other.to_string())),
            };
            prop_assert_eq!(remote.detail(field), expected.as_ref(), "{} {} {}: {}", name, code, field, text);
        }
        prop_assert!(!format!("{remote:?}").chars().any(is_secret_char), "{}: the reader's reading leaks", name);
    }
    Ok(())
}

/// The JSON-RPC error object of `error`, as written and as the client reads
/// it back: no character of a secret anywhere in it; the public message,
/// and the public details in `data.details`.
#[cfg(feature = "jsonrpsee")]
fn assert_error_object_clean(
    error: &(dyn CatalogError<Catalog = Catalog> + Sync),
    message: &str,
    details: &Value,
) -> Result<(), TestCaseError> {
    let code = error.code_str();
    let text = serde_json::to_string(&error_catalog::jsonrpsee::error_object(error))
        .map_err(|e| TestCaseError::fail(format!("{code}: {e}")))?;
    let object: Value = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{code}: {e}")))?;
    let mut all = Vec::new();
    strings(&object, &mut all);
    prop_assert!(!all.iter().any(|s| s.chars().any(is_secret_char)), "the error object of {} leaks: {}", code, text);
    prop_assert_eq!(&object["message"], &json!(message), "{}", text);
    prop_assert_eq!(&object["data"]["error_code"], code, "{}", text);
    let expected = details.as_array().map(Vec::as_slice).unwrap_or_default();
    let written = object["data"].get("details").and_then(Value::as_object).map_or(0, serde_json::Map::len);
    prop_assert_eq!(written, expected.len(), "{}", text);
    for detail in expected {
        let field = detail["field"].as_str().unwrap_or_default();
        prop_assert_eq!(&object["data"]["details"][field], &detail["value"], "{} {}: {}", code, field, text);
    }

    let remote = error_catalog::client::RemoteError::parse_jsonrpc(text.as_bytes())
        .map_err(|e| TestCaseError::fail(format!("{code}: the client cannot read the error object: {e}")))?;
    prop_assert_eq!((remote.code(), remote.message()), (code, message));
    prop_assert!(!format!("{remote:?}").chars().any(is_secret_char), "{}: the client's reading leaks", code);
    Ok(())
}

/// The GraphQL error of `error`, as a GraphQL response writes it: no
/// character of a secret anywhere in it; the public message, the code and
/// the public details in `extensions`.
#[cfg(feature = "async-graphql")]
fn assert_graphql_clean(
    error: &(dyn CatalogError<Catalog = Catalog> + Sync),
    message: &str,
    details: &Value,
) -> Result<(), TestCaseError> {
    let code = error.code_str();
    let graphql =
        error_catalog::async_graphql::error(error).into_server_error(async_graphql::Pos { line: 1, column: 3 });
    let text = serde_json::to_string(&graphql).map_err(|e| TestCaseError::fail(format!("{code}: {e}")))?;
    let written: Value = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(format!("{code}: {e}")))?;
    let mut all = Vec::new();
    strings(&written, &mut all);
    prop_assert!(!all.iter().any(|s| s.chars().any(is_secret_char)), "the GraphQL error of {} leaks: {}", code, text);
    prop_assert!(!format!("{graphql:?}").chars().any(is_secret_char), "the GraphQL error of {} leaks", code);
    prop_assert_eq!(&written["message"], &json!(message), "{}", text);
    prop_assert_eq!(&written["extensions"]["code"], code, "{}", text);
    let expected = details.as_array().map(Vec::as_slice).unwrap_or_default();
    let count = written["extensions"].get("details").and_then(Value::as_object).map_or(0, serde_json::Map::len);
    prop_assert_eq!(count, expected.len(), "{}", text);
    for detail in expected {
        let field = detail["field"].as_str().unwrap_or_default();
        prop_assert_eq!(&written["extensions"]["details"][field], &detail["value"], "{} {}: {}", code, field, text);
    }
    Ok(())
}

/// A detail's key in a status: `node_id` as `nodeId`.
#[cfg(feature = "tonic")]
#[path = "support/keys.rs"]
mod keys;

#[cfg(feature = "axum")]
#[path = "support/log.rs"]
mod log;

/// Where the secrets may go: the log of a server error has the internal
/// `Display` and the chain of sources, for the operators.
#[cfg(feature = "axum")]
#[test]
fn server_errors_are_logged_with_their_cause() {
    let secret = |name: &str| format!("hunter2-{name}");
    let secrets = Secrets {
        token: secret("token"),
        dsn: secret("dsn"),
        password: secret("password"),
        credentials: secret("credentials"),
        account_token: secret("account"),
        audit_key: secret("audit"),
        session: secret("session"),
    };
    let public = Public {
        vault: "vault-eu-1".into(),
        path: "kv/web".into(),
        account: "acc-1".into(),
        user: "ops".into(),
        request_id: "rid-1".into(),
        request_path: "/v1/vault".into(),
    };
    let errors = errors(&secrets, &public);
    let log = log::fmt_lines(|| {
        let response = error_catalog::http::respond(&errors.unavailable);
        assert!(!String::from_utf8_lossy(&response.body).contains("hunter2"));
        // A client error is not logged.
        let _ = error_catalog::http::respond(&errors.denied);
    });
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(log.contains(r#"error_code="ERR-09-001""#), "{log}");
    assert!(log.contains("token hunter2-token"), "the internal Display: {log}");
    assert!(log.contains("app:hunter2-dsn@"), "the source: {log}");
}

/// The server error of an application whose failures hold no catalog error.
#[cfg(feature = "axum")]
#[derive(Debug, CatalogError)]
#[catalog(module = 9, code = 9, status = 500, message = "Internal error")]
struct InternalError;

/// An application error that wraps another and quotes a secret.
#[cfg(feature = "axum")]
#[derive(Debug, thiserror::Error)]
#[error("while using {secret}")]
struct Leaky {
    secret: String,
    #[source]
    source: Box<dyn std::error::Error + Send + Sync>,
}

/// A `Failure` answers its chain's catalog error: no character of a secret
/// from the errors around it (their `Display`, `Debug`, anyhow's context)
/// reaches the body, whose message and details are the catalog error's;
/// a chain with no catalog error answers the server error, as cleanly.
#[cfg(feature = "axum")]
#[test]
fn no_character_of_a_secret_in_a_chain_reaches_a_failures_body() {
    use std::sync::Arc;

    use error_catalog::Failure;
    use error_catalog::http::ErrorResponses;

    type Boxed = Box<dyn std::error::Error + Send + Sync>;
    let responses = Arc::new(ErrorResponses::new().with_server_error(|| InternalError));
    let mut runner = TestRunner::new(Config { cases: 64, failure_persistence: None, ..Config::default() });
    runner
        .run(&(secrets(), public()), |(secrets, public)| {
            let expected = errors(&secrets, &public);
            let Errors { unavailable, backend, denied, audit } = errors(&secrets, &public);
            let owned: [Boxed; 4] = [Box::new(unavailable), Box::new(backend), Box::new(denied), Box::new(audit)];
            let wrap = |source: Boxed| Leaky {
                secret: secrets.token.clone(),
                source: Box::new(Leaky { secret: secrets.dsn.clone(), source }),
            };
            let mut chains: Vec<(&'static str, Failure, Option<usize>)> = Vec::new();
            for (index, error) in owned.into_iter().enumerate() {
                #[cfg(feature = "anyhow")]
                let error: Failure = anyhow::Error::from(wrap(error))
                    .context(format!("context {}", secrets.password))
                    .context(format!("context {}", secrets.session))
                    .into();
                #[cfg(not(feature = "anyhow"))]
                let error = Failure::from(wrap(error));
                chains.push(("failure", error, Some(index)));
            }
            chains.push(("failure, no catalog error", Failure::from(wrap(secrets.credentials.clone().into())), None));
            let each = expected.each();
            for (name, failure, index) in &chains {
                let context = || responses.context(Some(public.request_id.as_bytes()), &public.request_path);
                let response = ready(error_catalog::http::scope(context(), async {
                    error_catalog::http::respond_failure(failure)
                }));
                let server_error = (&InternalError, "Internal error".to_owned(), Value::Null);
                let (error, message, details) = match index {
                    Some(index) => {
                        (each[*index].0 as &dyn CatalogError<Catalog = Catalog>, &each[*index].1, &each[*index].2)
                    }
                    None => (server_error.0 as &dyn CatalogError<Catalog = Catalog>, &server_error.1, &server_error.2),
                };
                assert_clean(name, error, message, details, &response.body)?;
            }
            // What the axum response of a failure says is the same body.
            for (_, failure, _) in chains {
                let body = ready(error_catalog::http::scope(responses.context(None, "/"), async {
                    axum::response::IntoResponse::into_response(failure)
                }));
                let bytes = ready(axum::body::to_bytes(body.into_body(), usize::MAX)).expect("a body");
                prop_assert!(!String::from_utf8_lossy(&bytes).chars().any(is_secret_char));
            }
            Ok(())
        })
        .unwrap();
}

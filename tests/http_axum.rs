//! The `phala_server` example over real HTTP: each test binds a free
//! loopback port, serves the example's router on it and calls it with
//! `reqwest`. Status, content type and every byte of the error bodies are
//! checked, then read back with `error_catalog::client::RemoteError`.
//!
//! `tests/sdk/bodies.json`, the bodies the official Phala SDKs are checked
//! against (`tests/sdk/run.sh`), must be what the server answers:
//! `sdk_bodies_are_what_the_server_answers` compares them, and rewrites the
//! file when `UPDATE_SDK_BODIES=1`.

// Public, as in tests/phala.rs: clippy judges the names of exported items
// (`CapacityError::Insufficient*`) by the rules of an exported API.
#[path = "../examples/phala_server.rs"]
#[allow(dead_code)]
pub mod server;

#[path = "support/answer.rs"]
mod answer;

#[path = "support/malformed.rs"]
mod malformed;

use answer::Answer;
use error_catalog::CatalogError;
use error_catalog::client::RemoteError;
use error_catalog::http::ErrorResponses;
use serde_json::{Value, json};

// The derives of the example's errors name `crate::Catalog`.
use server::phala::Catalog;
use server::phala::cvm::CvmNotFoundError;
use server::phala::inventory::InvalidRequestError;
use server::phala::preflight::{ComposeHashError, DuplicateCvmNameError, HashRegistrationRequiredError};

/// What the server derives for the first CVM, named `web-1`.
const WEB1_ID: &str = "app_7af3c38d22c8e76cb0adba1df86b2ef534812cd4";
const WEB1_APP_ID: &str = "7af3c38d22c8e76cb0adba1df86b2ef534812cd4";
const WEB1_COMPOSE_HASH: &str = "0x065ecfeade67d29e808cccd52e19491d06ced232649399800cf830680e8f043f";
const WEB1_DEVICE_ID: &str = "3adf7a16db9feb9ed28a8a346443fb0777d3b0b9bf15f964abff21380db31a8d";

const REQUEST_ID: &str = "rid-123";

/// The keys a flat body may have.
const FLAT_KEYS: &[&str] = &["error_code", "message", "request_id", "details", "suggestions", "links"];

/// A running server and a client for it.
struct Server {
    base: String,
    client: reqwest::Client,
}

impl Server {
    /// Serves the example's app, with `responses`, on a free loopback port.
    async fn start(responses: ErrorResponses) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
        let address = listener.local_addr().expect("local address");
        tokio::spawn(async move {
            axum::serve(listener, server::app(responses)).await.expect("serve");
        });
        Self { base: format!("http://{address}"), client: reqwest::Client::new() }
    }

    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
        request_id: Option<&str>,
    ) -> Answer {
        answer::call(&self.client, &self.base, method, path, body, request_id).await
    }

    async fn provision(&self, name: &str, request_id: Option<&str>) -> Answer {
        self.call(reqwest::Method::POST, "/api/v1/cvms/provision", Some(&json!({ "name": name })), request_id).await
    }

    async fn get(&self, id: &str, request_id: Option<&str>) -> Answer {
        self.call(reqwest::Method::GET, &format!("/api/v1/cvms/{id}"), None, request_id).await
    }

    async fn update_envs(&self, id: &str, request_id: Option<&str>) -> Answer {
        let body = json!({ "encrypted_env": "00" });
        self.call(reqwest::Method::PATCH, &format!("/api/v1/cvms/{id}/envs"), Some(&body), request_id).await
    }
}

fn web1() -> Value {
    json!({
        "id": WEB1_ID,
        "name": "web-1",
        "app_id": WEB1_APP_ID,
        "compose_hash": WEB1_COMPOSE_HASH,
        "device_id": WEB1_DEVICE_ID,
        "status": "provisioned",
    })
}

/// The API's KMS object, every key of the SDKs' KmsInfo present (the
/// TypeScript schema refuses a missing `gateway_app_id`; `null` it takes).
fn kms_info() -> Value {
    json!({
        "id": "kms-base-prod",
        "slug": "kms-base-prod",
        "url": "https://kms.phala.network",
        "version": "v0.5.3",
        "chain_id": 8453,
        "kms_contract_address": "0x2f83172A49584C017F2B256F0FB2Dca14126Ba9C",
        "gateway_app_id": null,
    })
}

fn detail(field: &str, value: Value) -> Value {
    json!({ "field": field, "value": value, "message": null })
}

fn envs_details() -> Value {
    json!([
        detail("compose_hash", json!(WEB1_COMPOSE_HASH)),
        detail("app_id", json!(WEB1_APP_ID)),
        detail("device_id", json!(WEB1_DEVICE_ID)),
        detail("kms_info", kms_info()),
    ])
}

/// A flat body has only its own keys: never `detail`, `code` or `type`,
/// which would make the Phala SDKs take it for another format.
fn assert_flat_keys(body: &Value) {
    let object = body.as_object().expect("an object");
    for key in object.keys() {
        assert!(FLAT_KEYS.contains(&key.as_str()), "unexpected key {key} in {body}");
    }
    for key in ["detail", "code", "type"] {
        assert!(!object.contains_key(key), "{key} in {body}");
    }
}

/// The body parsed back, checked against the local type `T`.
fn remote<T: CatalogError>(answer: &Answer) -> RemoteError {
    let error = RemoteError::parse(answer.status, &answer.bytes).expect("an error body");
    assert!(error.is::<T>(), "{error} is not a {}", std::any::type_name::<T>());
    let entry = error.entry().expect("the code is registered in this program");
    assert!(std::ptr::eq(entry, T::entries()[0]), "{} is not the entry of {}", entry.code(), entry.class_name());
    assert_eq!(error.status(), answer.status);
    assert_eq!(entry.status(), answer.status, "the status is the catalog's");
    error
}

#[tokio::test]
async fn provision_then_duplicate_name_is_409() {
    let server = Server::start(ErrorResponses::new()).await;

    let created = server.provision("web-1", None).await;
    assert_eq!(created.status, 201);
    assert_eq!(created.content_type, "application/json");
    assert_eq!(created.json, web1());

    let duplicate = server.provision("web-1", Some(REQUEST_ID)).await;
    assert_eq!(duplicate.status, 409);
    assert_eq!(duplicate.content_type, "application/json");
    // The server has translations: without Accept-Language, the catalog's
    // own language.
    assert_eq!(duplicate.content_language.as_deref(), Some("en"));
    assert_eq!(
        duplicate.json,
        json!({
            "error_code": "ERR-01-004",
            "message": "A CVM with name 'web-1' already exists",
            "request_id": "rid-123",
            "details": [detail("name", json!("web-1"))],
        })
    );
    assert_flat_keys(&duplicate.json);

    let error = remote::<DuplicateCvmNameError>(&duplicate);
    assert!(!error.is::<CvmNotFoundError>());
    assert!(!error.is::<ComposeHashError>());
    assert_eq!(error.code(), "ERR-01-004");
    assert_eq!(error.message(), "A CVM with name 'web-1' already exists");
    assert_eq!(error.request_id(), Some(REQUEST_ID));
    assert_eq!(error.detail("name"), Some(&json!("web-1")));
    assert_eq!(error.details().len(), 1);
    assert_eq!(error.entry().map(|entry| entry.class_name()), Some("DuplicateCvmNameError"));

    // The CVM is there, by id, app id and name.
    for identifier in [WEB1_ID, WEB1_APP_ID, "web-1"] {
        let found = server.get(identifier, None).await;
        assert_eq!((found.status, &found.json), (200, &web1()), "{identifier}");
    }
}

#[tokio::test]
async fn unknown_cvm_is_404() {
    let server = Server::start(ErrorResponses::new()).await;
    let missing = server.get("app_missing", Some(REQUEST_ID)).await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.content_type, "application/json");
    assert_eq!(
        missing.json,
        json!({
            "error_code": "ERR-03-001",
            "message": "The requested CVM was not found",
            "request_id": "rid-123",
            "details": [detail("identifier", json!("app_missing"))],
        })
    );
    assert_flat_keys(&missing.json);

    let error = remote::<CvmNotFoundError>(&missing);
    assert!(!error.is::<DuplicateCvmNameError>());
    assert_eq!(error.detail("identifier"), Some(&json!("app_missing")));

    // The envs of an unknown CVM: the same 404.
    let missing = server.update_envs("nope", None).await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json["error_code"], "ERR-03-001");
    assert_eq!(missing.json["details"], json!([detail("identifier", json!("nope"))]));
}

#[tokio::test]
async fn envs_answers_465_with_the_registration_details() {
    let server = Server::start(ErrorResponses::new()).await;
    assert_eq!(server.provision("web-1", None).await.status, 201);

    let answer = server.update_envs(WEB1_ID, Some(REQUEST_ID)).await;
    assert_eq!(answer.status, 465);
    assert_eq!(answer.content_type, "application/json");
    assert_eq!(
        answer.json,
        json!({
            "error_code": "ERR-01-005",
            "message": "Compose hash registration required on-chain",
            "request_id": "rid-123",
            "details": envs_details(),
        })
    );
    assert_flat_keys(&answer.json);

    let error = remote::<HashRegistrationRequiredError>(&answer);
    assert!(!error.is::<ComposeHashError>());
    assert_eq!(error.entry().map(|entry| entry.class_name()), Some("HashRegistrationRequired"));
    assert_eq!(error.detail("compose_hash"), Some(&json!(WEB1_COMPOSE_HASH)));
    assert_eq!(error.detail("app_id"), Some(&json!(WEB1_APP_ID)));
    assert_eq!(error.detail("device_id"), Some(&json!(WEB1_DEVICE_ID)));
    assert_eq!(error.detail("kms_info"), Some(&kms_info()));

    // Deterministic: by name, the same bytes (less the request id).
    let again = server.update_envs("web-1", Some(REQUEST_ID)).await;
    assert_eq!(again.bytes, answer.bytes);
}

/// Whether `id` is a UUID as tower-http's `MakeRequestUuid` writes it:
/// version 4, lowercase hex in groups of 8-4-4-4-12.
fn is_uuid_v4(id: &str) -> bool {
    let groups: Vec<&str> = id.split('-').collect();
    groups.iter().map(|group| group.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|group| group.bytes().all(|byte| matches!(byte, b'0'..=b'9' | b'a'..=b'f')))
        && groups[2].starts_with('4')
}

#[tokio::test]
async fn a_request_without_an_id_gets_one_in_the_body_and_the_header() {
    let server = Server::start(ErrorResponses::new()).await;
    let created = server.provision("web-1", None).await;
    assert_eq!(created.status, 201);
    assert!(is_uuid_v4(created.request_id.as_deref().expect("an id on a success too")), "{:?}", created.request_id);

    let mut answers = vec![
        server.provision("web-1", None).await,
        server.get("app_missing", None).await,
        server.update_envs("web-1", None).await,
        server.call(reqwest::Method::GET, "/api/v1/nowhere", None, None).await,
        server.call(reqwest::Method::DELETE, "/api/v1/cvms/provision", None, None).await,
    ];
    for case in malformed::cases().into_iter().filter(|case| case.on != malformed::On::Actix) {
        let mut request = server.client.request(case.method.clone(), format!("{}{}", server.base, case.path));
        if let malformed::Sent::Json(text) = case.sent {
            request = request.header("Content-Type", "application/json").body(text);
        }
        answers.push(answer::read(request.send().await.expect("an answer")).await);
    }
    let mut ids = std::collections::HashSet::new();
    for answer in &answers {
        assert!(answer.status >= 400, "{}", answer.json);
        let header = answer.request_id.as_deref().expect("an X-Request-ID header");
        assert!(is_uuid_v4(header), "{header}");
        assert_eq!(answer.json["request_id"], header, "{}", answer.json);
        assert_eq!(RemoteError::parse(answer.status, &answer.bytes).expect("an error body").request_id(), Some(header));
        assert!(ids.insert(header.to_owned()), "{header} twice");
    }

    // The client's id, when it sends one, is kept: in the header and the body.
    let with_id = server.get("app_missing", Some("rid-123")).await;
    assert_eq!(
        (with_id.request_id.as_deref(), with_id.json["request_id"].as_str()),
        (Some("rid-123"), Some("rid-123"))
    );
    // Each request its own id, also when requests overlap.
    let (a, b) = tokio::join!(server.get("x", Some("rid-a")), server.get("y", Some("rid-b")));
    assert_eq!((a.json["request_id"].as_str(), b.json["request_id"].as_str()), (Some("rid-a"), Some("rid-b")));
    // A blank id is the client's, so it is kept in the header, but it is no
    // id a body repeats.
    let blank = server.get("app_missing", Some("  ")).await;
    assert!(blank.json.get("request_id").is_none(), "{}", blank.json);
    assert_flat_keys(&blank.json);
}

/// Every malformed request of the table, in both body formats: the catalog
/// error of its class, with the request's id, never axum's text.
#[tokio::test]
async fn malformed_requests_are_catalog_errors() {
    let mut formats = vec![(ErrorResponses::new(), "application/json")];
    #[cfg(feature = "problem-json")]
    formats.push((ErrorResponses::new().with_problem_json(server::PROBLEM_TYPE_BASE), "application/problem+json"));
    for (responses, content_type) in formats {
        let server = Server::start(responses).await;
        for case in malformed::cases().into_iter().filter(|case| case.on != malformed::On::Actix) {
            let answer = malformed::send(&server.client, &server.base, &case, "rid-malformed").await;
            malformed::assert_answer(&case, &answer, content_type, "rid-malformed");
        }
        // The 405 keeps axum's `Allow` header.
        let response = server.client.delete(format!("{}/api/v1/cvms/provision", server.base)).send().await.unwrap();
        assert_eq!(response.headers().get("allow").map(|value| value.as_bytes()), Some(&b"POST"[..]));
    }
}

#[tokio::test]
async fn request_ids_are_repeated_only_when_short_and_visible_ascii() {
    let server = Server::start(ErrorResponses::new()).await;
    let longest = "r".repeat(200);
    let answer = server.get("app_missing", Some(&longest)).await;
    assert_eq!(answer.json["request_id"], longest.as_str());
    assert_eq!(remote::<CvmNotFoundError>(&answer).request_id(), Some(longest.as_str()));

    let dropped: [&[u8]; 5] = [&[b'r'; 201], &[b'r'; 100_000], b"rid 1", b"rid\t1", "rid-\u{e9}".as_bytes()];
    for id in dropped {
        let response = server
            .client
            .get(format!("{}/api/v1/cvms/app_missing", server.base))
            .header("X-Request-ID", reqwest::header::HeaderValue::from_bytes(id).expect("a header value"))
            .send()
            .await
            .expect("an answer");
        assert_eq!(response.status().as_u16(), 404);
        let bytes = response.bytes().await.expect("a body");
        assert!(bytes.len() < 400, "{} bytes", bytes.len());
        let body: Value = serde_json::from_slice(&bytes).expect("JSON");
        assert!(body.get("request_id").is_none(), "{body}");
    }
}

#[cfg(feature = "problem-json")]
#[tokio::test]
async fn problem_instance_is_the_path_only_up_to_1024_bytes() {
    let server = Server::start(ErrorResponses::new().with_problem_json("https://docs.example.com/errors/")).await;
    let prefix = "/api/v1/cvms/";
    let longest = "a".repeat(error_catalog::http::MAX_INSTANCE_LEN - prefix.len());
    let answer = server.get(&longest, None).await;
    assert_eq!(answer.json["instance"], format!("{prefix}{longest}"));

    let answer = server.get(&format!("{longest}a"), None).await;
    assert_eq!(answer.status, 404);
    assert!(answer.json.get("instance").is_none(), "{}", answer.json);
    assert_eq!(answer.json["error_code"], "ERR-03-001");
    // A 60 KB path: no instance (the example's own detail still names the id).
    let answer = server.get(&"a".repeat(60_000), None).await;
    assert!(answer.json.get("instance").is_none());
    assert!(answer.bytes.len() < 61_000, "{} bytes", answer.bytes.len());
}

#[tokio::test]
async fn invalid_requests_are_err_02_008() {
    let server = Server::start(ErrorResponses::new()).await;
    // The JSON extractor's refusals are the body's fault (the class names
    // its error once, `transport::rejections`); a blank name, the handler's.
    let cases = [
        (json!({ "nam": "web-1" }), "body"),
        (json!({ "name": 7 }), "body"),
        (json!({ "name": "  " }), "name"),
        (json!([1, 2]), "body"),
    ];
    for (body, field) in cases {
        let answer = server.call(reqwest::Method::POST, "/api/v1/cvms/provision", Some(&body), None).await;
        assert_eq!(answer.status, 400, "{body}");
        assert_eq!(
            answer.json,
            json!({
                "error_code": "ERR-02-008",
                "message": "The request contains invalid parameters",
                "request_id": answer.request_id.as_deref().expect("a generated id"),
                "details": [detail("field", json!(field))],
            }),
            "{body}"
        );
        remote::<InvalidRequestError>(&answer);
    }

    // Not JSON at all: the body is at fault.
    let response = server
        .client
        .post(format!("{}/api/v1/cvms/provision", server.base))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status().as_u16(), 400);
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(body["details"], json!([detail("field", json!("body"))]));
}

#[cfg(feature = "problem-json")]
#[tokio::test]
async fn problem_json_bodies() {
    const BASE: &str = "https://docs.phala.network/errors/";
    assert_eq!(server::PROBLEM_TYPE_BASE, BASE);
    let server = Server::start(ErrorResponses::new().with_problem_json(BASE)).await;
    assert_eq!(server.provision("web-1", None).await.status, 201);

    let duplicate = server.provision("web-1", Some(REQUEST_ID)).await;
    assert_eq!(duplicate.status, 409);
    assert_eq!(duplicate.content_type, "application/problem+json");
    assert_eq!(
        duplicate.json,
        json!({
            "type": "https://docs.phala.network/errors/ERR-01-004",
            "title": "DuplicateCvmNameError",
            "status": 409,
            "detail": "A CVM with name 'web-1' already exists",
            "instance": "/api/v1/cvms/provision",
            "error_code": "ERR-01-004",
            "request_id": "rid-123",
            "details": [detail("name", json!("web-1"))],
        })
    );
    let error = remote::<DuplicateCvmNameError>(&duplicate);
    assert_eq!(error.message(), "A CVM with name 'web-1' already exists");
    assert_eq!(error.request_id(), Some(REQUEST_ID));
    assert_eq!(error.detail("name"), Some(&json!("web-1")));

    let missing = server.get("app_missing", None).await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.content_type, "application/problem+json");
    assert_eq!(
        missing.json,
        json!({
            "type": "https://docs.phala.network/errors/ERR-03-001",
            "title": "CvmNotFoundError",
            "status": 404,
            "detail": "The requested CVM was not found",
            "instance": "/api/v1/cvms/app_missing",
            "error_code": "ERR-03-001",
            "request_id": missing.request_id.as_deref().expect("a generated id"),
            "details": [detail("identifier", json!("app_missing"))],
        })
    );
    let error = remote::<CvmNotFoundError>(&missing);
    assert_eq!(error.request_id(), missing.request_id.as_deref());

    let envs = server.update_envs("web-1", Some(REQUEST_ID)).await;
    assert_eq!(envs.status, 465);
    assert_eq!(envs.content_type, "application/problem+json");
    assert_eq!(
        envs.json,
        json!({
            "type": "https://docs.phala.network/errors/ERR-01-005",
            "title": "HashRegistrationRequired",
            "status": 465,
            "detail": "Compose hash registration required on-chain",
            "instance": "/api/v1/cvms/web-1/envs",
            "error_code": "ERR-01-005",
            "request_id": "rid-123",
            "details": envs_details(),
        })
    );
    let error = remote::<HashRegistrationRequiredError>(&envs);
    assert_eq!(error.detail("kms_info"), Some(&kms_info()));

    // The flat app is unaffected: the format is per application.
    let flat = Server::start(ErrorResponses::new()).await;
    let answer = flat.get("app_missing", None).await;
    assert_eq!(answer.content_type, "application/json");
    assert_flat_keys(&answer.json);
}

/// The requests of `tests/sdk/bodies.json`, in order, on a fresh server;
/// each with the request id `rid-123`.
async fn sdk_records(server: &Server) -> Vec<Value> {
    let envs_request = json!({ "encrypted_env": "00" });
    let provision_request = json!({ "name": "web-1" });
    let requests: [(&str, reqwest::Method, &str, Option<&Value>); 4] = [
        ("provision", reqwest::Method::POST, "/api/v1/cvms/provision", Some(&provision_request)),
        ("duplicate_name", reqwest::Method::POST, "/api/v1/cvms/provision", Some(&provision_request)),
        ("cvm_not_found", reqwest::Method::GET, "/api/v1/cvms/app_missing", None),
        ("hash_registration_required", reqwest::Method::PATCH, "/api/v1/cvms/web-1/envs", Some(&envs_request)),
    ];
    let mut records = Vec::new();
    for (name, method, path, body) in requests {
        let answer = server.call(method.clone(), path, body, Some(REQUEST_ID)).await;
        records.push(json!({
            "name": name,
            "method": method.as_str(),
            "path": path,
            "request": body,
            "status": answer.status,
            "content_type": answer.content_type,
            "body": answer.json,
            // The exact bytes, for the replay to the SDKs.
            "raw": String::from_utf8(answer.bytes).expect("UTF-8 body"),
        }));
    }
    records
}

#[tokio::test]
async fn sdk_bodies_are_what_the_server_answers() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/sdk/bodies.json");
    let mut formats = serde_json::Map::new();
    formats.insert("flat".into(), Value::Array(sdk_records(&Server::start(ErrorResponses::new()).await).await));
    #[cfg(feature = "problem-json")]
    formats.insert(
        "problem".into(),
        Value::Array(
            sdk_records(&Server::start(ErrorResponses::new().with_problem_json(server::PROBLEM_TYPE_BASE)).await).await,
        ),
    );
    let answered = json!({
        "about": "What examples/phala_server.rs answers, request by request from a fresh start, each request with \
                  X-Request-ID: rid-123; `flat` with ErrorResponses::new(), `problem` with --problem-json. Written by \
                  `UPDATE_SDK_BODIES=1 cargo test --all-features --test http_axum`, read by tests/sdk/run.sh.",
        "request_id": REQUEST_ID,
        "formats": formats,
    });

    if std::env::var_os("UPDATE_SDK_BODIES").is_some() {
        if !cfg!(feature = "problem-json") {
            panic!("UPDATE_SDK_BODIES needs --all-features: the problem bodies would be lost");
        }
        let text = serde_json::to_string_pretty(&answered).expect("JSON") + "\n";
        std::fs::write(path, text).expect("write tests/sdk/bodies.json");
        return;
    }
    let committed: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("tests/sdk/bodies.json")).expect("JSON");
    assert_eq!(committed["about"], answered["about"]);
    assert_eq!(committed["request_id"], answered["request_id"]);
    for (format, records) in answered["formats"].as_object().expect("formats") {
        assert_eq!(
            &committed["formats"][format], records,
            "tests/sdk/bodies.json is not what the server answers ({format}): rerun with UPDATE_SDK_BODIES=1"
        );
    }
}

/// A handler may return any error of the catalog, boxed: every one of the
/// 29 answers its own status and code.
#[tokio::test]
async fn boxed_errors_are_responses() {
    use axum::response::IntoResponse;

    for error in server::phala::all() {
        let (status, code) = (error.status(), error.code_str());
        let response = error.into_response();
        assert_eq!(response.status().as_u16(), status, "{code}");
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        let body: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(body["error_code"], code);
    }
}

/// `ErrorLayer` takes tower-http's `RequestId` extension first, the header
/// it reads (`X-Request-ID`) second: here `SetRequestIdLayer` works on
/// another header, so the two differ.
#[tokio::test]
async fn the_request_id_extension_comes_before_the_header() {
    use tower::ServiceExt;
    use tower_http::request_id::{MakeRequestUuid, SetRequestIdLayer};

    let app = axum::Router::new()
        .route("/missing", axum::routing::get(|| async { Err::<(), _>(CvmNotFoundError { identifier: "x".into() }) }))
        .layer(
            tower::ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(axum::http::HeaderName::from_static("x-trace-id"), MakeRequestUuid))
                .layer(error_catalog::axum::ErrorLayer::new(ErrorResponses::new())),
        );
    let body = |request: axum::http::Request<axum::body::Body>| {
        let app = app.clone();
        async move {
            let response = app.oneshot(request).await.unwrap();
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
            serde_json::from_slice::<Value>(&bytes).unwrap()
        }
    };
    let request = |headers: &[(&'static str, &'static str)]| {
        let mut request = axum::http::Request::builder().uri("/missing");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.body(axum::body::Body::empty()).unwrap()
    };

    let traced = body(request(&[("x-trace-id", "trace-1"), ("x-request-id", "header-1")])).await;
    assert_eq!(traced["request_id"], "trace-1");
    // No x-trace-id: the layer makes a UUID, and the extension wins again.
    let made = body(request(&[("x-request-id", "header-1")])).await;
    let made = made["request_id"].as_str().expect("an id");
    assert!(is_uuid_v4(made), "{made}");
    // Without SetRequestIdLayer, the header.
    let plain = axum::Router::new()
        .route("/missing", axum::routing::get(|| async { Err::<(), _>(CvmNotFoundError { identifier: "x".into() }) }))
        .layer(error_catalog::axum::ErrorLayer::new(ErrorResponses::new()));
    let response = plain.oneshot(request(&[("x-request-id", "header-1")])).await.unwrap();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    assert_eq!(serde_json::from_slice::<Value>(&bytes).unwrap()["request_id"], "header-1");
}

/// Reads from `stream` until the server closes it, and returns what it
/// sent. Fails when the server keeps the connection open for a minute: a
/// guard against a hang, not a measure of speed.
async fn read_until_closed(stream: &mut tokio::net::TcpStream) -> String {
    use tokio::io::AsyncReadExt as _;
    let mut received = Vec::new();
    match tokio::time::timeout(std::time::Duration::from_secs(60), stream.read_to_end(&mut received)).await {
        Ok(Ok(_)) => {}
        // A reset closes the connection too.
        Ok(Err(error)) => assert_eq!(error.kind(), std::io::ErrorKind::ConnectionReset, "{error}"),
        Err(_) => panic!("the server kept a slow connection open; it had sent {received:?}"),
    }
    String::from_utf8_lossy(&received).into_owned()
}

/// A client that sends part of a request's head and then nothing (a
/// slowloris) is disconnected once the header timeout passes.
#[tokio::test]
async fn a_slow_partial_request_head_is_closed() {
    use tokio::io::AsyncWriteExt as _;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = server::app(ErrorResponses::new());
    tokio::spawn(server::serve(listener, app, std::time::Duration::from_millis(200)));

    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    stream.write_all(b"POST /api/v1/cvms/provision HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty").await.unwrap();
    let received = read_until_closed(&mut stream).await;
    assert!(!received.starts_with("HTTP/1.1 2"), "{received}");
}

/// A client that sends the head and then trickles its body is answered 408
/// with a catalog body, and the connection is closed.
#[tokio::test]
async fn a_slow_partial_request_body_is_answered_408_and_closed() {
    use tokio::io::AsyncWriteExt as _;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = server::app_with_timeout(ErrorResponses::new(), std::time::Duration::from_millis(300));
    tokio::spawn(server::serve(listener, app, std::time::Duration::from_secs(10)));

    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = "POST /api/v1/cvms/provision HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-ID: rid-slow\r\n\
                Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\":";
    stream.write_all(head.as_bytes()).await.unwrap();
    let received = read_until_closed(&mut stream).await;
    assert!(received.starts_with("HTTP/1.1 408 Request Timeout\r\n"), "{received}");
    let body = received.split_once("\r\n\r\n").map(|(_, body)| body).unwrap_or_default();
    let body: Value = serde_json::from_str(body).unwrap_or_else(|error| panic!("{error}: {received}"));
    assert_eq!(
        body,
        json!({ "error_code": "HTTP-408", "message": "The request took too long", "request_id": "rid-slow" })
    );
}

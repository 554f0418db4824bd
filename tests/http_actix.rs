//! The Phala errors of `examples/phala.rs` from an actix-web 4 server over
//! real HTTP: `HttpServer` on a free loopback port, `reqwest` as the client.
//! The derive makes every catalog error a `ResponseError`; `status_code`
//! and the response's status must agree for each of the 29 codes.

#[path = "../examples/phala.rs"]
#[allow(dead_code)]
pub mod phala;

#[path = "support/answer.rs"]
mod answer;

#[path = "support/malformed.rs"]
mod malformed;

// The catalog errors of the rejections, the same as the axum server's.
#[path = "../examples/phala_server/transport.rs"]
pub mod transport;

use answer::Answer;
use std::collections::HashMap;
use std::sync::Mutex;

use actix_web::middleware::from_fn;
use actix_web::{App, HttpResponse, HttpServer, ResponseError, web};
use error_catalog::CatalogError;
use error_catalog::client::RemoteError;
use error_catalog::http::ErrorResponses;
use serde_json::{Value, json};

// The derives name `crate::Catalog`.
use phala::Catalog;
use phala::cvm::CvmNotFoundError;
use phala::preflight::{DuplicateCvmNameError, HashRegistrationRequiredError, KmsInfo};

/// The CVMs, name to id.
#[derive(Default)]
struct Cvms(Mutex<HashMap<String, u64>>);

#[derive(serde::Deserialize)]
struct ProvisionRequest {
    name: String,
}

async fn provision(
    cvms: web::Data<Cvms>,
    request: web::Json<ProvisionRequest>,
) -> Result<HttpResponse, DuplicateCvmNameError> {
    let mut cvms = cvms.0.lock().expect("not poisoned");
    if cvms.contains_key(&request.name) {
        return Err(DuplicateCvmNameError { name: request.name.clone() });
    }
    let id = cvms.len() as u64 + 1;
    cvms.insert(request.name.clone(), id);
    Ok(HttpResponse::Created().json(json!({ "id": id, "name": request.name })))
}

#[derive(serde::Deserialize)]
struct ListQuery {
    limit: Option<u32>,
}

async fn list_cvms(cvms: web::Data<Cvms>, query: web::Query<ListQuery>) -> HttpResponse {
    let cvms = cvms.0.lock().expect("not poisoned");
    let mut names: Vec<&String> = cvms.keys().collect();
    names.sort();
    names.truncate(query.limit.unwrap_or(100) as usize);
    HttpResponse::Ok().json(names)
}

async fn get_cvm(cvms: web::Data<Cvms>, name: web::Path<String>) -> Result<HttpResponse, CvmNotFoundError> {
    let name = name.into_inner();
    match cvms.0.lock().expect("not poisoned").get(&name) {
        Some(id) => Ok(HttpResponse::Ok().json(json!({ "id": id, "name": name }))),
        None => Err(CvmNotFoundError { identifier: name }),
    }
}

async fn update_envs(name: web::Path<String>) -> Result<HttpResponse, HashRegistrationRequiredError> {
    Err(HashRegistrationRequiredError {
        compose_hash: format!("0x{name}"),
        app_id: "e15c1a29a9dfb522da528464a8d5ce40ac28039f".into(),
        device_id: "7a82".into(),
        kms_info: KmsInfo { kms_contract_address: Some("0x2f83".into()), ..KmsInfo::base_prod() },
    })
}

/// `GET /errors/{index}`: the response of the error at `index` in code order.
async fn error_at(index: web::Path<usize>) -> HttpResponse {
    let mut errors = phala::all();
    errors.swap_remove(index.into_inner()).error_response()
}

/// A server with the routes, the app's `responses` and the `scope`
/// middleware, on a free loopback port, until `stop`.
struct Server {
    base: String,
    handle: actix_web::dev::ServerHandle,
    client: reqwest::Client,
}

impl Server {
    fn start(responses: ErrorResponses) -> Self {
        let cvms = web::Data::new(Cvms::default());
        let responses = responses.with_rejections(transport::rejections());
        let server = HttpServer::new(move || {
            App::new()
                .app_data(web::Data::new(responses.clone()))
                .app_data(cvms.clone())
                // Each extractor's refusals, and an unknown route, answered
                // with the catalog error of their class.
                .app_data(
                    web::JsonConfig::default()
                        .limit(transport::MAX_BODY)
                        .error_handler(error_catalog::actix_web::json_error),
                )
                .app_data(web::PathConfig::default().error_handler(error_catalog::actix_web::path_error))
                .app_data(web::QueryConfig::default().error_handler(error_catalog::actix_web::query_error))
                .default_service(web::to(error_catalog::actix_web::not_found))
                .wrap(from_fn(error_catalog::actix_web::scope))
                .route("/api/v1/cvms", web::get().to(list_cvms))
                // A resource answers 405 to a method it has no route for
                // (`App::route` would give the path to the default service).
                .service(web::resource("/api/v1/cvms/provision").route(web::post().to(provision)))
                .route("/api/v1/cvms/{name}", web::get().to(get_cvm))
                .route("/api/v1/cvms/{name}/envs", web::patch().to(update_envs))
                .route("/errors/{index}", web::get().to(error_at))
        })
        .workers(1)
        .bind(("127.0.0.1", 0))
        .expect("bind a loopback port");
        let address = server.addrs()[0];
        let server = server.run();
        let handle = server.handle();
        actix_web::rt::spawn(server);
        Self { base: format!("http://{address}"), handle, client: reqwest::Client::new() }
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>, request_id: Option<&str>) -> Answer {
        answer::call(&self.client, &self.base, method, path, body.as_ref(), request_id).await
    }

    async fn stop(self) {
        self.handle.stop(true).await;
    }
}

fn detail(field: &str, value: Value) -> Value {
    json!({ "field": field, "value": value, "message": null })
}

#[actix_web::test]
async fn duplicate_name_and_not_found() {
    let server = Server::start(ErrorResponses::new());
    let provision = |request_id| {
        server.call(reqwest::Method::POST, "/api/v1/cvms/provision", Some(json!({ "name": "web-1" })), request_id)
    };

    let created = provision(None).await;
    assert_eq!((created.status, &created.json), (201, &json!({ "id": 1, "name": "web-1" })));

    let duplicate = provision(Some("rid-123")).await;
    assert_eq!(duplicate.status, 409);
    assert_eq!(duplicate.content_type, "application/json");
    // No translations, no language said.
    assert_eq!(duplicate.content_language, None);
    // The id reaches the body; this server has no layer that repeats it in
    // a header.
    assert_eq!(duplicate.request_id, None);
    assert_eq!(
        duplicate.json,
        json!({
            "error_code": "ERR-01-004",
            "message": "A CVM with name 'web-1' already exists",
            "request_id": "rid-123",
            "details": [detail("name", json!("web-1"))],
        })
    );
    let error = RemoteError::parse(duplicate.status, &duplicate.bytes).expect("an error body");
    assert!(error.is::<DuplicateCvmNameError>());
    assert!(!error.is::<CvmNotFoundError>());
    assert!(std::ptr::eq(error.entry().expect("registered"), DuplicateCvmNameError::entries()[0]));
    assert_eq!(error.request_id(), Some("rid-123"));

    // Without the header, no request id.
    let duplicate = provision(None).await;
    assert_eq!(duplicate.status, 409);
    assert!(duplicate.json.get("request_id").is_none(), "{}", duplicate.json);

    let missing = server.call(reqwest::Method::GET, "/api/v1/cvms/app_missing", None, Some("rid-404")).await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.content_type, "application/json");
    assert_eq!(
        missing.json,
        json!({
            "error_code": "ERR-03-001",
            "message": "The requested CVM was not found",
            "request_id": "rid-404",
            "details": [detail("identifier", json!("app_missing"))],
        })
    );
    let error = RemoteError::parse(missing.status, &missing.bytes).expect("an error body");
    assert!(error.is::<CvmNotFoundError>());
    assert_eq!(error.detail("identifier"), Some(&json!("app_missing")));

    let found = server.call(reqwest::Method::GET, "/api/v1/cvms/web-1", None, None).await;
    assert_eq!((found.status, found.json), (200, json!({ "id": 1, "name": "web-1" })));

    // A custom status, 465, through actix.
    let envs = server.call(reqwest::Method::PATCH, "/api/v1/cvms/web-1/envs", None, Some("rid-465")).await;
    assert_eq!(envs.status, 465);
    assert_eq!(envs.json["error_code"], "ERR-01-005");
    assert_eq!(envs.json["request_id"], "rid-465");
    assert_eq!(
        envs.json["details"][3],
        detail(
            "kms_info",
            json!({
                "id": "kms-base-prod",
                "slug": "kms-base-prod",
                "url": "https://kms.phala.network",
                "version": "v0.5.3",
                "chain_id": 8453,
                "kms_contract_address": "0x2f83",
                "gateway_app_id": null,
            })
        )
    );
    let error = RemoteError::parse(envs.status, &envs.bytes).expect("an error body");
    assert!(error.is::<HashRegistrationRequiredError>());

    server.stop().await;
}

#[actix_web::test]
async fn status_code_is_the_response_status_for_all_29() {
    // Boxed catalog errors are `ResponseError`s too.
    let errors = phala::all();
    assert_eq!(errors.len(), 29);

    let server = Server::start(ErrorResponses::new());
    for (index, error) in errors.iter().enumerate() {
        let code = error.code_str();
        let status = ResponseError::status_code(error);
        assert_eq!(status.as_u16(), error.status(), "{code}");

        // Outside a request: the flat body, no request id.
        let response = error.error_response();
        assert_eq!(response.status(), status, "{code}");
        assert_eq!(
            response.headers().get("content-type").map(|value| value.as_bytes()),
            Some(&b"application/json"[..])
        );
        let body = actix_web::body::to_bytes(response.into_body()).await.expect("a body");
        let remote = RemoteError::parse(status.as_u16(), &body).expect("an error body");
        assert_eq!(remote.code(), code);
        assert!(std::ptr::eq(remote.entry().expect("registered"), error.entry()), "{code}");

        // Over HTTP, within the scope middleware: the same status.
        let answer = server.call(reqwest::Method::GET, &format!("/errors/{index}"), None, Some(code)).await;
        assert_eq!(answer.status, status.as_u16(), "{code}");
        assert_eq!(answer.json["error_code"], code);
        assert_eq!(answer.json["request_id"], code);
        assert_eq!(answer.json["message"], error.message().as_ref(), "{code}");
    }
    server.stop().await;
}

#[cfg(feature = "problem-json")]
#[actix_web::test]
async fn problem_json_from_app_data() {
    let server = Server::start(ErrorResponses::new().with_problem_json("https://docs.phala.network/errors/"));
    let missing = server.call(reqwest::Method::GET, "/api/v1/cvms/app_missing", None, Some("rid-1")).await;
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
            "request_id": "rid-1",
            "details": [detail("identifier", json!("app_missing"))],
        })
    );
    let error = RemoteError::parse(missing.status, &missing.bytes).expect("a problem document");
    assert!(error.is::<CvmNotFoundError>());
    assert_eq!(error.message(), "The requested CVM was not found");
    server.stop().await;
}

/// The table of malformed requests, over HTTP, in both body formats: each
/// the catalog error of its class, as the axum server answers it.
#[actix_web::test]
async fn malformed_requests_are_catalog_errors() {
    let mut formats = vec![(ErrorResponses::new(), "application/json")];
    #[cfg(feature = "problem-json")]
    formats.push((
        ErrorResponses::new().with_problem_json("https://docs.phala.network/errors/"),
        "application/problem+json",
    ));
    for (responses, content_type) in formats {
        let server = Server::start(responses);
        for case in malformed::cases().into_iter().filter(|case| case.on != malformed::On::Axum) {
            let answer = malformed::send(&server.client, &server.base, &case, "rid-malformed").await;
            malformed::assert_answer(&case, &answer, content_type, "rid-malformed");
        }
        server.stop().await;
    }
}

/// Without `Rejections`, the framework's answers stay as they are.
#[actix_web::test]
async fn without_rejections_the_answers_of_actix_stay() {
    let server = HttpServer::new(|| {
        App::new()
            .wrap(from_fn(error_catalog::actix_web::scope))
            .app_data(web::JsonConfig::default().error_handler(error_catalog::actix_web::json_error))
            .default_service(web::to(error_catalog::actix_web::not_found))
            .route(
                "/api/v1/cvms/provision",
                web::post().to(|_: web::Json<Value>| async { HttpResponse::Ok().finish() }),
            )
    })
    .workers(1)
    .bind(("127.0.0.1", 0))
    .expect("bind a loopback port");
    let base = format!("http://{}", server.addrs()[0]);
    let server = server.run();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    let client = reqwest::Client::new();
    let missing = client.get(format!("{base}/nowhere")).send().await.unwrap();
    assert_eq!(missing.status().as_u16(), 404);
    assert!(missing.bytes().await.unwrap().is_empty());
    let bad = client
        .post(format!("{base}/api/v1/cvms/provision"))
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .unwrap();
    let status = bad.status().as_u16();
    let content_type = bad.headers()["content-type"].to_str().unwrap().to_owned();
    assert_eq!(status, 400, "{:?}", bad.text().await);
    assert!(!content_type.contains("json"), "{content_type}");
    handle.stop(true).await;
}

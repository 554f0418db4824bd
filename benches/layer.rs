//! What `axum::ErrorLayer` costs a request, side by side in one criterion
//! run: the same axum `Router` called through `tower::ServiceExt::oneshot`
//! on a current-thread runtime, without the layer, with it around the
//! router, and with it through `Router::layer` (which axum applies to each
//! route, boxing each route's service and future once more).
//!
//! `cargo bench --bench layer --features axum`; see BENCHMARKS.md.
//!
//! - `success/*`: a 200 route. Every request carries `X-Request-ID`, the
//!   header the layer captures.
//! - `error/*`: a 409 route, a hand-written JSON error without the layer
//!   against the catalog error with it; both write the same bytes, request
//!   id included (checked before anything is measured).

use std::hint::black_box;

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use criterion::{Criterion, criterion_group, criterion_main};
use error_catalog::axum::ErrorLayer;
use error_catalog::http::ErrorResponses;
use serde::Serialize;
use tower::{Layer, ServiceExt};

#[derive(error_catalog::ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}", default_status = 400)]
pub enum Catalog {
    #[module(1, name = "CVM API / Preflight")]
    Preflight,
}

/// Raised when a CVM name already exists in the workspace
#[derive(Debug, error_catalog::CatalogError)]
#[catalog(module = 1, code = 4, status = 409, message = "A CVM with name '{name}' already exists")]
pub struct DuplicateCvmNameError {
    #[catalog(detail)]
    name: String,
}

async fn ok() -> &'static str {
    "ok"
}

async fn conflict() -> Result<&'static str, DuplicateCvmNameError> {
    Err(DuplicateCvmNameError { name: black_box("web-1").to_owned() })
}

#[derive(Serialize)]
struct HandBody<'a> {
    error_code: &'a str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<&'a str>,
    details: [HandDetail<'a>; 1],
}

#[derive(Serialize)]
struct HandDetail<'a> {
    field: &'a str,
    value: &'a str,
    message: Option<&'a str>,
}

/// What a team writes without the library: the same body, request id included.
async fn conflict_by_hand(request: Request) -> Response {
    let name = black_box("web-1").to_owned();
    let request_id = request.headers().get("x-request-id").and_then(|id| id.to_str().ok());
    let body = HandBody {
        error_code: "ERR-01-004",
        message: format!("A CVM with name '{name}' already exists"),
        request_id,
        details: [HandDetail { field: "name", value: &name, message: None }],
    };
    let bytes = serde_json::to_vec(&body).unwrap_or_default();
    (StatusCode::CONFLICT, [(axum::http::header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], bytes)
        .into_response()
}

fn routes() -> Router {
    Router::new()
        .route("/ok", get(ok))
        .route("/conflict", get(conflict))
        .route("/conflict-by-hand", get(conflict_by_hand))
}

fn request(path: &'static str) -> Request {
    Request::builder().uri(path).header("x-request-id", "rid-3f2a9c").body(Body::empty()).unwrap_or_default()
}

/// One request through `service`, its whole body read.
async fn call<S>(service: &S, path: &'static str) -> (StatusCode, axum::body::Bytes)
where
    S: tower::Service<Request, Response = Response, Error = std::convert::Infallible> + Clone,
{
    let response = service.clone().oneshot(request(path)).await.unwrap_or_else(|never| match never {});
    let status = response.status();
    (status, axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap_or_default())
}

fn layer(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread().build().expect("a current-thread runtime");
    let bare = routes();
    let around = ErrorLayer::new(ErrorResponses::new()).layer(routes());
    let per_route = routes().layer(ErrorLayer::new(ErrorResponses::new()));

    // Both sides of the error case answer the same bytes, or the comparison means nothing.
    let by_hand = runtime.block_on(call(&bare, "/conflict-by-hand"));
    for answer in [runtime.block_on(call(&around, "/conflict")), runtime.block_on(call(&per_route, "/conflict"))] {
        assert_eq!(answer, by_hand);
    }
    assert_eq!(by_hand.0, StatusCode::CONFLICT);
    assert_eq!(runtime.block_on(call(&around, "/ok")), runtime.block_on(call(&bare, "/ok")));

    let mut group = c.benchmark_group("layer");
    group.bench_function("success/no-layer", |b| b.iter(|| runtime.block_on(call(&bare, "/ok"))));
    group.bench_function("success/layer-around-router", |b| b.iter(|| runtime.block_on(call(&around, "/ok"))));
    group.bench_function("success/router-layer", |b| b.iter(|| runtime.block_on(call(&per_route, "/ok"))));
    group.bench_function("error/hand-written-no-layer", |b| {
        b.iter(|| runtime.block_on(call(&bare, "/conflict-by-hand")));
    });
    group.bench_function("error/catalog-layer-around-router", |b| {
        b.iter(|| runtime.block_on(call(&around, "/conflict")));
    });
    group.bench_function("error/catalog-router-layer", |b| b.iter(|| runtime.block_on(call(&per_route, "/conflict"))));
    group.finish();
}

criterion_group!(benches, layer);
criterion_main!(benches);

//! What `axum::ErrorLayer` costs a request, side by side in one criterion
//! run: the same axum `Router` called through `tower::ServiceExt::oneshot`
//! on a current-thread runtime, without the layer, with it around the
//! router, and with it through `Router::layer` (which axum applies to each
//! route, boxing each route's service and future once more).
//!
//! `cargo bench --bench layer --features axum`; see BENCHMARKS.md.
//! `-- --alternate ROUNDS` times the success cases in alternation instead
//! (see [`alternate`]); `-- --count CASE N` runs one case for callgrind.
//!
//! - `success/*`: a 200 route. Every request carries `X-Request-ID`, the
//!   header the layer captures, its bytes shared as hyper shares them.
//!   `router-layer-identity` is `Router::layer` with tower's `Identity`, a
//!   layer that does nothing: what axum's boxing per route costs any layer.
//! - `success-with-request-ids/*`: the same behind tower-http's
//!   `SetRequestIdLayer` and `PropagateRequestIdLayer`, as the example
//!   server has them: the layer finds the id in the `RequestId` extension.
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
use criterion::{Criterion, criterion_group};
use error_catalog::axum::ErrorLayer;
use error_catalog::http::ErrorResponses;
use serde::Serialize;
use tower::{Layer, ServiceExt};
use tower_http::request_id::{
    MakeRequestUuid, PropagateRequestId, PropagateRequestIdLayer, SetRequestId, SetRequestIdLayer,
};

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

thread_local! {
    /// The request id's bytes, shared as hyper shares a header's bytes with
    /// the connection's read buffer: a clone is a reference count, not a copy.
    static REQUEST_ID: axum::body::Bytes = {
        let id = axum::body::Bytes::from(b"rid-3f2a9c".to_vec());
        // The first clone of a `Bytes` made from a `Vec` makes it shared.
        drop(id.clone());
        id
    };
}

fn request(path: &'static str) -> Request {
    let id = REQUEST_ID.with(|id| HeaderValue::from_maybe_shared(id.clone())).expect("a header value");
    Request::builder().uri(path).header("x-request-id", id).body(Body::empty()).unwrap_or_default()
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

/// The same routes without the layer, with it around the router, and with
/// it through `Router::layer`.
struct Services {
    bare: Router,
    around: error_catalog::axum::ErrorService<Router>,
    per_route: Router,
    per_route_identity: Router,
    ids: WithIds<Router>,
    ids_around: WithIds<error_catalog::axum::ErrorService<Router>>,
}

/// tower-http's request id layers, as the example server has them.
type WithIds<S> = SetRequestId<PropagateRequestId<S>, MakeRequestUuid>;

fn with_ids<S>(service: S) -> WithIds<S> {
    tower::ServiceBuilder::new()
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(PropagateRequestIdLayer::x_request_id())
        .service(service)
}

impl Services {
    fn new() -> Self {
        Self {
            bare: routes(),
            around: ErrorLayer::new(ErrorResponses::new()).layer(routes()),
            per_route: routes().layer(ErrorLayer::new(ErrorResponses::new())),
            per_route_identity: routes().layer(tower::layer::util::Identity::new()),
            ids: with_ids(routes()),
            ids_around: with_ids(ErrorLayer::new(ErrorResponses::new()).layer(routes())),
        }
    }

    /// One request of `case`, a name of [`CASES`].
    async fn run(&self, case: &str) -> (StatusCode, axum::body::Bytes) {
        match case {
            "success/no-layer" => call(&self.bare, "/ok").await,
            "success/layer-around-router" => call(&self.around, "/ok").await,
            "success/router-layer" => call(&self.per_route, "/ok").await,
            "success/router-layer-identity" => call(&self.per_route_identity, "/ok").await,
            "success-with-request-ids/no-layer" => call(&self.ids, "/ok").await,
            "success-with-request-ids/layer-around-router" => call(&self.ids_around, "/ok").await,
            "error/hand-written-no-layer" => call(&self.bare, "/conflict-by-hand").await,
            "error/catalog-layer-around-router" => call(&self.around, "/conflict").await,
            "error/catalog-router-layer" => call(&self.per_route, "/conflict").await,
            other => panic!("no case {other}"),
        }
    }
}

const CASES: [&str; 9] = [
    "success/no-layer",
    "success/layer-around-router",
    "success/router-layer",
    "success/router-layer-identity",
    "success-with-request-ids/no-layer",
    "success-with-request-ids/layer-around-router",
    "error/hand-written-no-layer",
    "error/catalog-layer-around-router",
    "error/catalog-router-layer",
];

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().build().expect("a current-thread runtime")
}

/// Both sides of each comparison answer the same, or it means nothing.
fn assert_same_answers(services: &Services, runtime: &tokio::runtime::Runtime) {
    let answer = |case| runtime.block_on(services.run(case));
    let by_hand = answer("error/hand-written-no-layer");
    assert_eq!(by_hand.0, StatusCode::CONFLICT);
    assert_eq!(answer("error/catalog-layer-around-router"), by_hand);
    assert_eq!(answer("error/catalog-router-layer"), by_hand);
    let ok = answer("success/no-layer");
    assert_eq!(answer("success/layer-around-router"), ok);
    assert_eq!(answer("success/router-layer"), ok);
    assert_eq!(answer("success/router-layer-identity"), ok);
    assert_eq!(answer("success-with-request-ids/no-layer"), ok);
    assert_eq!(answer("success-with-request-ids/layer-around-router"), ok);
}

fn layer(c: &mut Criterion) {
    let runtime = runtime();
    let services = Services::new();
    assert_same_answers(&services, &runtime);
    let mut group = c.benchmark_group("layer");
    for case in CASES {
        group.bench_function(case, |b| b.iter(|| runtime.block_on(services.run(case))));
    }
    group.finish();
}

criterion_group!(benches, layer);

/// `--count CASE N` runs one case N times and nothing else, for an
/// instruction counter: `valgrind --tool=callgrind` with 1 and with 1 + N,
/// the difference divided by N, is the case's instructions per request,
/// whatever else the machine does.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|arg| arg == "--count") {
        let case = args.get(at + 1).expect("--count CASE N");
        let times: u64 = args.get(at + 2).and_then(|n| n.parse().ok()).expect("--count CASE N");
        let runtime = runtime();
        let services = Services::new();
        assert_same_answers(&services, &runtime);
        for _ in 0..times {
            black_box(runtime.block_on(services.run(case)));
        }
        return;
    }
    if let Some(at) = args.iter().position(|arg| arg == "--alternate") {
        let rounds: usize = args.get(at + 1).and_then(|n| n.parse().ok()).expect("--alternate ROUNDS");
        alternate(rounds);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}

/// `--alternate ROUNDS`: wall clock that a loaded machine disturbs less
/// than criterion's case-after-case runs. Each round times `PER_ROUND`
/// requests of every success case, one case after the other in an order
/// that rotates, and divides each by the round's no-layer time; the report
/// is the median of those ratios over the rounds (and each case's median
/// time), so that a burst of load that slows one round slows both sides of
/// its ratios.
fn alternate(rounds: usize) {
    const PER_ROUND: u32 = 2_000;
    const SUCCESS: [&str; 6] = [
        "success/no-layer",
        "success/layer-around-router",
        "success/router-layer",
        "success/router-layer-identity",
        "success-with-request-ids/no-layer",
        "success-with-request-ids/layer-around-router",
    ];
    let runtime = runtime();
    let services = Services::new();
    assert_same_answers(&services, &runtime);
    let mut times = vec![Vec::new(); SUCCESS.len()];
    let mut ratios = vec![Vec::new(); SUCCESS.len()];
    for round in 0..rounds {
        let mut this_round = [0.0_f64; SUCCESS.len()];
        for turn in 0..SUCCESS.len() {
            let case = (round + turn) % SUCCESS.len();
            let started = std::time::Instant::now();
            for _ in 0..PER_ROUND {
                black_box(runtime.block_on(services.run(SUCCESS[case])));
            }
            this_round[case] = started.elapsed().as_secs_f64() * 1e9 / f64::from(PER_ROUND);
        }
        for case in 0..SUCCESS.len() {
            // The request-id cases against their own no-layer case.
            let base = if SUCCESS[case].starts_with("success-with-request-ids/") { 4 } else { 0 };
            times[case].push(this_round[case]);
            ratios[case].push(this_round[case] / this_round[base]);
        }
    }
    let median = |values: &mut Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    println!("{rounds} rounds of {PER_ROUND} requests of each case, medians");
    for (case, name) in SUCCESS.iter().enumerate() {
        let time = median(&mut times[case]);
        let ratio = median(&mut ratios[case]);
        println!("{name:<46} {time:8.1} ns  {:+6.2} %", (ratio - 1.0) * 100.0);
    }
}

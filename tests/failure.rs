//! `Failure` over loopback: an axum handler, an actix-web handler and a
//! tonic method, each mixing error types with `?`, answer the code of the
//! catalog error in their chain: under two levels of anyhow context, under
//! two levels of eyre's `wrap_err`, two sources deep in a plain chain, and
//! given *as* anyhow context. A chain with no catalog error answers the
//! application's server error, and logs the chain. The clients are real
//! ones (`reqwest`, tonic's), and the test reads what they report.

#[path = "support/log.rs"]
mod log;

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use anyhow::Context as _;
use error_catalog::http::ErrorResponses;
use error_catalog::{CatalogError, ErrorCatalog, Failure, GrpcCode};
use serde_json::Value;
use tonic::codegen::http;
use tonic_types::StatusExt as _;

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(1, name = "Nodes")]
    Nodes,
}

/// Raised when a node does not exist
#[derive(Debug, CatalogError)]
#[catalog(module = 1, code = 1, status = 404, message = "Node {node} not found")]
pub struct NodeNotFoundError {
    #[catalog(detail)]
    pub node: String,
}

/// Raised when the server fails for a reason the catalog does not name
#[derive(Debug, CatalogError)]
#[catalog(module = 1, code = 2, status = 500, message = "Internal error")]
pub struct InternalError;

/// Raised when a node is busy
#[derive(Debug, CatalogError)]
#[catalog(module = 1, code = 3, status = 409, message = "The node is busy")]
pub struct NodeBusyError;

/// Raised when the storage of the node fails
#[derive(Debug, thiserror::Error, CatalogError)]
#[error("volume {volume} is read-only")]
#[catalog(module = 1, code = 4, status = 503, display = false, message = "Storage is unavailable")]
pub struct StorageError {
    pub volume: String,
}

/// Two layers of an application's own errors over a catalog error.
#[derive(Debug, thiserror::Error)]
#[error("scheduling failed")]
struct ScheduleError(#[source] ReadError);

#[derive(Debug, thiserror::Error)]
#[error("reading the node failed")]
struct ReadError(#[source] NodeNotFoundError);

fn not_found() -> NodeNotFoundError {
    NodeNotFoundError { node: "n-7".into() }
}

/// What a route does: each fails one way.
fn run(route: &str) -> Result<String, Failure> {
    match route {
        "anyhow" => {
            let read: anyhow::Result<()> = Err(not_found()).context("reading the node");
            read.context("scheduling")?;
        }
        "eyre" => {
            use eyre::WrapErr as _;
            let read: eyre::Result<()> = Err(not_found()).wrap_err("reading the node");
            read.wrap_err("scheduling")?;
        }
        "source" => Err(ScheduleError(ReadError(not_found())))?,
        "context" => {
            let io: Result<(), std::io::Error> = Err(std::io::Error::other("socket closed"));
            io.context(NodeBusyError)?;
        }
        "eyre-context" => {
            use eyre::WrapErr as _;
            let io: Result<(), std::io::Error> = Err(std::io::Error::other("socket closed"));
            io.wrap_err(NodeBusyError)?;
        }
        "server" => {
            let io: Result<(), std::io::Error> = Err(std::io::Error::other("disk full"));
            io.context("writing the journal")?;
        }
        "storage" => Err(StorageError { volume: "vol-1".into() }).context("saving")?,
        "parse" => {
            let _: u32 = "x".parse()?;
        }
        _ => {}
    }
    Ok("ok".to_owned())
}

/// A detail a body must carry: its field and value.
type Detail = Option<(&'static str, &'static str)>;

/// Route, status, code, and a detail the body must carry.
const CASES: &[(&str, u16, &str, Detail)] = &[
    ("anyhow", 404, "ERR-01-001", Some(("node", "n-7"))),
    ("eyre", 404, "ERR-01-001", Some(("node", "n-7"))),
    ("source", 404, "ERR-01-001", Some(("node", "n-7"))),
    ("context", 409, "ERR-01-003", None),
    ("eyre-context", 409, "ERR-01-003", None),
    ("storage", 503, "ERR-01-004", None),
    ("server", 500, "ERR-01-002", None),
    ("parse", 500, "ERR-01-002", None),
];

fn responses() -> ErrorResponses {
    ErrorResponses::new().with_server_error(|| InternalError)
}

async fn get(base: &str, route: &str) -> (u16, String, Vec<u8>) {
    let response = reqwest::get(format!("{base}/{route}")).await.expect("the server answers");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .map(|value| value.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, content_type, response.bytes().await.expect("a body").to_vec())
}

fn check_http(framework: &str, route: &str, answer: &(u16, String, Vec<u8>)) {
    let (_, status, code, detail) = CASES.iter().find(|case| case.0 == route).unwrap();
    let (got_status, content_type, bytes) = answer;
    assert_eq!(got_status, status, "{framework} {route}");
    assert_eq!(content_type, "application/json", "{framework} {route}");
    let body: Value = serde_json::from_slice(bytes).expect("a JSON body");
    assert_eq!(body["error_code"], *code, "{framework} {route}: {body}");
    if let Some((field, value)) = detail {
        assert_eq!(body["details"][0]["field"], *field, "{framework} {route}");
        assert_eq!(body["details"][0]["value"], *value, "{framework} {route}");
    }
    let text = String::from_utf8_lossy(bytes);
    for internal in ["scheduling", "reading", "socket", "disk", "journal", "vol-1", "invalid digit"] {
        assert!(!text.contains(internal), "{framework} {route}: {internal} in {text}");
    }
}

mod axum_app {
    use super::{Failure, run};

    async fn route(axum::extract::Path(route): axum::extract::Path<String>) -> Result<String, Failure> {
        run(&route)
    }

    pub fn app(responses: error_catalog::http::ErrorResponses) -> axum::Router {
        let router = axum::Router::new().route("/{route}", axum::routing::get(route));
        router.layer(error_catalog::axum::ErrorLayer::new(responses))
    }
}

async fn serve_axum(responses: ErrorResponses) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
    let address = listener.local_addr().expect("its address");
    tokio::spawn(async move { axum::serve(listener, axum_app::app(responses)).await.expect("serve") });
    format!("http://{address}")
}

#[tokio::test]
async fn axum_answers_the_catalog_error_of_every_chain() {
    let base = serve_axum(responses()).await;
    for (route, ..) in CASES {
        check_http("axum", route, &get(&base, route).await);
    }
    let (status, _, bytes) = get(&base, "fine").await;
    assert_eq!((status, bytes.as_slice()), (200, b"ok".as_slice()));
}

#[tokio::test]
async fn without_a_server_error_a_chain_without_catalog_error_is_a_plain_500() {
    let base = serve_axum(ErrorResponses::new()).await;
    let (status, content_type, bytes) = get(&base, "server").await;
    assert_eq!(status, 500);
    assert!(content_type.starts_with("text/plain"), "{content_type}");
    assert!(!String::from_utf8_lossy(&bytes).contains("disk"));
    // A catalog error in the chain needs no configuration.
    check_http("axum", "anyhow", &get(&base, "anyhow").await);
}

#[actix_web::test]
async fn actix_web_answers_the_catalog_error_of_every_chain() {
    use actix_web::middleware::from_fn;
    use actix_web::{App, HttpServer, web};

    async fn route(route: web::Path<String>) -> Result<String, Failure> {
        run(&route)
    }

    let responses = responses();
    let server = HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(responses.clone()))
            .wrap(from_fn(error_catalog::actix_web::scope))
            .route("/{route}", web::get().to(route))
    })
    .workers(1)
    .bind(("127.0.0.1", 0))
    .expect("a loopback port");
    let base = format!("http://{}", server.addrs()[0]);
    let server = server.run();
    let handle = server.handle();
    actix_web::rt::spawn(server);
    for (route, ..) in CASES {
        check_http("actix-web", route, &get(&base, route).await);
    }
    handle.stop(true).await;
}

/// The messages of the gRPC service, as protoc would generate them.
mod wire {
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct Route {
        #[prost(string, tag = "1")]
        pub route: String,
    }

    #[derive(Clone, PartialEq, prost::Message)]
    pub struct Empty {}
}

const METHOD: &str = "/nodes.v1.Nodes/Run";
type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// The one method: its body returns `Result<_, Failure>`, and `?` makes the
/// status.
#[derive(Clone)]
struct Run;

impl tonic::server::UnaryService<wire::Route> for Run {
    type Response = wire::Empty;
    type Future = BoxFuture<Result<tonic::Response<wire::Empty>, tonic::Status>>;

    fn call(&mut self, request: tonic::Request<wire::Route>) -> Self::Future {
        Box::pin(async move {
            run(&request.into_inner().route)?;
            Ok(tonic::Response::new(wire::Empty {}))
        })
    }
}

#[derive(Clone)]
struct Nodes;

impl tonic::server::NamedService for Nodes {
    const NAME: &'static str = "nodes.v1.Nodes";
}

impl tonic::codegen::Service<http::Request<tonic::body::Body>> for Nodes {
    type Response = http::Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = BoxFuture<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<tonic::body::Body>) -> Self::Future {
        let mut grpc = tonic::server::Grpc::new(tonic_prost::ProstCodec::<wire::Empty, wire::Route>::default());
        Box::pin(async move { Ok(grpc.unary(Run, request).await) })
    }
}

async fn serve_tonic() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
    let address = listener.local_addr().expect("its address");
    let server = tonic::transport::Server::builder()
        .layer(error_catalog::tonic::ErrorLayer::new().with_server_error(|| InternalError))
        .add_service(Nodes)
        .serve_with_incoming(tonic::transport::server::TcpIncoming::from(listener));
    tokio::spawn(server);
    address
}

#[tokio::test]
async fn tonic_answers_the_catalog_error_of_every_chain() {
    let address = serve_tonic().await;
    let channel = tonic::transport::Endpoint::from_shared(format!("http://{address}"))
        .expect("an endpoint")
        .connect()
        .await
        .expect("the server answers");
    let mut client = tonic::client::Grpc::new(channel);
    for (route, status, code, detail) in CASES {
        client.ready().await.expect("ready");
        let codec = tonic_prost::ProstCodec::<wire::Route, wire::Empty>::default();
        let request = tonic::Request::new(wire::Route { route: (*route).to_owned() });
        let answer = client
            .unary(request, http::uri::PathAndQuery::from_static(METHOD), codec)
            .await
            .expect_err("every route fails");
        let info = answer.get_details_error_info().expect("an ErrorInfo");
        assert_eq!(info.metadata["errorCode"], *code, "{route}");
        let expected = GrpcCode::from_http(*status).unwrap_or_else(|| GrpcCode::fallback_for_http(*status));
        assert_eq!(answer.code() as i32, expected.number(), "{route}");
        if let Some((field, value)) = detail {
            assert_eq!(info.metadata[*field], format!("\"{value}\""), "{route}");
        }
        for internal in ["scheduling", "reading", "socket", "disk", "journal", "vol-1"] {
            assert!(!answer.message().contains(internal), "{route}: {}", answer.message());
        }
    }
}

/// The log event of a 5xx: the code the client got, and the whole chain.
#[test]
fn a_server_error_logs_the_whole_chain() {
    let responses = Arc::new(responses());
    let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
    for (route, code, error, cause) in [
        ("server", "ERR-01-002", "writing the journal", "disk full"),
        ("storage", "ERR-01-004", "saving", "volume vol-1 is read-only"),
    ] {
        let failure = run(route).unwrap_err();
        let context = responses.context(Some(b"rid-1"), "/x");
        let log = log::fmt_lines(|| {
            let answer = runtime.block_on(error_catalog::http::scope(context, async {
                error_catalog::http::respond_failure(&failure)
            }));
            assert_eq!(answer.status / 100, 5);
        });
        assert_eq!(log.lines().count(), 1, "{log}");
        for field in [
            format!("error_code=\"{code}\""),
            format!("error=\"{error}\""),
            format!("cause=\"{cause}\""),
            "request_id=\"rid-1\"".into(),
        ] {
            assert!(log.contains(&field), "no {field} in {log}");
        }
    }
}

#[test]
fn find_in_chain_and_failure_find_agree() {
    for (route, _, code, _) in CASES.iter().filter(|case| case.2 != "ERR-01-002") {
        let failure = run(route).unwrap_err();
        let found = failure.find().expect("a catalog error");
        assert_eq!(found.code_str(), *code, "{route}");
        // The plain chain reaches every catalog error but one given as context.
        let in_chain = error_catalog::find_in_chain(failure.as_error()).map(|found| found.code_str());
        let as_context = route.ends_with("context");
        assert_eq!(in_chain, if as_context { None } else { Some(*code) }, "{route}");
    }
    assert!(run("server").unwrap_err().find().is_none());
    assert!(run("source").unwrap_err().downcast_ref::<NodeNotFoundError>().is_some());
    assert!(run("context").unwrap_err().downcast_ref::<NodeBusyError>().is_some());
}

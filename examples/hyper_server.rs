//! The error catalog on hyper alone, without a framework: what a poem,
//! salvo or warp application does the same way, each answering with an
//! `http::Response`.
//!
//! `cargo run --example hyper_server --features http -- 3000` serves
//! `GET /cvms/{name}`: `web-1` exists, any other name answers `ERR-02-001`
//! (404), and `GET /broken` fails with an I/O error that is no catalog
//! error, answered with the application's server error `ERR-05-001` while
//! the I/O error goes to `tracing`. Each request's `X-Request-ID` reaches
//! the body. Each handler returns `Result<_, Failure>` and mixes its error
//! types with `?`.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;

use error_catalog::http::{self, ErrorResponses};
use error_catalog::{CatalogError, ErrorCatalog, Failure};
use http_body_util::Full;
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;

/// The example's catalog.
#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(2, name = "CVM Operations")]
    Operations,
    #[module(5, name = "Server")]
    Server,
}

/// Raised when the requested CVM does not exist.
#[derive(Debug, CatalogError)]
#[catalog(catalog = Catalog, module = 2, code = 1, status = 404, message = "CVM '{name}' not found")]
pub struct CvmNotFoundError {
    #[catalog(detail)]
    pub name: String,
}

/// Raised when the server failed for a reason of its own.
#[derive(Debug, CatalogError)]
#[catalog(catalog = Catalog, module = 5, code = 1, status = 500, message = "Internal server error")]
pub struct InternalError;

/// The body of every answer.
type Body = Full<Bytes>;

/// The application's error settings: its server error, set once.
#[must_use]
pub fn responses() -> Arc<ErrorResponses> {
    Arc::new(ErrorResponses::new().with_server_error(|| InternalError))
}

/// The routes. Their errors are of several types, each converted by `?`.
async fn route(request: &Request<Incoming>) -> Result<Response<Body>, Failure> {
    let path = request.uri().path();
    if path == "/broken" {
        let io = std::io::Error::other("disk /var/lib/cvm is full");
        return Err(io)?;
    }
    let Some(name) = path.strip_prefix("/cvms/") else {
        return Err(CvmNotFoundError { name: path.to_owned() })?;
    };
    if name != "web-1" {
        return Err(CvmNotFoundError { name: name.to_owned() })?;
    }
    let mut response = Response::new(Body::from(r#"{"name":"web-1","status":"running"}"#));
    response
        .headers_mut()
        .insert(hyper::header::CONTENT_TYPE, hyper::header::HeaderValue::from_static("application/json"));
    Ok(response)
}

/// One request: its context (request id, path) around the route, and the
/// route's failure answered in the catalog's body.
async fn handle(responses: Arc<ErrorResponses>, request: Request<Incoming>) -> Result<Response<Body>, Infallible> {
    let id = request.headers().get(responses.request_id_header()).map(|value| value.as_bytes());
    let context = responses.context(id, request.uri().path());
    let answer = http::scope(context, async {
        match route(&request).await {
            Ok(response) => response,
            // `http::respond_failure(&failure).into_response()`, shorter.
            Err(failure) => failure.into(),
        }
    });
    Ok(answer.await)
}

/// Serves the routes on `listener`, one task per connection, until the
/// process ends.
///
/// # Errors
/// When the listener fails to accept.
pub async fn serve(listener: tokio::net::TcpListener, responses: Arc<ErrorResponses>) -> std::io::Result<()> {
    loop {
        let (stream, _) = listener.accept().await?;
        let responses = Arc::clone(&responses);
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| handle(Arc::clone(&responses), request));
            // A client that goes away mid-request ends its connection only.
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = std::env::args().nth(1).and_then(|port| port.parse().ok()).unwrap_or(3000);
    let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], port))).await?;
    println!("listening on http://{}", listener.local_addr()?);
    serve(listener, responses()).await
}

//! gRPC over loopback: a real tonic server answers each of the 29 Phala
//! errors of `examples/phala.rs` as a status, and a real tonic client reads
//! every one back with `RemoteError::from_status`: same code, same message,
//! same details as the HTTP body, `is::<T>()`, the request id, and the
//! status code of the AIP-193 table or of the error's `grpc = "..."`.
//!
//! The service is written without protoc: prost's derive for the two
//! messages, tonic's server and client APIs for the one method.
//! `cargo test --features tonic --test grpc -- --nocapture` prints one
//! status with its details, decoded.

#[path = "../examples/phala.rs"]
#[allow(dead_code)]
pub mod phala;

#[path = "support/keys.rs"]
mod keys;

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};

use error_catalog::client::{ParseBodyError, RemoteError};
use error_catalog::{CatalogError, GrpcCode};
use keys::lower_camel;
use serde_json::Value;
use tonic::codegen::http;
use tonic_types::{ErrorDetail, StatusExt as _};

// The derives name `crate::Catalog`.
use phala::Catalog;
use phala::cvm::CvmNotFoundError;
use phala::preflight::{ComposeHashError, HashRegistrationRequiredError};

/// The messages of the service, as protoc would generate them.
mod wire {
    /// Which error to answer with: its code.
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct RaiseRequest {
        #[prost(string, tag = "1")]
        pub code: String,
    }

    /// The answer of a call that succeeds (none here does).
    #[derive(Clone, PartialEq, prost::Message)]
    pub struct Empty {}
}

const SERVICE: &str = "phala.v1.Errors";
const RAISE: &str = "/phala.v1.Errors/Raise";
/// Answers `CvmNotFoundError` through the derived `From<E> for Status`.
const GET_CVM: &str = "/phala.v1.Errors/GetCvm";

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;
type Reply = Result<tonic::Response<wire::Empty>, tonic::Status>;

/// The method: the status of the sample error with the requested code, or
/// of a status this crate did not write (a code no catalog here knows, a
/// status without details, a detail too large for trailers).
#[derive(Clone)]
struct Raise;

impl tonic::server::UnaryService<wire::RaiseRequest> for Raise {
    type Response = wire::Empty;
    type Future = BoxFuture<Reply>;

    fn call(&mut self, request: tonic::Request<wire::RaiseRequest>) -> Self::Future {
        Box::pin(async move {
            let code = request.into_inner().code;
            match code.as_str() {
                "foreign" => Err(foreign_status()),
                "plain" => Err(tonic::Status::not_found("no catalog here")),
                "huge" => {
                    Err(tonic::Status::from(phala::preflight::DuplicateCvmNameError { name: "w".repeat(100_000) }))
                }
                "huge-raw" => {
                    Err(tonic::Status::with_details(tonic::Code::NotFound, "raw", vec![b'x'; 100_000].into()))
                }
                _ => {
                    let error = phala::all().into_iter().find(|error| error.code_str() == code);
                    let error = error.ok_or_else(|| tonic::Status::invalid_argument("unknown sample"))?;
                    Err(error_catalog::tonic::status(&*error))
                }
            }
        })
    }
}

#[derive(Clone)]
struct GetCvm;

impl tonic::server::UnaryService<wire::RaiseRequest> for GetCvm {
    type Response = wire::Empty;
    type Future = BoxFuture<Reply>;

    fn call(&mut self, request: tonic::Request<wire::RaiseRequest>) -> Self::Future {
        Box::pin(async move {
            let identifier = request.into_inner().code;
            // The derived `From<CvmNotFoundError> for Status`, through `?`.
            Err(CvmNotFoundError { identifier })?
        })
    }
}

/// A status as another service of the fleet writes it, with a code that no
/// catalog of this program has.
fn foreign_status() -> tonic::Status {
    let metadata = [("errorCode", "ERR-09-042"), ("nodeId", "7"), ("zone", "eu-1")];
    let metadata = metadata.into_iter().map(|(key, value)| (key.to_owned(), value.to_owned()));
    let details = tonic_types::ErrorDetails::with_error_info(
        "NODE_RETIRED",
        "fleet.example.com",
        metadata.collect::<std::collections::HashMap<_, _>>(),
    );
    tonic::Status::with_error_details(tonic::Code::FailedPrecondition, "The node is retired", details)
}

/// The service, routed by path as tonic's generated servers do.
#[derive(Clone)]
struct Errors;

impl tonic::server::NamedService for Errors {
    const NAME: &'static str = SERVICE;
}

impl tonic::codegen::Service<http::Request<tonic::body::Body>> for Errors {
    type Response = http::Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = BoxFuture<Result<Self::Response, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<tonic::body::Body>) -> Self::Future {
        let codec = tonic_prost::ProstCodec::<wire::Empty, wire::RaiseRequest>::default();
        let mut grpc = tonic::server::Grpc::new(codec);
        match request.uri().path() {
            RAISE => Box::pin(async move { Ok(grpc.unary(Raise, request).await) }),
            GET_CVM => Box::pin(async move { Ok(grpc.unary(GetCvm, request).await) }),
            _ => Box::pin(async { Ok(tonic::Status::unimplemented("no such method").into_http()) }),
        }
    }
}

/// Serves the service on a loopback port, its statuses given request ids
/// by `error_catalog::tonic::ErrorLayer`.
async fn serve() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
    let address = listener.local_addr().expect("its address");
    let server = tonic::transport::Server::builder()
        .layer(error_catalog::tonic::ErrorLayer::new())
        .add_service(Errors)
        .serve_with_incoming(tonic::transport::server::TcpIncoming::from(listener));
    tokio::spawn(server);
    address
}

type Client = tonic::client::Grpc<tonic::transport::Channel>;

async fn connect(address: SocketAddr) -> Client {
    let channel = tonic::transport::Endpoint::from_shared(format!("http://{address}"))
        .expect("an endpoint")
        .connect()
        .await
        .expect("the server answers");
    tonic::client::Grpc::new(channel)
}

/// Calls `method` with `code` (and `x-request-id: request_id`), and returns
/// the status it fails with.
async fn call(client: &mut Client, method: &'static str, code: &str, request_id: Option<&str>) -> tonic::Status {
    let mut request = tonic::Request::new(wire::RaiseRequest { code: code.to_owned() });
    if let Some(id) = request_id {
        request.metadata_mut().insert("x-request-id", id.parse().expect("ASCII"));
    }
    client.ready().await.expect("the channel is ready");
    let codec = tonic_prost::ProstCodec::<wire::RaiseRequest, wire::Empty>::default();
    let path = http::uri::PathAndQuery::from_static(method);
    client.unary(request, path, codec).await.expect_err("every call fails")
}

/// The details of the flat HTTP body of `error`: what the status must carry.
fn body_details(error: &dyn CatalogError<Catalog = Catalog>) -> Vec<(String, Value)> {
    let body = serde_json::to_value(error_catalog::body::Body::new(error)).expect("a body");
    body.get("details")
        .and_then(Value::as_array)
        .map(|details| {
            details
                .iter()
                .map(|detail| (detail["field"].as_str().unwrap().to_owned(), detail["value"].clone()))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn every_phala_error_crosses_grpc_with_its_code_message_and_details() {
    let address = serve().await;
    let mut client = connect(address).await;
    let errors = phala::all();
    assert_eq!(errors.len(), 29);
    for (index, error) in errors.iter().enumerate() {
        let entry = error.entry();
        let request_id = format!("rid-{index}");
        let status = call(&mut client, RAISE, error.code_str(), Some(&request_id)).await;
        let code = error.code_str();

        assert_eq!(status.code() as i32, GrpcCode::of(entry).number(), "{code}");
        assert_eq!(status.message(), error.message(), "{code}");

        let details = status.check_error_details_vec().expect("details that decode");
        let infos: Vec<_> = details
            .iter()
            .filter_map(|detail| if let ErrorDetail::ErrorInfo(info) = detail { Some(info) } else { None })
            .collect();
        assert_eq!(infos.len(), 1, "{code}: exactly one ErrorInfo");
        let info = infos[0];
        assert_eq!(info.reason, entry.reason(), "{code}");
        assert_eq!(info.domain, "cloud-api.phala.network");
        let expected = body_details(&**error);
        assert_eq!(info.metadata.len(), expected.len() + 1, "{code}: {:?}", info.metadata);
        assert_eq!(info.metadata["errorCode"], code);
        for (field, value) in &expected {
            let text = &info.metadata[&lower_camel(field)];
            assert_eq!(&serde_json::from_str::<Value>(text).expect("JSON text"), value, "{code}: {field}");
        }
        let request_info = status.get_details_request_info().expect("a RequestInfo");
        assert_eq!(request_info.request_id, request_id);

        let remote = RemoteError::from_status(&status).expect("the client reads it");
        assert_eq!(remote.code(), code);
        assert_eq!(remote.message(), error.message());
        assert_eq!(remote.request_id(), Some(request_id.as_str()));
        assert_eq!(remote.grpc_code(), Some(GrpcCode::of(entry)));
        assert!(std::ptr::eq(remote.entry().expect("a code of this program"), entry), "{code}");
        for (field, value) in &expected {
            assert_eq!(remote.detail(field), Some(value), "{code}: {field}");
        }
        // The same error read from its HTTP body says the same.
        let body = serde_json::to_vec(&error_catalog::body::Body::new(&**error)).unwrap();
        let over_http = RemoteError::parse(error.status(), &body).unwrap();
        assert_eq!((over_http.code(), over_http.message()), (remote.code(), remote.message()));
    }
}

#[tokio::test]
async fn the_client_recognises_typed_errors_and_prints_a_decoded_status() {
    let address = serve().await;
    let mut client = connect(address).await;

    let status = call(&mut client, RAISE, "ERR-01-005", Some("rid-465")).await;
    println!("status over loopback: code {:?}, message {:?}", status.code(), status.message());
    for detail in status.check_error_details_vec().unwrap() {
        match detail {
            ErrorDetail::ErrorInfo(info) => {
                let mut metadata: Vec<_> = info.metadata.iter().collect();
                metadata.sort();
                println!("  ErrorInfo {{ reason: {:?}, domain: {:?} }}", info.reason, info.domain);
                for (key, value) in metadata {
                    println!("    metadata {key}: {value}");
                }
            }
            other => println!("  {other:?}"),
        }
    }
    let remote = RemoteError::from_status(&status).unwrap();
    println!(
        "read back: {remote} (is HashRegistrationRequiredError: {})",
        remote.is::<HashRegistrationRequiredError>()
    );
    assert_eq!(status.code(), tonic::Code::FailedPrecondition);
    assert!(remote.is::<HashRegistrationRequiredError>());
    assert!(!remote.is::<ComposeHashError>());
    assert_eq!(remote.status(), 400, "the HTTP status of FAILED_PRECONDITION");
    assert_eq!(remote.detail("kms_info").and_then(|kms| kms.get("chain_id")), Some(&serde_json::json!(8453)));

    let status = call(&mut client, RAISE, "ERR-01-007", None).await;
    assert_eq!(status.code(), tonic::Code::Aborted);
    assert!(status.get_details_request_info().is_none(), "no request id, no RequestInfo");
    let remote = RemoteError::from_status(&status).unwrap();
    assert!(remote.is::<ComposeHashError>());
    assert_eq!(remote.detail("tx_hash"), Some(&serde_json::json!("0x9b1e")));
    assert_eq!(remote.detail("rpc_error"), None, "an internal field stays on the server");

    let status = call(&mut client, RAISE, "ERR-01-008", None).await;
    assert_eq!(status.code(), tonic::Code::PermissionDenied);
}

#[tokio::test]
async fn a_handler_answers_a_catalog_error_with_question_mark() {
    let address = serve().await;
    let mut client = connect(address).await;
    let status = call(&mut client, GET_CVM, "app_7", Some("rid-q")).await;
    assert_eq!(status.code(), tonic::Code::NotFound);
    assert_eq!(status.message(), "The requested CVM was not found");
    let remote = RemoteError::from_status(&status).unwrap();
    assert!(remote.is::<CvmNotFoundError>());
    assert_eq!((remote.detail("identifier"), remote.request_id()), (Some(&serde_json::json!("app_7")), Some("rid-q")));
}

#[tokio::test]
async fn unknown_codes_are_kept_and_other_statuses_are_typed_errors() {
    let address = serve().await;
    let mut client = connect(address).await;

    let remote = RemoteError::from_status(&call(&mut client, RAISE, "foreign", None).await).unwrap();
    assert_eq!((remote.code(), remote.message()), ("ERR-09-042", "The node is retired"));
    assert_eq!(remote.grpc_code(), Some(GrpcCode::FailedPrecondition));
    assert!(remote.entry().is_none());
    assert!(!remote.is::<CvmNotFoundError>());
    assert_eq!(remote.detail("node_id"), Some(&serde_json::json!(7)), "JSON text, by its snake_case name");
    assert_eq!(remote.detail("zone"), Some(&serde_json::json!("eu-1")), "not JSON: kept as a string");

    let plain = call(&mut client, RAISE, "plain", None).await;
    assert_eq!(RemoteError::from_status(&plain), Err(ParseBodyError::Missing("errorCode")));
}

/// A status travels in the response's trailers, which tonic's client takes
/// up to 16 KiB: a status that does not fit arrives as a transport error.
/// The catalog's statuses are bounded, so a huge detail costs the detail,
/// not the code.
#[tokio::test]
async fn a_huge_detail_costs_the_detail_not_the_status() {
    let address = serve().await;
    let mut client = connect(address).await;

    let raw = call(&mut client, RAISE, "huge-raw", None).await;
    // tonic's client answers RESOURCE_EXHAUSTED, "h2 protocol error".
    assert_ne!(raw.code(), tonic::Code::NotFound, "an unbounded status does not arrive: {raw:?}");
    assert!(raw.details().is_empty(), "{raw:?}");

    let status = call(&mut client, RAISE, "huge", None).await;
    assert_eq!(status.code(), tonic::Code::AlreadyExists);
    let message = status.message();
    assert_eq!(message.len(), error_catalog::tonic::MAX_MESSAGE_LEN);
    assert!(message.starts_with("A CVM with name 'www") && message.ends_with("ww…"), "{message}");
    let remote = RemoteError::from_status(&status).unwrap();
    assert_eq!(remote.code(), "ERR-01-004");
    assert_eq!(remote.detail("name"), Some(&Value::Null));
}

#[test]
fn the_reader_keeps_its_limits() {
    let status = tonic::Status::from(CvmNotFoundError { identifier: "app_7".into() });
    let len = status.message().len() + status.details().len();
    assert!(RemoteError::from_status_with_limit(&status, len).is_ok());
    assert_eq!(
        RemoteError::from_status_with_limit(&status, len - 1),
        Err(ParseBodyError::TooLarge { len, limit: len - 1 })
    );
    let garbage = tonic::Status::with_details(tonic::Code::NotFound, "x", vec![0xff; 8].into());
    assert_eq!(RemoteError::from_status(&garbage), Err(ParseBodyError::NotStatusDetails));
}

/// The Phala codes whose gRPC code is the documented default: only the
/// 402, since 465 to 468 state theirs.
#[test]
fn one_phala_code_relies_on_the_grpc_default() {
    let entries = error_catalog::registry::entries_of::<Catalog>();
    let fallbacks = error_catalog::testing::grpc_fallbacks(entries);
    let codes: Vec<&str> = fallbacks.iter().map(|entry| entry.code()).collect();
    assert_eq!(codes, ["ERR-04-001"]);
    assert_eq!(GrpcCode::of(fallbacks[0]), GrpcCode::FailedPrecondition);
    let stated: Vec<(&str, u16, Option<GrpcCode>)> = entries
        .iter()
        .filter(|entry| (465..=468).contains(&entry.status()))
        .map(|entry| (entry.code(), entry.status(), entry.grpc()))
        .collect();
    assert_eq!(
        stated,
        [
            ("ERR-01-005", 465, Some(GrpcCode::FailedPrecondition)),
            ("ERR-01-006", 466, Some(GrpcCode::FailedPrecondition)),
            ("ERR-01-007", 467, Some(GrpcCode::Aborted)),
            ("ERR-01-008", 468, Some(GrpcCode::PermissionDenied)),
        ]
    );
}

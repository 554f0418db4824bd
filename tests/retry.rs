//! `retryable` and `retry_after` reach the wire: HTTP's `Retry-After` (in
//! whole seconds, rounded up) from a real axum server over loopback, and
//! gRPC's `RetryInfo` in the status's encoded details, each read back by
//! `RemoteError`. A fixed delay (`retry_after = 30`) and a field's
//! (`#[catalog(retry_after)]`) alike; an error without a delay sends no
//! header, one that is not retryable no `RetryInfo`.

use std::time::Duration;

use error_catalog::client::RemoteError;
use error_catalog::{CatalogError, ErrorCatalog};
use tonic_types::StatusExt as _;

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(5, name = "Limits")]
    Limits,
}

/// Raised during maintenance: a fixed delay.
#[derive(Debug, CatalogError)]
#[catalog(module = 5, code = 1, status = 503, retry_after = 30, message = "Down for maintenance")]
pub struct MaintenanceError;

/// Raised when a client sends too many requests: the delay is the limiter's.
#[derive(Debug, CatalogError)]
#[catalog(module = 5, code = 2, status = 429, message = "Too many requests, at most {limit} a minute")]
pub struct RateLimitedError {
    #[catalog(detail)]
    pub limit: u32,
    #[catalog(retry_after)]
    pub wait: Duration,
}

#[derive(Debug, CatalogError)]
#[catalog(module = 5, retry_after = 5)]
pub enum QuotaError {
    /// The enum's delay.
    #[catalog(code = 3, status = 503, message = "Busy")]
    Busy,
    /// A variant's own delay, in whole seconds, when it knows one.
    #[catalog(code = 4, status = 503, message = "Draining")]
    Draining {
        #[catalog(retry_after)]
        seconds: Option<u64>,
    },
    /// A variant's own fixed delay.
    #[catalog(code = 5, status = 503, retry_after = 60, message = "Rebalancing")]
    Rebalancing,
}

/// Retryable, with no delay.
#[derive(Debug, CatalogError)]
#[catalog(module = 5, code = 6, status = 503, retryable = true, message = "Try again")]
pub struct FlakyError;

/// Not retryable: a client must change the request.
#[derive(Debug, CatalogError)]
#[catalog(module = 5, code = 7, status = 409, retryable = false, message = "Conflict")]
pub struct ConflictError;

#[test]
fn the_derive_gives_each_code_its_delay() {
    let secs = |s| Some(Duration::from_secs(s));
    assert_eq!(MaintenanceError.retry_after(), secs(30));
    assert_eq!(MaintenanceError.entry().retry_after(), secs(30));
    let limited = RateLimitedError { limit: 10, wait: Duration::from_millis(1500) };
    assert_eq!(limited.retry_after(), Some(Duration::from_millis(1500)));
    // A field's delay is the value's: the entry has no fixed one.
    assert_eq!(limited.entry().retry_after(), None);
    assert_eq!(QuotaError::Busy.retry_after(), secs(5));
    assert_eq!(QuotaError::Draining { seconds: Some(12) }.retry_after(), secs(12));
    assert_eq!(QuotaError::Draining { seconds: None }.retry_after(), None);
    assert_eq!(QuotaError::Rebalancing.retry_after(), secs(60));
    assert_eq!((FlakyError.retry_after(), ConflictError.retry_after()), (None, None));
    // A delay says the code is retryable; the catalog document says so too.
    for entry in [MaintenanceError.entry(), limited.entry(), QuotaError::Busy.entry(), FlakyError.entry()] {
        assert_eq!(entry.retryable(), Some(true), "{}", entry.code());
    }
    assert_eq!(ConflictError.entry().retryable(), Some(false));
    for entry in QuotaError::entries() {
        assert_eq!(entry.retryable(), Some(true), "{}", entry.code());
    }
}

#[test]
fn respond_gives_retry_after_in_whole_seconds_rounded_up() {
    let respond = |error: &dyn CatalogError<Catalog = Catalog>| error_catalog::http::respond(error).retry_after;
    assert_eq!(respond(&MaintenanceError), Some(30));
    assert_eq!(respond(&RateLimitedError { limit: 10, wait: Duration::from_millis(1500) }), Some(2));
    assert_eq!(respond(&RateLimitedError { limit: 10, wait: Duration::from_millis(1) }), Some(1));
    assert_eq!(respond(&RateLimitedError { limit: 10, wait: Duration::ZERO }), Some(0));
    assert_eq!(respond(&RateLimitedError { limit: 10, wait: Duration::MAX }), Some(u64::MAX));
    assert_eq!(respond(&QuotaError::Draining { seconds: None }), None);
    assert_eq!((respond(&FlakyError), respond(&ConflictError)), (None, None));
    // The body is unchanged: the delay is a header, not a member.
    let body = error_catalog::http::respond(&MaintenanceError).body;
    assert_eq!(String::from_utf8(body).unwrap(), r#"{"error_code":"ERR-05-001","message":"Down for maintenance"}"#);
}

#[tokio::test]
async fn an_axum_server_sends_retry_after_and_the_client_reads_it() {
    use axum::routing::get;

    let app = axum::Router::new()
        .route("/maintenance", get(|| async { Err::<(), _>(MaintenanceError) }))
        .route(
            "/limited",
            get(|| async { Err::<(), _>(RateLimitedError { limit: 10, wait: Duration::from_millis(2500) }) }),
        )
        .route("/flaky", get(|| async { Err::<(), _>(FlakyError) }))
        .layer(error_catalog::axum::ErrorLayer::new(error_catalog::http::ErrorResponses::new()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });

    let client = reqwest::Client::new();
    for (path, status, header, code) in [
        ("/maintenance", 503, Some("30"), "ERR-05-001"),
        ("/limited", 429, Some("3"), "ERR-05-002"),
        ("/flaky", 503, None, "ERR-05-006"),
    ] {
        let response = client.get(format!("http://{address}{path}")).send().await.unwrap();
        assert_eq!(response.status().as_u16(), status, "{path}");
        let retry_after = response.headers().get(reqwest::header::RETRY_AFTER).cloned();
        assert_eq!(retry_after.as_ref().map(|value| value.to_str().unwrap()), header, "{path}");
        let body = response.bytes().await.unwrap();
        let mut remote = RemoteError::parse(status, &body).unwrap();
        if let Some(value) = &retry_after {
            remote = remote.with_retry_after_header(value.as_bytes());
        }
        assert_eq!(remote.code(), code);
        assert_eq!(remote.retry_after(), header.map(|seconds| Duration::from_secs(seconds.parse().unwrap())), "{path}");
    }
}

#[test]
fn a_status_carries_retry_info_and_the_client_reads_it_back() {
    let statuses = [
        (tonic::Status::from(MaintenanceError), Some(Some(Duration::from_secs(30)))),
        (
            tonic::Status::from(RateLimitedError { limit: 10, wait: Duration::from_millis(1500) }),
            Some(Some(Duration::from_millis(1500))),
        ),
        (tonic::Status::from(QuotaError::Draining { seconds: None }), Some(None)),
        (tonic::Status::from(FlakyError), Some(None)),
        (tonic::Status::from(ConflictError), None),
    ];
    for (status, expected) in statuses {
        let info = status.get_details_retry_info();
        assert_eq!(info.as_ref().map(|info| info.retry_delay), expected, "{status:?}");
        // Read back from the status's encoded details, as a client gets them.
        let wire = tonic::Status::with_details(status.code(), status.message(), status.details().to_vec().into());
        let remote = RemoteError::from_status(&wire).unwrap();
        assert_eq!(remote.retry_after(), expected.flatten(), "{status:?}");
    }
}

#[test]
fn a_retry_after_header_is_read_only_when_it_is_seconds() {
    let remote = || RemoteError::parse(503, br#"{"error_code": "ERR-05-001", "message": "Down"}"#).unwrap();
    let read = |value: &[u8]| remote().with_retry_after_header(value).retry_after();
    assert_eq!(read(b"120"), Some(Duration::from_secs(120)));
    assert_eq!(read(b" 7 "), Some(Duration::from_secs(7)));
    for value in [&b"Wed, 21 Oct 2015 07:28:00 GMT"[..], b"", b"-1", b"1.5", b"99999999999999999999", b"\xff"] {
        assert_eq!(read(value), None, "{value:?}");
    }
}

//! The `oauth2` crate (5.x), the Rust OAuth 2.0 client, against the token
//! endpoint of `examples/wire_formats.rs oauth2` over loopback: each token
//! error is its `RequestTokenError::ServerResponse` with the right
//! `error()`, `error_description()` and `error_uri()`; `invalid_client` is
//! a 401 with `WWW-Authenticate`; the device flow's `authorization_pending`
//! makes it poll again, `expired_token` and `access_denied` end it.

use std::time::Duration;

use oauth2::basic::{BasicClient, BasicErrorResponseType};
use oauth2::{
    AuthorizationCode, ClientId, ClientSecret, DeviceCodeErrorResponseType, RequestTokenError,
    StandardDeviceAuthorizationResponse, TokenResponse as _, TokenUrl,
};

#[allow(dead_code)]
#[path = "../examples/wire_formats.rs"]
mod wire_formats;

/// Serves the token endpoint on a free port; its base URL.
async fn serve() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let app = wire_formats::app("oauth2").unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    base
}

fn http() -> oauth2::reqwest::Client {
    oauth2::reqwest::ClientBuilder::new().redirect(oauth2::reqwest::redirect::Policy::none()).build().unwrap()
}

fn client(
    base: &str,
    secret: &str,
) -> oauth2::basic::BasicClient<
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointNotSet,
    oauth2::EndpointSet,
> {
    BasicClient::new(ClientId::new("app".into()))
        .set_client_secret(ClientSecret::new(secret.into()))
        .set_token_uri(TokenUrl::new(format!("{base}/token")).unwrap())
}

#[tokio::test]
async fn an_unknown_code_is_invalid_grant() {
    let base = serve().await;
    let good =
        client(&base, "s3cret").exchange_code(AuthorizationCode::new("good-code".into())).request_async(&http()).await;
    assert_eq!(good.expect("a token").access_token().secret(), "2YotnFZFEjr1zCsicMWpAA");

    let result =
        client(&base, "s3cret").exchange_code(AuthorizationCode::new("stolen".into())).request_async(&http()).await;
    let Err(RequestTokenError::ServerResponse(response)) = result else { panic!("not a server response: {result:?}") };
    assert_eq!(*response.error(), BasicErrorResponseType::InvalidGrant);
    assert_eq!(response.error_description().map(String::as_str), Some("The authorization code is invalid or expired."));
    assert_eq!(response.error_uri().map(String::as_str), Some("https://auth.example.com/docs/errors#invalid_grant"));
}

#[tokio::test]
async fn a_wrong_secret_is_invalid_client_with_www_authenticate() {
    let base = serve().await;
    let result =
        client(&base, "guess").exchange_code(AuthorizationCode::new("good-code".into())).request_async(&http()).await;
    let Err(RequestTokenError::ServerResponse(response)) = result else { panic!("not a server response: {result:?}") };
    assert_eq!(*response.error(), BasicErrorResponseType::InvalidClient);
    // The crate keeps no headers: the 401 and its challenge, read directly.
    let raw = http().post(format!("{base}/token")).body("grant_type=authorization_code&code=x").send().await.unwrap();
    assert_eq!(raw.status(), 401);
    assert_eq!(raw.headers()["www-authenticate"], r#"Basic realm="token""#);
    assert_eq!(raw.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn an_unknown_grant_type_is_unsupported_grant_type() {
    let base = serve().await;
    let result = client(&base, "s3cret").exchange_client_credentials().request_async(&http()).await;
    let Err(RequestTokenError::ServerResponse(response)) = result else { panic!("not a server response: {result:?}") };
    assert_eq!(*response.error(), BasicErrorResponseType::UnsupportedGrantType);
}

/// The device flow's errors (RFC 8628 §3.5), polled by the crate.
async fn poll(
    base: &str,
    device_code: &str,
) -> Result<(), RequestTokenError<oauth2::HttpClientError<oauth2::reqwest::Error>, oauth2::DeviceCodeErrorResponse>> {
    let details: StandardDeviceAuthorizationResponse = serde_json::from_value(serde_json::json!({
        "device_code": device_code, "user_code": "WDJB-MJHT",
        "verification_uri": "https://auth.example.com/device", "expires_in": 60, "interval": 1,
    }))
    .unwrap();
    client(base, "s3cret")
        .exchange_device_access_token(&details)
        .request_async(&http(), |_| async {}, Some(Duration::from_secs(30)))
        .await
        .map(|_| ())
}

#[tokio::test]
async fn the_device_flow_polls_while_pending_and_stops_on_expired_token() {
    let base = serve().await;
    // `authorization_pending` once: the crate polls again and gets its token.
    poll(&base, "pending").await.expect("a token after one pending answer");
    for (device_code, expected) in
        [("expired", DeviceCodeErrorResponseType::ExpiredToken), ("denied", DeviceCodeErrorResponseType::AccessDenied)]
    {
        let result = poll(&base, device_code).await;
        let Err(RequestTokenError::ServerResponse(response)) = result else {
            panic!("not a server response: {result:?}")
        };
        assert_eq!(*response.error(), expected);
    }
}

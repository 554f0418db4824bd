//! One HTTP exchange with a test server, as the HTTP tests read it: shared by
//! `http_axum.rs` and `http_actix.rs`.

use serde_json::Value;

/// What a server answered, read whole.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    /// The response's `X-Request-ID`, if any.
    pub request_id: Option<String>,
    /// The response's `Content-Language`, if any.
    pub content_language: Option<String>,
    pub bytes: Vec<u8>,
    pub json: Value,
}

/// Sends `method path` to `base` with an optional JSON body and
/// `X-Request-ID`, and reads the whole answer, which must be JSON.
pub async fn call(
    client: &reqwest::Client,
    base: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<&Value>,
    request_id: Option<&str>,
) -> Answer {
    let mut request = client.request(method, format!("{base}{path}"));
    if let Some(body) = body {
        request = request.json(body);
    }
    if let Some(request_id) = request_id {
        request = request.header("X-Request-ID", request_id);
    }
    read(request.send().await.expect("the server answers")).await
}

/// Reads a whole answer, which must be JSON.
pub async fn read(response: reqwest::Response) -> Answer {
    let status = response.status().as_u16();
    let header = |name: reqwest::header::HeaderName| {
        response.headers().get(name).map(|value| value.to_str().expect("an ASCII header").to_owned())
    };
    let content_type = header(reqwest::header::CONTENT_TYPE).unwrap_or_default();
    let request_id = header(reqwest::header::HeaderName::from_static("x-request-id"));
    let content_language = header(reqwest::header::CONTENT_LANGUAGE);
    let bytes = response.bytes().await.expect("a whole body").to_vec();
    let json = serde_json::from_slice(&bytes).unwrap_or_else(|error| {
        panic!("not JSON ({error}): {}", String::from_utf8_lossy(&bytes));
    });
    Answer { status, content_type, request_id, content_language, bytes, json }
}

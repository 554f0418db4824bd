//! One HTTP exchange with a test server, as the HTTP tests read it: shared by
//! `http_axum.rs` and `http_actix.rs`.

use serde_json::Value;

/// What a server answered, read whole.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub content_type: String,
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
    let response = request.send().await.expect("the server answers");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .map(|value| value.to_str().expect("ASCII content type").to_owned())
        .unwrap_or_default();
    let bytes = response.bytes().await.expect("a whole body").to_vec();
    let json = serde_json::from_slice(&bytes).unwrap_or_else(|error| {
        panic!("not JSON ({error}): {}", String::from_utf8_lossy(&bytes));
    });
    Answer { status, content_type, bytes, json }
}

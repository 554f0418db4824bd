//! The `hyper_server` example over real HTTP: a server on hyper alone,
//! whose errors become `http::Response`s through `error_catalog::http`
//! (`ResponseParts::into_response`, `From<Failure>`), with the request's id in the body and
//! a `Failure` without catalog error answered as the server error.

#[path = "../examples/hyper_server.rs"]
#[allow(dead_code)]
mod hyper_server;

async fn start() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(hyper_server::serve(listener, hyper_server::responses()));
    format!("http://{address}")
}

async fn get(base: &str, path: &str, request_id: Option<&str>) -> (u16, String, serde_json::Value) {
    let mut request = reqwest::Client::new().get(format!("{base}{path}"));
    if let Some(id) = request_id {
        request = request.header("x-request-id", id);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let content_type = response.headers()["content-type"].to_str().unwrap().to_owned();
    let body = response.json().await.unwrap();
    (status, content_type, body)
}

#[tokio::test]
async fn a_catalog_error_answers_its_status_and_body_with_the_request_id() {
    let base = start().await;
    let (status, content_type, body) = get(&base, "/cvms/db-9", Some("req-42")).await;
    assert_eq!((status, content_type.as_str()), (404, "application/json"));
    assert_eq!(body["error_code"], "ERR-02-001");
    assert_eq!(body["message"], "CVM 'db-9' not found");
    assert_eq!(body["details"][0]["field"], "name");
    assert_eq!(body["details"][0]["value"], "db-9");
    assert_eq!(body["request_id"], "req-42");
}

#[tokio::test]
async fn a_failure_without_catalog_error_answers_the_server_error_and_keeps_its_cause_out() {
    let base = start().await;
    let (status, _, body) = get(&base, "/broken", None).await;
    assert_eq!(status, 500);
    assert_eq!(body["error_code"], "ERR-05-001");
    assert_eq!(body["message"], "Internal server error");
    assert!(!body.to_string().contains("disk"), "the I/O error reached the body: {body}");
}

#[tokio::test]
async fn reqwest_reads_the_body_as_a_remote_error() {
    let base = start().await;
    let response = reqwest::get(format!("{base}/cvms/db-9")).await.unwrap();
    assert_eq!(response.status(), 404);
    let error: error_catalog::client::RemoteError = response.json().await.unwrap();
    assert_eq!((error.code(), error.message()), ("ERR-02-001", "CVM 'db-9' not found"));
    assert_eq!(error.detail("name"), Some(&serde_json::json!("db-9")));
}

#[tokio::test]
async fn a_success_is_the_handlers_own_answer() {
    let base = start().await;
    let (status, _, body) = get(&base, "/cvms/web-1", Some("req-1")).await;
    assert_eq!((status, body["name"].as_str()), (200, Some("web-1")));
}

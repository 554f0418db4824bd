//! The requests a framework refuses before the application sees them, each
//! with the catalog error the Phala server names for its class
//! (`examples/phala_server/transport.rs`): shared by `http_axum.rs` and
//! `http_actix.rs`, whose servers have the same routes.

use serde_json::{Value, json};

use super::answer::{self, Answer};

/// The longest body the servers read (`transport::MAX_BODY`).
pub const MAX_BODY: usize = 16 * 1024;

/// What a malformed request sends as its body.
pub enum Sent {
    /// Nothing, and no `Content-Type`.
    Nothing,
    /// This text, said to be JSON.
    Json(String),
}

/// One malformed request and the answer it must get.
pub struct Malformed {
    pub name: &'static str,
    pub method: reqwest::Method,
    pub path: &'static str,
    pub sent: Sent,
    pub status: u16,
    pub code: &'static str,
    /// The body's `details`, `Value::Null` for none.
    pub details: Value,
    /// The servers that have the route: a path segment that is not UTF-8
    /// actix-web decodes with replacement characters instead of refusing,
    /// and a numeric path parameter only the actix-web test server has.
    pub on: On,
}

/// Which servers a case is sent to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum On {
    Both,
    Axum,
    Actix,
}

fn invalid(part: &str) -> Value {
    json!([{ "field": "field", "value": part, "message": null }])
}

/// Unknown path, wrong method, bad JSON, wrong JSON types, a missing body,
/// a body over the limit, a bad path parameter, a bad query.
pub fn cases() -> Vec<Malformed> {
    let provision = "/api/v1/cvms/provision";
    vec![
        Malformed {
            name: "unknown path",
            method: reqwest::Method::GET,
            path: "/api/v1/nowhere",
            sent: Sent::Nothing,
            status: 404,
            code: "HTTP-404",
            details: Value::Null,
            on: On::Both,
        },
        Malformed {
            name: "wrong method",
            method: reqwest::Method::DELETE,
            path: provision,
            sent: Sent::Nothing,
            status: 405,
            code: "HTTP-405",
            details: Value::Null,
            on: On::Both,
        },
        Malformed {
            name: "bad JSON",
            method: reqwest::Method::POST,
            path: provision,
            sent: Sent::Json("{not json".into()),
            status: 400,
            code: "ERR-02-008",
            details: invalid("body"),
            on: On::Both,
        },
        Malformed {
            name: "wrong JSON types",
            method: reqwest::Method::POST,
            path: provision,
            sent: Sent::Json(r#"{"name": 7}"#.into()),
            status: 400,
            code: "ERR-02-008",
            details: invalid("body"),
            on: On::Both,
        },
        Malformed {
            name: "missing body",
            method: reqwest::Method::POST,
            path: provision,
            sent: Sent::Nothing,
            status: 400,
            code: "ERR-02-008",
            details: invalid("body"),
            on: On::Both,
        },
        Malformed {
            name: "body over the limit",
            method: reqwest::Method::POST,
            path: provision,
            sent: Sent::Json(format!(r#"{{"name": "{}"}}"#, "a".repeat(MAX_BODY))),
            status: 413,
            code: "HTTP-413",
            details: json!([{ "field": "limit", "value": MAX_BODY, "message": null }]),
            on: On::Both,
        },
        Malformed {
            name: "bad path parameter (not UTF-8)",
            method: reqwest::Method::GET,
            path: "/api/v1/cvms/%FF%FE",
            sent: Sent::Nothing,
            status: 400,
            code: "ERR-02-008",
            details: invalid("path"),
            on: On::Axum,
        },
        Malformed {
            name: "bad path parameter (not a number)",
            method: reqwest::Method::GET,
            path: "/errors/many",
            sent: Sent::Nothing,
            status: 400,
            code: "ERR-02-008",
            details: invalid("path"),
            on: On::Actix,
        },
        Malformed {
            name: "bad query",
            method: reqwest::Method::GET,
            path: "/api/v1/cvms?limit=many",
            sent: Sent::Nothing,
            status: 400,
            code: "ERR-02-008",
            details: invalid("query"),
            on: On::Both,
        },
    ]
}

/// Sends `case` to `base` with `X-Request-ID: request_id`.
pub async fn send(client: &reqwest::Client, base: &str, case: &Malformed, request_id: &str) -> Answer {
    let mut request =
        client.request(case.method.clone(), format!("{base}{}", case.path)).header("X-Request-ID", request_id);
    if let Sent::Json(text) = &case.sent {
        request = request.header("Content-Type", "application/json").body(text.clone());
    }
    answer::read(request.send().await.expect("the server answers")).await
}

/// Asserts that `answer` is the catalog error of `case`, in the body format
/// whose content type is `content_type`, with the request's id.
pub fn assert_answer(case: &Malformed, answer: &Answer, content_type: &str, request_id: &str) {
    let name = case.name;
    assert_eq!(answer.status, case.status, "{name}: {}", answer.json);
    assert_eq!(answer.content_type, content_type, "{name}");
    assert_eq!(answer.json["error_code"], case.code, "{name}: {}", answer.json);
    assert_eq!(answer.json["request_id"], request_id, "{name}");
    assert_eq!(answer.json.get("details").cloned().unwrap_or(Value::Null), case.details, "{name}");
    let remote = error_catalog::client::RemoteError::parse(answer.status, &answer.bytes).expect("a catalog body");
    assert_eq!(remote.code(), case.code, "{name}");
    assert!(remote.entry().is_some(), "{name}: {} is a registered code", case.code);
}

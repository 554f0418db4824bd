//! The example server's `/openapi.json`, fetched over HTTP and read with
//! `oas3`, an OpenAPI 3.1 parser: every error the routes answer is in the
//! document under its route, status and code, and the document's example of
//! each code is the body the route answers, fetched in the same test.
//!
//! The document's validity as OpenAPI 3.1, beyond what the parser reads, is
//! checked by a validator in `tests/openapi/run.sh`.

#[path = "../examples/phala_server.rs"]
#[allow(dead_code)]
pub mod server;

// `bytes` is for the tests that compare bytes.
#[path = "support/answer.rs"]
#[allow(dead_code)]
mod answer;

use std::collections::{BTreeMap, BTreeSet};

use answer::Answer;
use error_catalog::http::ErrorResponses;
use oas3::spec::{MediaTypeExamples, ObjectOrReference, Schema, Spec};
use serde_json::{Value, json};

// The derives of the example's errors name `crate::Catalog`.
use server::phala::Catalog;

/// One error a route answers: the request that makes it, and what the
/// document must say of it.
struct Case {
    /// The route as the document writes it.
    route: &'static str,
    method: reqwest::Method,
    /// The request's path.
    path: &'static str,
    body: Option<Value>,
    status: u16,
    code: &'static str,
}

/// Every error the three routes answer, read from their handlers, in a
/// server where `web-1` was provisioned first.
fn cases() -> Vec<Case> {
    use reqwest::Method;
    let provision = |body: Value, status, code| Case {
        route: "/api/v1/cvms/provision",
        method: Method::POST,
        path: "/api/v1/cvms/provision",
        body: Some(body),
        status,
        code,
    };
    vec![
        provision(json!({ "name": " " }), 400, "ERR-02-008"),
        provision(json!({ "name": "web-1" }), 409, "ERR-01-004"),
        provision(json!({ "name": "web-2", "region": "eu-west-1" }), 409, "ERR-02-002"),
        Case {
            route: "/api/v1/cvms/{id}",
            method: Method::GET,
            path: "/api/v1/cvms/app_missing",
            body: None,
            status: 404,
            code: "ERR-03-001",
        },
        Case {
            route: "/api/v1/cvms/{id}/envs",
            method: Method::PATCH,
            path: "/api/v1/cvms/app_missing/envs",
            body: Some(json!({ "encrypted_env": "00" })),
            status: 404,
            code: "ERR-03-001",
        },
        Case {
            route: "/api/v1/cvms/{id}/envs",
            method: Method::PATCH,
            path: "/api/v1/cvms/web-1/envs",
            body: Some(json!({ "encrypted_env": "00" })),
            status: 465,
            code: "ERR-01-005",
        },
    ]
}

/// Serves the example's app on a free loopback port; its base URL.
async fn start() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
    let address = listener.local_addr().expect("local address");
    tokio::spawn(async move {
        axum::serve(listener, server::app(ErrorResponses::new())).await.expect("serve");
    });
    format!("http://{address}")
}

/// The operation's response for `status` in the document: its description,
/// the enum of its schema's `error_code`, and its examples by name.
struct Documented {
    description: String,
    codes: Vec<String>,
    examples: BTreeMap<String, Value>,
}

fn documented(spec: &Spec, route: &str, method: &reqwest::Method, status: u16) -> Option<Documented> {
    let operation = spec.operation(&method.as_str().parse().ok()?, route)?;
    let response = operation.responses.as_ref()?.get(&status.to_string())?;
    let ObjectOrReference::Object(response) = response else { panic!("{route} {status}: a reference") };
    let content = response.content.get("application/json")?;
    let Some(Schema::Object(schema)) = &content.schema else { panic!("{route} {status}: no object schema") };
    let ObjectOrReference::Object(schema) = schema.as_ref() else { panic!("{route} {status}: a schema reference") };
    let Some(Schema::Object(error_code)) = schema.properties.get("error_code") else {
        panic!("{route} {status}: no `error_code` in the schema")
    };
    let ObjectOrReference::Object(error_code) = error_code.as_ref() else { panic!("a reference") };
    let codes = error_code.enum_values.iter().map(|code| code.as_str().expect("a string code").to_owned()).collect();
    let Some(MediaTypeExamples::Examples { examples }) = &content.examples else {
        panic!("{route} {status}: no named examples")
    };
    let examples = examples
        .iter()
        .map(|(name, example)| {
            let ObjectOrReference::Object(example) = example else { panic!("{name}: a reference") };
            (name.clone(), example.value.clone().expect("an example value"))
        })
        .collect();
    Some(Documented { description: response.description.clone().unwrap_or_default(), codes, examples })
}

/// What the route answered, without the `request_id` the test sent (the
/// document's examples have none: it differs per request).
fn without_request_id(answer: &Answer, request_id: &str) -> Value {
    let mut body = answer.json.clone();
    let object = body.as_object_mut().expect("a JSON object");
    assert_eq!(object.remove("request_id"), Some(json!(request_id)), "{}", answer.json);
    body
}

#[tokio::test]
async fn the_document_lists_each_error_of_each_route_with_its_real_body() {
    let base = start().await;
    let client = reqwest::Client::new();

    let response = client.get(format!("{base}/openapi.json")).send().await.expect("the server answers");
    assert_eq!(response.status(), 200);
    let text = response.text().await.expect("a whole body");
    let spec = oas3::from_json(&text).expect("an OpenAPI 3.1 document");
    assert_eq!(spec.validate_version().expect("a 3.1 version").minor, 1);

    let created = answer::call(
        &client,
        &base,
        reqwest::Method::POST,
        "/api/v1/cvms/provision",
        Some(&json!({ "name": "web-1" })),
        None,
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.json);

    let cases = cases();
    for (index, case) in cases.iter().enumerate() {
        let request_id = format!("openapi-{index}");
        let answer =
            answer::call(&client, &base, case.method.clone(), case.path, case.body.as_ref(), Some(&request_id)).await;
        let what = format!("{} {} ({})", case.method, case.path, case.code);
        assert_eq!((answer.status, answer.json["error_code"].as_str()), (case.status, Some(case.code)), "{what}");
        assert_eq!(answer.content_type, "application/json", "{what}");

        let documented = documented(&spec, case.route, &case.method, case.status)
            .unwrap_or_else(|| panic!("{what}: status {} is not documented", case.status));
        assert!(
            documented.codes.iter().any(|code| code == case.code),
            "{what}: not in the enum {:?}",
            documented.codes
        );
        assert!(documented.description.contains(&format!("`{}`", case.code)), "{what}: {}", documented.description);
        let example = documented.examples.get(case.code).unwrap_or_else(|| panic!("{what}: no example named so"));
        assert_eq!(example, &without_request_id(&answer, &request_id), "{what}: the example is not the real body");
    }

    // The other way: each error response of the document, each code of its
    // enum and each example, is an error the routes answer (and was
    // compared above), so the document says no more than the routes do.
    let mut listed = BTreeMap::<(String, String, u16), BTreeSet<String>>::new();
    for (route, method, operation) in spec.operations() {
        for (status, response) in operation.responses.iter().flatten() {
            let status: u16 = status.parse().expect("a numeric status");
            if status < 400 {
                continue;
            }
            assert!(matches!(response, ObjectOrReference::Object(_)), "{route} {status}: a reference");
            let reqwest_method: reqwest::Method = method.as_str().parse().expect("a method");
            let documented = documented(&spec, &route, &reqwest_method, status).expect("a JSON error response");
            let codes: BTreeSet<String> = documented.codes.into_iter().collect();
            let examples: BTreeSet<String> = documented.examples.into_keys().collect();
            assert_eq!(codes, examples, "{route} {status}: one example per code");
            listed.insert((route.clone(), method.as_str().to_owned(), status), codes);
        }
    }
    let mut answered = BTreeMap::<(String, String, u16), BTreeSet<String>>::new();
    for case in &cases {
        let key = (case.route.to_owned(), case.method.as_str().to_owned(), case.status);
        answered.entry(key).or_default().insert(case.code.to_owned());
    }
    assert_eq!(listed, answered);
    // Two codes under one status: utoipa's merge by status would have kept one.
    let conflict = &answered[&("/api/v1/cvms/provision".to_owned(), "POST".to_owned(), 409)];
    assert_eq!(conflict.len(), 2);
}

/// `Errors` of several types groups their codes by status, where utoipa's
/// own merge of two `IntoResponses` keeps the later one of a status.
#[test]
fn errors_of_several_types_share_a_status() {
    use error_catalog::utoipa::Errors;
    use server::phala::cvm::{CvmAccessDeniedError, CvmNotFoundError};
    use server::phala::preflight::ComposeHashError;
    use utoipa::IntoResponses;

    let codes = |responses: &BTreeMap<String, _>, status: &str| {
        let document = serde_json::to_value(responses).expect("JSON");
        let content = &document[status]["content"]["application/json"];
        let examples: Vec<String> = content["examples"].as_object().expect("examples").keys().cloned().collect();
        (content["schema"]["properties"]["error_code"]["enum"].clone(), examples)
    };

    let merged = utoipa::openapi::ResponsesBuilder::new()
        .responses_from_into_responses::<CvmNotFoundError>()
        .responses_from_into_responses::<CvmAccessDeniedError>()
        .build()
        .responses;
    assert_eq!(codes(&merged, "404"), (json!(["ERR-03-005"]), vec!["ERR-03-005".to_owned()]));

    let grouped = Errors::<(CvmNotFoundError, CvmAccessDeniedError, ComposeHashError)>::responses();
    assert_eq!(grouped.keys().collect::<Vec<_>>(), ["404", "466", "467", "468"]);
    assert_eq!(
        codes(&grouped, "404"),
        (json!(["ERR-03-001", "ERR-03-005"]), vec!["ERR-03-001".to_owned(), "ERR-03-005".to_owned()])
    );

    // ComposeHashError has no `ErrorExamples`: its example is its template.
    let document = serde_json::to_value(&grouped).expect("JSON");
    assert_eq!(
        document["466"]["content"]["application/json"]["examples"]["ERR-01-006"]["value"],
        json!({
            "error_code": "ERR-01-006",
            "message": "The provided compose hash is invalid or has expired",
            "details": [{ "field": "compose_hash", "value": "{compose_hash}", "message": null }],
        })
    );
}

/// `Body` and `Problem` of a list of error types are schemas of those codes
/// alone, named after the types.
#[test]
fn body_schemas_are_closed_over_their_codes() {
    use error_catalog::body::Body;
    use server::phala::cvm::CvmNotFoundError;
    use server::phala::preflight::DuplicateCvmNameError;
    use utoipa::{PartialSchema, ToSchema};

    type Both = (CvmNotFoundError, DuplicateCvmNameError);
    assert_eq!(<Body<'_, Both> as ToSchema>::name(), "CvmNotFoundErrorOrDuplicateCvmNameErrorBody");
    let schema = serde_json::to_value(<Body<'_, Both> as PartialSchema>::schema()).expect("JSON");
    assert_eq!(schema["properties"]["error_code"]["enum"], json!(["ERR-03-001", "ERR-01-004"]));
    assert_eq!(schema["properties"]["details"]["items"]["properties"]["field"]["enum"], json!(["identifier", "name"]));
    assert_eq!(schema["required"], json!(["message", "error_code"]));

    #[cfg(feature = "problem-json")]
    {
        use error_catalog::body::Problem;
        assert_eq!(<Problem<'_, Both> as ToSchema>::name(), "CvmNotFoundErrorOrDuplicateCvmNameErrorProblem");
        let schema = serde_json::to_value(<Problem<'_, Both> as PartialSchema>::schema()).expect("JSON");
        assert_eq!(schema["properties"]["error_code"]["enum"], json!(["ERR-03-001", "ERR-01-004"]));
        assert_eq!(schema["properties"]["status"]["enum"], json!([404, 409]));
        assert_eq!(schema["required"], json!(["type", "title", "status", "detail", "error_code"]));
    }
}

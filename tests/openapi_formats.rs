//! The OpenAPI responses describe the format the application serves
//! (`utoipa::describe_format`): content type, examples written in it, and
//! the schema the library knows for it. One test: the format is the
//! process's.

use error_catalog::formats::{Flat, Problem, s3::S3};
use error_catalog::utoipa::{ErrorExamples, describe_format, describe_format_with_schema};
use error_catalog::{CatalogError, ErrorCatalog};
use serde_json::Value;
use utoipa::IntoResponses as _;
use utoipa::openapi::{RefOr, Response};

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(1, name = "Preflight")]
    Preflight,
}

/// Raised when a CVM name already exists in the workspace.
#[derive(Debug, CatalogError)]
#[catalog(module = 1, code = 4, status = 409, message = "A CVM with name '{name}' already exists")]
pub struct DuplicateCvmNameError {
    #[catalog(detail)]
    pub name: String,
}

impl ErrorExamples for DuplicateCvmNameError {
    fn examples() -> Vec<Self> {
        vec![Self { name: "web-1".into() }]
    }
}

/// Raised when the CVM is not found (no example value: the template).
#[derive(Debug, CatalogError)]
#[catalog(module = 1, code = 5, status = 404, message = "CVM '{id}' not found")]
pub struct CvmNotFoundError {
    #[catalog(detail)]
    pub id: String,
}

/// A format of the application's own: `{"oops": CODE}` as text/plain.
#[derive(Debug)]
struct Oops;

impl error_catalog::formats::WireFormat for Oops {
    fn content_type(&self) -> &'static str {
        "text/plain"
    }

    fn write_body(
        &self,
        error: &error_catalog::body::PublicError<'_>,
        out: &mut Vec<u8>,
    ) -> Result<(), error_catalog::formats::WriteError> {
        out.extend_from_slice(format!("oops {}", error.code()).as_bytes());
        Ok(())
    }
}

fn response(status: &str, responses: &std::collections::BTreeMap<String, RefOr<Response>>) -> Value {
    let RefOr::T(response) = &responses[status] else { panic!("a reference") };
    serde_json::to_value(response).unwrap()
}

#[test]
fn the_responses_describe_the_format_the_application_names() {
    // Default: the flat body, its schema, a template for a code without values.
    let flat = response("409", &DuplicateCvmNameError::responses());
    let json = &flat["content"]["application/json"];
    assert_eq!(json["examples"]["ERR-01-004"]["value"]["error_code"], "ERR-01-004");
    assert_eq!(json["schema"]["required"], serde_json::json!(["message", "error_code"]));
    let template = response("404", &CvmNotFoundError::responses());
    assert_eq!(
        template["content"]["application/json"]["examples"]["ERR-01-005"]["value"]["message"],
        "CVM '{id}' not found"
    );

    describe_format(S3);
    let s3 = response("409", &DuplicateCvmNameError::responses());
    assert!(s3["content"].get("application/json").is_none(), "{s3}");
    let xml = &s3["content"]["application/xml"];
    let body = xml["examples"]["ERR-01-004"]["value"].as_str().unwrap();
    assert!(body.contains("<Code>ERR-01-004</Code>") && body.contains("web-1"), "{body}");
    assert_eq!(xml["schema"]["type"], "string");
    // No value: no example, the flat template would mislead.
    let s3_404 = response("404", &CvmNotFoundError::responses());
    assert!(
        s3_404["content"]["application/xml"]
            .get("examples")
            .is_none_or(|examples| examples.as_object().is_none_or(serde_json::Map::is_empty)),
        "{s3_404}"
    );

    describe_format(Problem::new("https://docs.example.com/errors/"));
    let problem = response("409", &DuplicateCvmNameError::responses());
    let document = &problem["content"]["application/problem+json"];
    assert_eq!(document["examples"]["ERR-01-004"]["value"]["status"], 409);
    assert_eq!(document["examples"]["ERR-01-004"]["value"]["title"], "DuplicateCvmNameError");
    assert!(document["schema"]["required"].as_array().unwrap().contains(&"title".into()), "{document}");

    let schema = utoipa::openapi::ObjectBuilder::new().description(Some("oops and the code")).build();
    describe_format_with_schema(Oops, schema);
    let oops = response("409", &DuplicateCvmNameError::responses());
    let text = &oops["content"]["text/plain"];
    assert_eq!(text["examples"]["ERR-01-004"]["value"], "oops ERR-01-004");
    assert_eq!(text["schema"]["description"], "oops and the code");

    describe_format(Flat);
    assert_eq!(response("409", &DuplicateCvmNameError::responses()), flat);
}

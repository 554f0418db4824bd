//! One documentation URL per code ([`Entry::doc_url`]): the catalog's page
//! of the code (`link_template`), else the code's first link. It is the
//! URL of every output that has one: problem+json's `type` (the
//! `type_base` of `with_problem_json` only for a code with none), gRPC's
//! `Help` (read back by `RemoteError::from_status`), the catalog
//! document's `url` and the generated clients' `url`.

use error_catalog::client::RemoteError;
use error_catalog::http::ErrorResponses;
use error_catalog::{CatalogError, ErrorCatalog};
use serde_json::Value;
use tonic_types::StatusExt as _;

/// A catalog with a page per code.
#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}", link_template = "https://docs.example.com/errors/{code}.html")]
pub enum Catalog {
    #[module(1, name = "Nodes")]
    Nodes,
}

/// A catalog without pages.
#[derive(ErrorCatalog)]
#[catalog(format = "OPS-{code:03}")]
pub enum Plain {}

#[derive(Debug, CatalogError)]
#[catalog(module = 1, code = 1, status = 404, message = "No such node")]
pub struct NodeNotFoundError;

#[derive(Debug, CatalogError)]
#[catalog(
    module = 1,
    code = 2,
    status = 409,
    message = "Node busy",
    link(url = "https://status.example.com/", label = "Status page")
)]
pub struct NodeBusyError;

#[derive(Debug, CatalogError)]
#[catalog(
    catalog = Plain,
    code = 1,
    status = 503,
    message = "Draining",
    link(url = "https://runbooks.example.com/draining", label = "Runbook"),
    link(url = "https://status.example.com/", label = "Status page")
)]
pub struct DrainingError;

#[derive(Debug, CatalogError)]
#[catalog(catalog = Plain, code = 2, status = 500, message = "Broken")]
pub struct BrokenError;

const PAGE_1: &str = "https://docs.example.com/errors/ERR-01-001.html";
const PAGE_2: &str = "https://docs.example.com/errors/ERR-01-002.html";
const RUNBOOK: &str = "https://runbooks.example.com/draining";

fn url(entry: &error_catalog::Entry) -> Option<String> {
    entry.doc_url().map(|url| url.to_string())
}

#[test]
fn each_code_has_one_url_the_catalog_s_page_first() {
    assert_eq!(url(NodeNotFoundError.entry()).as_deref(), Some(PAGE_1));
    // The catalog's page wins over a code's own link.
    assert_eq!(url(NodeBusyError.entry()).as_deref(), Some(PAGE_2));
    assert!(NodeBusyError.entry().doc_url().unwrap().is_page());
    // Without pages, the code's first link.
    assert_eq!(url(DrainingError.entry()).as_deref(), Some(RUNBOOK));
    assert!(!DrainingError.entry().doc_url().unwrap().is_page());
    assert_eq!(url(BrokenError.entry()), None);
}

fn problem_type(error: &dyn CatalogError<Catalog = impl ErrorCatalog>) -> String {
    let body = serde_json::to_vec(&error_catalog::body::Problem::new(error, "https://fallback.example.com/")).unwrap();
    let body: Value = serde_json::from_slice(&body).unwrap();
    body["type"].as_str().unwrap().to_owned()
}

#[test]
fn problem_json_s_type_is_the_code_s_url() {
    assert_eq!(problem_type(&NodeNotFoundError), PAGE_1);
    assert_eq!(problem_type(&NodeBusyError), PAGE_2);
    assert_eq!(problem_type(&DrainingError), RUNBOOK);
    // `type_base` is left for a code with no URL.
    assert_eq!(problem_type(&BrokenError), "https://fallback.example.com/OPS-002");

    // The same through an application's responses.
    let responses = std::sync::Arc::new(ErrorResponses::new().with_problem_json("https://fallback.example.com/"));
    let answer = futures_lite_block_on(error_catalog::http::scope(responses.context(None, "/v1/nodes/1"), async {
        error_catalog::http::respond(&NodeNotFoundError)
    }));
    assert_eq!(answer.content_type, "application/problem+json");
    let body: Value = serde_json::from_slice(&answer.body).unwrap();
    assert_eq!(body["type"], PAGE_1);
}

#[test]
fn grpc_help_leads_with_the_code_s_url_and_the_client_reads_it() {
    let links = |status: &tonic::Status| -> Vec<(String, String)> {
        let help = status.get_details_help().map(|help| help.links).unwrap_or_default();
        help.into_iter().map(|link| (link.description, link.url)).collect()
    };
    let pair = |label: &str, url: &str| (label.to_owned(), url.to_owned());

    let status = tonic::Status::from(NodeNotFoundError);
    assert_eq!(links(&status), [pair("Documentation", PAGE_1)]);
    let status = tonic::Status::from(NodeBusyError);
    assert_eq!(links(&status), [pair("Documentation", PAGE_2), pair("Status page", "https://status.example.com/")]);
    // A code's own first link is its URL: not written twice.
    let status = tonic::Status::from(DrainingError);
    assert_eq!(links(&status), [pair("Runbook", RUNBOOK), pair("Status page", "https://status.example.com/")]);
    assert!(tonic::Status::from(BrokenError).get_details_help().is_none());

    // Read back from the encoded details, the URL first.
    let status = tonic::Status::from(NodeBusyError);
    let wire = tonic::Status::with_details(status.code(), status.message(), status.details().to_vec().into());
    let remote = RemoteError::from_status(&wire).unwrap();
    assert_eq!(remote.links()[0].url, PAGE_2);
}

#[test]
fn the_catalog_document_s_url_is_the_same() {
    let document =
        |info, modules: &[_]| serde_json::to_value(error_catalog::render::Document::new(info, modules)).unwrap();
    let document: Value = document(<Plain as ErrorCatalog>::INFO, &error_catalog::registry::modules_of::<Plain>());
    let urls: Vec<&Value> = document["entries"].as_array().unwrap().iter().map(|entry| &entry["url"]).collect();
    assert_eq!(urls, [&Value::from(RUNBOOK), &Value::Null]);
    let document =
        |info, modules: &[_]| serde_json::to_value(error_catalog::render::Document::new(info, modules)).unwrap();
    let document: Value = document(<Catalog as ErrorCatalog>::INFO, &error_catalog::registry::modules_of::<Catalog>());
    assert_eq!(document["entries"][0]["url"], PAGE_1);
    assert_eq!(document["entries"][1]["url"], PAGE_2);
}

/// A minimal executor: the future never waits.
fn futures_lite_block_on<F: std::future::Future>(future: F) -> F::Output {
    let waker = std::task::Waker::noop();
    let mut context = std::task::Context::from_waker(waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
}

#[test]
fn the_client_modules_carry_the_same_url() {
    use error_catalog::render::{python, typescript};

    let modules = error_catalog::registry::modules_of::<Catalog>();
    let ts = typescript::source(<Catalog as ErrorCatalog>::INFO, &modules);
    assert!(ts.contains("  readonly url: string | null;\n"), "{ts}");
    assert!(ts.contains(&format!("    url: \"{PAGE_1}\",\n")), "{ts}");
    assert!(ts.contains(&format!("    url: \"{PAGE_2}\",\n")), "{ts}");
    let py = python::source(<Catalog as ErrorCatalog>::INFO, &modules);
    assert!(py.contains("    url: typing.Optional[str]\n"), "{py}");
    assert!(py.contains(&format!("        \"{PAGE_1}\",\n")), "{py}");

    let modules = error_catalog::registry::modules_of::<Plain>();
    let ts = typescript::source(<Plain as ErrorCatalog>::INFO, &modules);
    assert!(ts.contains(&format!("    url: \"{RUNBOOK}\",\n")) && ts.contains("    url: null,\n"), "{ts}");
    let py = python::source(<Plain as ErrorCatalog>::INFO, &modules);
    assert!(py.contains(&format!("        \"{RUNBOOK}\",\n")) && py.contains("        None,\n"), "{py}");
}

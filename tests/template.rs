//! A page of the user's own layout (feature `templates`), and the built-in
//! page for catalogs shaped unlike Phala's: flat codes, text codes, groups,
//! retired codes and facts.

use error_catalog::render::{self, TemplateError};
use error_catalog::{CatalogError, ErrorCatalog, registry};

/// A catalog of flat codes outside HTTP, with a documentation page per code.
#[derive(ErrorCatalog)]
#[catalog(
    format = "E{code:04}",
    http = false,
    api = "rustc",
    link_template = "https://doc.rust-lang.org/error_codes/{code}.html"
)]
#[retired(code = "E0001", successor = "E0005", note = "merged into E0005")]
pub enum Rustc {}

/// Expected type did not match the received type.
#[derive(Debug, CatalogError)]
#[catalog(catalog = Rustc, code = 308, message = "mismatched types", severity = "error", retryable = false)]
pub struct MismatchedTypes;

/// Patterns aren't allowed in functions without bodies.
#[derive(Debug, CatalogError)]
#[catalog(catalog = Rustc, code = 5, message = "refutable pattern in local binding", alias = "E0005Alias")]
pub struct RefutablePattern;

/// Text codes in groups, some without one.
#[derive(ErrorCatalog)]
#[catalog(format = "{code:snake_case}", default_status = 402, api = "Payments API")]
pub enum Payments {
    #[module(1, name = "Card errors")]
    Cards,
}

/// The card has been declined.
#[derive(Debug, CatalogError)]
#[catalog(catalog = Payments, module = 1, code = "card_declined", message = "Your card was declined.")]
pub struct CardDeclined;

/// Too many requests hit the API too quickly.
#[derive(Debug, CatalogError)]
#[catalog(catalog = Payments, code = "rate_limit", status = 429, message = "Too many requests", retryable = true)]
pub struct RateLimit;

fn rustc_page() -> String {
    render::markdown(<Rustc as ErrorCatalog>::INFO, &registry::modules_of::<Rustc>())
}

#[test]
fn a_flat_catalog_page_lists_its_codes_links_and_retired_ones() {
    let page = rustc_page();
    assert!(page.contains("Error codes follow the format `E{CODE}` where:\n- **CODE**: Four-digit error number\n"));
    assert!(!page.contains("## Modules"), "{page}");
    assert!(page.contains("## Codes\n"), "{page}");
    assert!(page.contains(
        "| [`E0308`](https://doc.rust-lang.org/error_codes/E0308.html) | `MismatchedTypes` | mismatched types\
         <br/>*Expected type did not match the received type.* | error | no |"
    ));
    // Its own words: a column for the severity and the retry, none for a status.
    assert!(page.contains("| Code | Class | Message | Severity | Retryable |\n"), "{page}");
    assert!(page.contains("<br/>Also: `E0005Alias`"));
    assert!(page.contains(
        "## Retired Codes\n\nA retired code is never used again.\n\n| Code | Successor | Note |\n\
         |------|-----------|------|\n\
         | `E0001` | [`E0005`](https://doc.rust-lang.org/error_codes/E0005.html) | merged into E0005 |\n"
    ));
}

#[test]
fn text_codes_in_groups_and_without_one() {
    let modules = registry::modules_of::<Payments>();
    let groups: Vec<(bool, Vec<&str>)> = modules
        .iter()
        .map(|(module, entries)| (module.is_ungrouped(), entries.iter().map(|entry| entry.code()).collect()))
        .collect();
    assert_eq!(groups, [(false, vec!["card_declined"]), (true, vec!["rate_limit"])]);
    let page = render::markdown(<Payments as ErrorCatalog>::INFO, &modules);
    assert!(page.contains("- **CODE**: a word in snake_case, like `card_declined`\n"), "{page}");
    // A group of text codes is known by its name: no word, no number.
    assert!(page.contains("## Groups\n\n- **Card errors**\n"), "{page}");
    assert!(page.find("## Card errors\n").unwrap() < page.find("## Codes").unwrap());
    // An HTTP catalog with a code that says whether to retry: both columns.
    assert!(page.contains("| Code | Class | Status | Message | Retryable |\n"), "{page}");
    let json: serde_json::Value =
        serde_json::to_value(render::Document::new(<Payments as ErrorCatalog>::INFO, &modules)).unwrap();
    assert_eq!(json["catalog"]["shape"], "text");
    assert_eq!(json["modules"].as_array().map(Vec::len), Some(1));
    assert_eq!(json["entries"][1]["code"], "rate_limit");
    assert_eq!(json["entries"][1]["module"], serde_json::Value::Null);
    assert_eq!(json["entries"][1]["retryable"], true);
    assert_eq!(json["entries"][1]["status"], 429);
}

#[test]
fn a_catalog_outside_http_has_no_statuses_in_its_document() {
    let modules = registry::modules_of::<Rustc>();
    let json = serde_json::to_value(render::Document::new(<Rustc as ErrorCatalog>::INFO, &modules)).unwrap();
    assert_eq!(json["catalog"]["http"], false);
    assert_eq!(json["catalog"]["default_status"], serde_json::Value::Null);
    assert!(json["entries"].as_array().unwrap().iter().all(|entry| entry["status"].is_null()));
    assert_eq!(json["entries"][0]["url"], "https://doc.rust-lang.org/error_codes/E0005.html");
    assert_eq!(
        json["retired"][0],
        serde_json::json!({"code": "E0001", "successor": "E0005", "note": "merged into E0005"})
    );
    assert_eq!(MismatchedTypes.entry().http_status(), None);
}

#[test]
fn a_template_sees_every_fact() {
    let source = "# {{ catalog.api }} ({{ catalog.shape }})\n\
        {% for module in modules %}## {{ module.name }}\n\
        {% for e in module.entries %}- {{ e.code }} {{ e.class }} {{ e.status }}\n{% endfor %}{% endfor %}\
        ## Other\n{% for e in ungrouped %}- {{ e.code }} retry={{ e.retryable }}\n{% endfor %}";
    // minijinja writes booleans as Jinja does: `True`.
    let page = render::template(source, <Payments as ErrorCatalog>::INFO, &registry::modules_of::<Payments>()).unwrap();
    assert_eq!(
        page,
        "# Payments API (text)\n## Card errors\n- card_declined CardDeclined 402\n## Other\n- rate_limit retry=True\n"
    );
    let rustc = render::template(
        "{% for r in retired %}{{ r.code }} -> {{ r.successor }}: {{ r.note }}{% endfor %}|\
         {% for e in entries %}{{ e.code }}={{ e.severity }},{{ e.aliases | join(\",\") }};{% endfor %}",
        <Rustc as ErrorCatalog>::INFO,
        &registry::modules_of::<Rustc>(),
    )
    .unwrap();
    assert_eq!(rustc, "E0001 -> E0005: merged into E0005|E0005=None,E0005Alias;E0308=error,;");
}

#[test]
fn a_template_is_not_html_escaped() {
    let page = render::template(
        "{{ catalog.api }} <{{ \"&\" }}>",
        <Rustc as ErrorCatalog>::INFO,
        &registry::modules_of::<Rustc>(),
    )
    .unwrap();
    assert_eq!(page, "rustc <&>");
}

#[test]
fn a_broken_template_is_an_error_that_names_its_line() {
    let error: TemplateError =
        render::template("ok\n{% for e in entries %}", <Rustc as ErrorCatalog>::INFO, &registry::modules_of::<Rustc>())
            .unwrap_err();
    let text = error.to_string();
    assert!(text.starts_with("the catalog template failed: "), "{text}");
    assert!(text.contains("line 2"), "{text}");
    let error = render::template(
        "{{ entries | no_such_filter }}",
        <Rustc as ErrorCatalog>::INFO,
        &registry::modules_of::<Rustc>(),
    )
    .unwrap_err();
    assert!(error.to_string().contains("no_such_filter"), "{error}");
}

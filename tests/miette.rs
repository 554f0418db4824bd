//! Feature `miette`: every catalog error is a `miette::Diagnostic` whose
//! code, URL, help and severity come from the catalog, and miette's own
//! graphical handler prints them (the output the README shows).

use error_catalog::{CatalogError, ErrorCatalog};
use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, Severity};

mod linked {
    use super::{CatalogError, ErrorCatalog};

    /// A catalog whose every code has a page.
    #[derive(ErrorCatalog)]
    #[catalog(format = "ERR-{module:02}-{code:03}", link_template = "https://docs.example.com/errors/{code}.html")]
    pub enum Catalog {
        #[module(1, name = "Deploy")]
        Deploy,
    }

    /// Raised when a CVM name already exists in the workspace.
    #[derive(Debug, CatalogError)]
    #[catalog(
        catalog = Catalog,
        module = 1,
        code = 4,
        status = 409,
        message = "A CVM with name '{name}' already exists",
        suggestion = "Choose another name",
        suggestion = "Or delete the existing CVM first",
        link(url = "https://elsewhere.example.com/duplicates", label = "Duplicates")
    )]
    pub struct DuplicateCvmNameError {
        #[catalog(detail)]
        pub name: String,
    }

    /// The severities, one per variant.
    #[derive(Debug, CatalogError)]
    #[catalog(catalog = Catalog, module = 1)]
    pub enum Graded {
        /// Raised as an error.
        #[catalog(code = 10, severity = "error")]
        Failed,
        /// Raised as a warning.
        #[catalog(code = 11, severity = "warning")]
        Degraded,
        /// Raised for information.
        #[catalog(code = 12, severity = "info")]
        Noted,
        /// Raised on success.
        #[catalog(code = 13, severity = "success")]
        Done,
        /// Raised without a severity.
        #[catalog(code = 14)]
        Unstated,
    }
}

mod unlinked {
    use super::{CatalogError, ErrorCatalog};

    /// A catalog without pages.
    #[derive(ErrorCatalog)]
    #[catalog(format = "E{code:04}")]
    pub enum Catalog {}

    /// Raised with a link of its own.
    #[derive(Debug, CatalogError)]
    #[catalog(
        catalog = Catalog,
        code = 308,
        link(url = "https://doc.example.com/E0308", label = "E0308"),
        link(url = "https://second.example.com", label = "2")
    )]
    pub struct Mismatched;

    /// Raised with nothing to point at.
    #[derive(Debug, CatalogError)]
    #[catalog(catalog = Catalog, code = 309)]
    pub struct Bare;
}

fn text(value: Option<Box<dyn std::fmt::Display + '_>>) -> Option<String> {
    value.map(|value| value.to_string())
}

#[test]
fn the_code_url_and_help_are_the_catalogs() {
    let error = linked::DuplicateCvmNameError { name: "web-1".into() };
    assert_eq!(text(Diagnostic::code(&error)).as_deref(), Some("ERR-01-004"));
    // The catalog's page wins over the code's own link.
    assert_eq!(text(Diagnostic::url(&error)).as_deref(), Some("https://docs.example.com/errors/ERR-01-004.html"));
    assert_eq!(
        text(Diagnostic::help(&error)).as_deref(),
        Some("Choose another name\nOr delete the existing CVM first")
    );
    assert_eq!(Diagnostic::severity(&error), None);
}

#[test]
fn without_a_template_the_url_is_the_codes_first_link_or_none() {
    assert_eq!(text(Diagnostic::url(&unlinked::Mismatched)).as_deref(), Some("https://doc.example.com/E0308"));
    assert_eq!(text(Diagnostic::code(&unlinked::Mismatched)).as_deref(), Some("E0308"));
    assert_eq!(text(Diagnostic::url(&unlinked::Bare)), None);
    assert_eq!(text(Diagnostic::help(&unlinked::Bare)), None);
}

#[test]
fn each_severity_is_miettes_nearest_level() {
    use linked::Graded;
    let levels: Vec<Option<Severity>> =
        [Graded::Failed, Graded::Degraded, Graded::Noted, Graded::Done, Graded::Unstated]
            .iter()
            .map(Diagnostic::severity)
            .collect();
    assert_eq!(
        levels,
        [Some(Severity::Error), Some(Severity::Warning), Some(Severity::Advice), Some(Severity::Advice), None]
    );
    assert_eq!(text(Diagnostic::code(&Graded::Degraded)).as_deref(), Some("ERR-01-011"));
}

#[test]
fn miettes_graphical_report_shows_the_catalogs_facts() {
    let error = linked::DuplicateCvmNameError { name: "web-1".into() };
    let mut out = String::new();
    GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_links(false)
        .render_report(&mut out, &error)
        .unwrap();
    assert_eq!(
        out,
        "ERR-01-004 (https://docs.example.com/errors/ERR-01-004.html)\n\n  × A CVM with name 'web-1' already exists\n  help: Choose another name\n        Or delete the existing CVM first\n"
    );
    // Through a `miette::Report`, as a program's `main` returns it.
    let report = miette::Report::new(error);
    assert_eq!(text(report.code()).as_deref(), Some("ERR-01-004"));
}

//! The generated clients: the committed TypeScript and Python modules are
//! what the code renders (`ERROR_CATALOG_BLESS=1` rewrites them), for the
//! Phala catalog, for a catalog of edge cases and for a catalog without
//! codes. `tests/clients/run.sh` checks the same files with `tsc` and
//! `python3`.

#[path = "../examples/phala.rs"]
#[allow(dead_code)]
pub mod phala;

use error_catalog::render::{python, typescript};
use error_catalog::testing::assert_file_current;
use error_catalog::{Entry, ErrorCatalog, ModuleInfo};

// The derives name `crate::Catalog`; the example's catalog is in `phala`.
use phala::Catalog;

/// What a catalog may hold that is no identifier, or no safe text, in
/// TypeScript or Python: class names that are keywords, builtins, the
/// generated module's own names, or not ASCII; two names alike once made
/// identifiers; a class that owns two codes; text that would end a string
/// or a comment; and a format that writes quotes, a backslash and a line
/// separator into every code.
pub mod edges {
    use error_catalog::{CatalogError, ErrorCatalog};

    /// The catalog of edge cases.
    #[derive(ErrorCatalog)]
    #[catalog(
        format = "E\"\\'é{module:02}\u{2028}{code:03}",
        default_status = 400,
        api = "the \"edges\" API */ \"\"\"\n# end"
    )]
    pub enum Edges {
        #[module(1, name = "Names")]
        Names,
        #[module(2, name = "Texts */")]
        Texts,
        #[module(3, name = "CVM Operations")]
        CvmOperations,
    }

    /// Class names that are not identifiers as they are.
    #[derive(Debug, CatalogError)]
    #[catalog(catalog = super::edges::Edges, module = 1)]
    pub enum Names {
        /// A Python keyword.
        #[catalog(code = 1, name = "class")]
        Keyword,
        /// A Python constant.
        #[catalog(code = 2, name = "None")]
        Constant,
        /// The generated module's base class.
        #[catalog(code = 3, name = "CatalogError")]
        Base,
        /// A builtin the generated module calls.
        #[catalog(code = 4, name = "str")]
        Builtin,
        /// A leading digit.
        #[catalog(code = 5, name = "1Bad")]
        Digit,
        /// Not ASCII.
        #[catalog(code = 6, name = "Ошибка")]
        Cyrillic,
        /// The same identifier as the next one.
        #[catalog(code = 7, name = "Foo-Error")]
        Dash,
        /// The same identifier as the previous one.
        #[catalog(code = 8, name = "Foo_Error")]
        Underscore,
        /// A special key of JavaScript objects.
        #[catalog(code = 9, name = "__proto__")]
        Proto,
        /// A builtin the module does not use: kept, and left out of `__all__`.
        #[catalog(code = 10, name = "print")]
        Print,
    }

    /// Text that ends a string, a comment or a line, or hides, in TypeScript or Python.
    #[derive(Debug, CatalogError)]
    #[catalog(
        catalog = super::edges::Edges,
        module = 2,
        code = 1,
        status = 599,
        name = "Texts */",
        message = "\" ' \\ {{braces}} ${{x}} `tick` */ \"\"\" line\nbreak\r\ttab nul\0 ls\u{2028} rlo\u{202e} é 😀 {value}",
        description = "ends */ // # \"\"\" '''\n<script>\u{2029}",
        suggestion = "try \"again\"\n",
        link(url = "https://example.com/?q=\"*/", label = "docs\u{2028}")
    )]
    pub struct Texts {
        /// Its detail name needs escaping too.
        #[catalog(detail = "a \"quoted\" field\n")]
        pub value: String,
    }

    /// One class name, two codes: the Phala API's `CvmNotInWorkspaceError`,
    /// whose second code hides whether the CVM exists.
    #[derive(Debug, CatalogError)]
    #[catalog(catalog = super::edges::Edges, module = 3)]
    pub enum CvmNotInWorkspaceError {
        /// Raised when the CVM is in another workspace of the caller.
        #[catalog(
            code = 3,
            status = 403,
            name = "CvmNotInWorkspaceError",
            message = "CVM '{cvm}' is not in workspace '{workspace}'"
        )]
        Revealed {
            #[catalog(detail)]
            cvm: String,
            #[catalog(detail)]
            workspace: String,
        },
        /// Raised when the CVM is in a workspace the caller cannot see.
        #[catalog(code = 4, status = 404, name = "CvmNotInWorkspaceError", message = "The requested CVM was not found")]
        Hidden,
    }
}

use edges::Edges;

fn data(file: &str) -> String {
    format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"))
}

fn edge_modules() -> Vec<(&'static ModuleInfo, &'static [&'static Entry])> {
    error_catalog::registry::modules_of::<Edges>()
}

/// The catalog of edge cases with its modules and no code.
fn empty_modules() -> Vec<(&'static ModuleInfo, &'static [&'static Entry])> {
    edge_modules().into_iter().map(|(module, _)| (module, &[][..])).collect()
}

#[test]
fn the_committed_typescript_is_current() {
    assert_file_current(data("phala-catalog.ts"), &phala::typescript());
    assert_file_current(data("edges-catalog.ts"), &typescript::source(Edges::INFO, &edge_modules()));
    assert_file_current(data("empty-catalog.ts"), &typescript::source(Edges::INFO, &empty_modules()));
}

#[test]
fn the_committed_python_is_current() {
    assert_file_current(data("phala_catalog.py"), &phala::python());
    assert_file_current(data("edges_catalog.py"), &python::source(Edges::INFO, &edge_modules()));
    assert_file_current(data("empty_catalog.py"), &python::source(Edges::INFO, &empty_modules()));
}

#[test]
fn every_text_of_the_catalog_is_escaped() {
    for module in [typescript::source(Edges::INFO, &edge_modules()), python::source(Edges::INFO, &edge_modules())] {
        assert!(module.bytes().all(|byte| byte == b'\n' || (b' '..=b'~').contains(&byte)), "{module}");
        // The API's line feed, raw, would end the header comment.
        assert!(!module.contains("\n# end"), "{module}");
    }
    let ts = typescript::source(Edges::INFO, &edge_modules());
    assert!(
        ts.starts_with("// The error codes of the \"edges\" API */ \"\"\"?# end (catalog Edges), generated"),
        "{ts}"
    );
    assert!(ts.contains(r#"  "E\"\\'\u00e903\u2028004": {"#), "{ts}");
}

#[test]
fn python_classes_are_identifiers_and_a_class_owns_its_codes() {
    let module = python::source(Edges::INFO, &edge_modules());
    let classes: Vec<&str> = module.lines().filter(|line| line.starts_with("class ")).collect();
    assert_eq!(
        classes,
        [
            "class ErrorCode(str, enum.Enum):",
            "class Detail(typing.NamedTuple):",
            "class Link(typing.NamedTuple):",
            "class CatalogError(Exception):",
            "class class_(CatalogError):",
            "class None_(CatalogError):",
            "class CatalogError_(CatalogError):",
            "class str_(CatalogError):",
            "class Error_1Bad(CatalogError):",
            "class Error_______(CatalogError):",
            "class Foo_Error(CatalogError):",
            "class Foo_Error_2(CatalogError):",
            "class Error___proto__(CatalogError):",
            "class print(CatalogError):",
            "class Texts___(CatalogError):",
            "class CvmNotInWorkspaceError(CatalogError):",
        ]
    );
    assert!(module.contains(
        "class CvmNotInWorkspaceError(CatalogError):\n    codes = (ErrorCode.E____03_003, ErrorCode.E____03_004)\n"
    ));
    assert!(module.contains("    \"E\\\"\\\\'\\xe903\\u2028004\": CvmNotInWorkspaceError,\n"), "{module}");
    // `from edges_catalog import *` brings the API and the classes, not `print`.
    let all = &module[module.find("\n__all__ = [\n").expect("__all__")..];
    assert!(all.starts_with("\n__all__ = [\n    \"ErrorCode\",\n    \"CatalogError\",\n"), "{all}");
    assert!(all.contains("\n    \"Foo_Error_2\",\n") && all.contains("\n    \"Texts___\",\n"), "{all}");
    assert!(!all.contains("\"print\""), "{all}");
}

#[test]
fn a_code_of_every_variant_is_in_both_modules() {
    let ts = phala::typescript();
    let py = phala::python();
    for error in phala::all() {
        let code = error.code_str();
        assert!(ts.contains(&format!("  | \"{code}\"")), "{code}");
        assert!(ts.contains(&format!(
            "  \"{code}\": {{\n    status: {},\n    name: \"{}\",",
            error.status(),
            error.class_name()
        )));
        let member = code.replace('-', "_");
        assert!(
            py.contains(&format!("    {member} = (\n        \"{code}\",\n        {},\n", error.status())),
            "{code}"
        );
        assert!(py.contains(&format!("    \"{code}\": {},\n", error.class_name())), "{code}");
    }
    // A code given twice keeps its first entry.
    let modules = error_catalog::registry::modules_of::<Catalog>();
    let (module, entries) = modules[0];
    let twice = [(module, entries), (module, entries)];
    assert_eq!(typescript::source(Catalog::INFO, &twice), typescript::source(Catalog::INFO, &twice[..1]));
    assert_eq!(python::source(Catalog::INFO, &twice), python::source(Catalog::INFO, &twice[..1]));
}

/// A catalog whose codes state a severity and whether to retry, and link
/// to their pages.
pub mod stated {
    use error_catalog::{CatalogError, ErrorCatalog};

    #[derive(ErrorCatalog)]
    #[catalog(format = "{code:snake_case}", link_template = "https://docs.example.com/errors/{code}")]
    pub enum Stated {}

    #[derive(Debug, CatalogError)]
    #[catalog(catalog = Stated, code = "rate_limited", status = 429, message = "Slow down",
              severity = "warning", retryable = true)]
    pub struct RateLimited;

    #[derive(Debug, CatalogError)]
    #[catalog(catalog = Stated, code = "card_declined", status = 402, message = "Declined", retryable = false)]
    pub struct CardDeclined;
}

#[test]
fn both_modules_carry_severity_retryable_and_the_page() {
    let _ = (stated::RateLimited, stated::CardDeclined);
    let info = <stated::Stated as ErrorCatalog>::INFO;
    let modules = error_catalog::registry::modules_of::<stated::Stated>();
    let ts = typescript::source(info, &modules);
    for line in [
        "  readonly severity: string | null;",
        "  readonly retryable: boolean | null;",
        "  readonly url: string | null;",
        "    severity: \"warning\",",
        "    retryable: true,",
        "    url: \"https://docs.example.com/errors/rate_limited\",",
        "    severity: null,",
        "    retryable: false,",
    ] {
        assert!(ts.lines().any(|l| l == line), "{line:?} not in\n{ts}");
    }
    let py = python::source(info, &modules);
    assert!(
        py.contains("        (),\n        \"warning\",\n        True,\n        \"https://docs.example.com/errors/rate_limited\",\n    )"),
        "{py}"
    );
    assert!(
        py.contains("        None,\n        False,\n        \"https://docs.example.com/errors/card_declined\",\n    )")
    );
    assert!(py.contains(
        "    severity: typing.Optional[str]\n    retryable: typing.Optional[bool]\n    url: typing.Optional[str]\n"
    ));
}

//! A command-line program that reports its errors with miette: the code,
//! the help and the documentation URL come from the catalog.
//!
//! `cargo run --example cli --features miette -- deploy web-1` fails with
//! `ERR-01-004` (a CVM of that name exists); `-- deploy` alone fails with
//! `ERR-03-001`, `-- deploy new-app` succeeds. miette prints the report in
//! colour on a terminal and as plain text elsewhere (`NO_COLOR=1` too).

use error_catalog::{CatalogError, ErrorCatalog};

/// The catalog of the example: two modules of Phala-shaped codes, each
/// with its page under `link_template`.
#[derive(ErrorCatalog)]
#[catalog(
    format = "ERR-{module:02}-{code:03}",
    link_template = "https://docs.phala.network/phala-cloud/references/error-codes#{code}"
)]
pub enum Catalog {
    #[module(1, name = "CVM API / Preflight")]
    Preflight,
    #[module(3, name = "Compose")]
    Compose,
}

/// Raised when a CVM name already exists in the workspace.
#[derive(Debug, CatalogError)]
#[catalog(
    module = 1,
    code = 4,
    status = 409,
    message = "A CVM with name '{name}' already exists",
    suggestion = "Choose another name, or delete the existing CVM first"
)]
pub struct DuplicateCvmNameError {
    #[catalog(detail)]
    pub name: String,
}

/// Raised when a deployment names no CVM.
#[derive(Debug, CatalogError)]
#[catalog(
    module = 3,
    code = 1,
    severity = "error",
    message = "A CVM name is required",
    suggestion = "Pass the name: `cli deploy NAME`"
)]
pub struct NameRequiredError;

/// The names taken in this example's pretend workspace.
const TAKEN: &[&str] = &["web-1", "db-1"];

fn deploy(name: Option<&str>) -> Result<String, Box<dyn miette::Diagnostic + Send + Sync>> {
    let Some(name) = name else { return Err(Box::new(NameRequiredError)) };
    if TAKEN.contains(&name) {
        return Err(Box::new(DuplicateCvmNameError { name: name.to_owned() }));
    }
    Ok(format!("deployed {name}"))
}

fn main() -> miette::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("deploy") => {
            let done = deploy(args.get(1).map(String::as_str)).map_err(miette::Report::new_boxed)?;
            println!("{done}");
            Ok(())
        }
        _ => {
            println!("usage: cli deploy [NAME]");
            Ok(())
        }
    }
}

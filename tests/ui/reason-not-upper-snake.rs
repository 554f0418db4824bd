use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(1, name = "CVM API / Preflight")]
    Preflight,
}

#[derive(Debug, CatalogError)]
#[catalog(module = 1, code = 4, status = 409, reason = "duplicate-name")]
pub struct DuplicateCvmNameError;

fn main() {}

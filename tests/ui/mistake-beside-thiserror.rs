use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(1, name = "CVM API / Preflight")]
    Preflight,
}

// One mistake, one error: the stand-in impls leave `Display` and `Error` to
// thiserror, so nothing else is reported.
#[derive(Debug, thiserror::Error, CatalogError)]
#[error("node {id} is gone")]
#[catalog(display = false, module = 0, code = 1)]
pub struct NodeNotFoundError {
    pub id: u64,
}

fn main() {}

use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(1, name = "CVM API / Preflight")]
    Preflight,
    #[module(2, name = "Inventory")]
    Inventory,
}

#[derive(Debug, CatalogError)]
#[catalog(module = 1, code = 4, message = "CVMs {names} already exist")]
pub struct DuplicateCvmNameError {
    #[catalog(detail)]
    pub names: Vec<String>,
}

fn main() {}

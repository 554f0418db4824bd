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
#[catalog(module = 1, code = 1, stauts = 404)]
pub struct NodeNotFoundError;

fn main() {}

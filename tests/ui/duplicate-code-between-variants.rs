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
#[catalog(module = 2)]
pub enum InventoryError {
    #[catalog(code = 3)]
    InsufficientVcpu,
    #[catalog(code = 3)]
    InsufficientMemory,
}

fn main() {}

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
#[catalog(module = 2, code = 1, status = 404)]
pub struct InstanceTypeNotFoundError;

#[derive(Debug, CatalogError)]
#[catalog(module = 2)]
pub enum InventoryError {
    #[catalog(code = 2)]
    ResourceNotAvailable,
    #[catalog(code = 1)]
    InstanceTypeMissing,
}

fn main() {}

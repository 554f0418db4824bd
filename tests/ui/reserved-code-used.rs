use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(4, name = "Workspace", reserved(10))]
    Workspace,
}

#[derive(Debug, CatalogError)]
#[catalog(module = 4, code = 10)]
pub struct BillingFrozenError;

fn main() {}

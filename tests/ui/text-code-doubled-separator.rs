use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "{code:snake_case}", default_status = 400)]
pub enum Catalog {}

#[derive(Debug, CatalogError)]
#[catalog(code = "invalid__request", message = "Invalid request")]
pub struct InvalidRequest;

fn main() {}

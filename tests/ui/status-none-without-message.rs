use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "{code}", default_status = 400)]
pub enum Catalog {}

// Without a status there is no reason phrase to take the message from.
#[derive(Debug, CatalogError)]
#[catalog(code = 30007, status = none)]
pub struct MessageFiltered;

fn main() {}

use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "E{code:04}", http = false)]
pub enum Catalog {}

// No status, so no reason phrase to fall back on: the message is required.
#[derive(Debug, CatalogError)]
#[catalog(code = 308)]
pub struct MismatchedTypes;

fn main() {}

use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "E{code:04}", http = false)]
pub enum Catalog {}

#[derive(Debug, CatalogError)]
#[catalog(code = 308, message = "mismatched types")]
pub struct MismatchedTypes;

#[derive(Debug, CatalogError)]
#[catalog(code = 308, message = "types differ")]
pub struct TypesDiffer;

fn main() {}

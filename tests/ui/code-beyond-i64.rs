use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "{code}", http = false)]
pub enum Catalog {}

#[derive(Debug, CatalogError)]
#[catalog(code = 9223372036854775808, message = "Huge")]
pub struct Huge;

fn main() {}

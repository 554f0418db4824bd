use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "{code}", http = false)]
pub enum Catalog {}

// Numbers start at 1 unless the catalog says `start = 0`.
#[derive(Debug, CatalogError)]
#[catalog(code = 0, message = "Not an error; returned on success")]
pub struct Ok;

fn main() {}

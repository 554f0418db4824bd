use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "{class:A2}{subclass:A3}", http = false)]
pub enum Catalog {}

// SQLSTATE parts are 0-9 and A-Z: `22p02` has a lowercase letter.
#[derive(Debug, CatalogError)]
#[catalog(code = "22p02", message = "invalid input syntax")]
pub struct InvalidTextRepresentation;

fn main() {}

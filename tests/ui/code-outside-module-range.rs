use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "{code}", start = -32768, http = false)]
pub enum Catalog {
    #[module("server", range(-32099, -32000), name = "Server errors")]
    Server,
}

// -32700 is not a server error.
#[derive(Debug, CatalogError)]
#[catalog(module = "server", code = -32700, message = "Parse error")]
pub struct ParseError;

fn main() {}

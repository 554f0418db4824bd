use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(1, name = "CVM API / Preflight")]
    Preflight,
}

// A field named in the public message reaches every client: it must be
// declared public.
#[derive(Debug, CatalogError)]
#[catalog(module = 1, code = 4, status = 403, message = "Token {token} rejected")]
pub struct TokenRejectedError {
    pub token: String,
}

fn main() {}

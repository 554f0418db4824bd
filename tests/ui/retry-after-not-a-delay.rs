use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(5, name = "Limits")]
    Limits,
}

#[derive(Debug, CatalogError)]
#[catalog(module = 5, code = 1, status = 429)]
pub struct RateLimitedError {
    #[catalog(retry_after)]
    pub wait: String,
}

fn main() {}

use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(5, name = "Limits")]
    Limits,
}

// A fixed delay and a field: which one?
#[derive(Debug, CatalogError)]
#[catalog(module = 5, code = 1, status = 429, retry_after = 30)]
pub struct RateLimitedError {
    #[catalog(retry_after)]
    pub wait: std::time::Duration,
}

// Two fields: which one?
#[derive(Debug, CatalogError)]
#[catalog(module = 5, code = 2, status = 429)]
pub struct ThrottledError {
    #[catalog(retry_after)]
    pub wait: std::time::Duration,
    #[catalog(retry_after)]
    pub backoff: std::time::Duration,
}

fn main() {}

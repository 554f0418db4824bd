use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(5, name = "Limits")]
    Limits,
}

// A delay says when to retry; `retryable = false` says never.
#[derive(Debug, CatalogError)]
#[catalog(module = 5, code = 1, status = 503, retryable = false, retry_after = 30)]
pub struct MaintenanceError;

#[derive(Debug, CatalogError)]
#[catalog(module = 5, retryable = false)]
pub enum QuotaError {
    #[catalog(code = 2)]
    Draining {
        #[catalog(retry_after)]
        seconds: u64,
    },
}

fn main() {}

use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(5, name = "Limits")]
    Limits,
}

#[derive(Debug, CatalogError)]
#[catalog(module = 5, code = 1, retry_after = 0)]
pub struct Zero;

#[derive(Debug, CatalogError)]
#[catalog(module = 5, code = 2, retry_after = 100000)]
pub struct TooLong;

#[derive(Debug, CatalogError)]
#[catalog(module = 5, code = 3, retry_after = "30")]
pub struct Text;

// On a type, the delay is a number of seconds.
#[derive(Debug, CatalogError)]
#[catalog(module = 5, code = 4, retry_after)]
pub struct NoValue;

// On a field, the field is the delay.
#[derive(Debug, CatalogError)]
#[catalog(module = 5, code = 5)]
pub struct FieldWithValue {
    #[catalog(retry_after = 30)]
    pub wait: std::time::Duration,
}

fn main() {}

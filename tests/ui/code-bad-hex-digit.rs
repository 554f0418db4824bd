use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "0x{code:X8}", http = false)]
pub enum Catalog {}

// `G` is no hex digit.
#[derive(Debug, CatalogError)]
#[catalog(code = 0x8007000G, message = "Access denied")]
pub struct AccessDenied;

fn main() {}

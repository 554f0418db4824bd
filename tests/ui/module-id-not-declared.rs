use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "{module:A2}{code:A3}", http = false)]
pub enum Catalog {
    #[module("0A", name = "Class 0A - Feature Not Supported")]
    FeatureNotSupported,
}

#[derive(Debug, CatalogError)]
#[catalog(module = "HV", code = "HV000", message = "fdw_error")]
pub struct FdwError;

fn main() {}

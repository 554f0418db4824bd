use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "{code:PascalCase}", default_status = 500)]
pub enum Catalog {}

// Kubernetes' `StatusReasonUnknown` is the empty reason.
#[derive(Debug, CatalogError)]
#[catalog(code = "", message = "Unknown")]
pub struct Unknown;

fn main() {}

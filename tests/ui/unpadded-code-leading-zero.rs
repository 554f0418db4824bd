use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "{class}.{subject}.{detail}", http = false, start = 0)]
pub enum Catalog {}

// Unpadded parts have no leading zero: the catalog writes `5.7.1`, and
// could not read `5.07.1` back as the same code.
#[derive(Debug, CatalogError)]
#[catalog(code = "5.07.1", message = "Delivery not authorized, message refused")]
pub struct NotAuthorized;

fn main() {}

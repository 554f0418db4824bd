use error_catalog::{CatalogError, ErrorCatalog};

// One mistake in the catalog: the only error of the build. The two error
// types checked against it add nothing (the catalog's stand-in declares
// every module and accepts every code).
#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{cod:03}")]
pub enum Catalog {
    #[module(1, name = "CVM API / Preflight")]
    Preflight,
}

#[derive(Debug, CatalogError)]
#[catalog(module = 1, code = 1, status = 404, message = "The requested node is not available")]
pub struct NodeNotFoundError;

#[derive(Debug, CatalogError)]
#[catalog(module = 1, code = 4, status = 409, message = "A CVM with name '{name}' already exists")]
pub struct DuplicateCvmNameError {
    #[catalog(detail)]
    pub name: String,
}

fn main() {
    let _ = NodeNotFoundError.code();
}

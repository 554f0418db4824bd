use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(3, name = "CVM Operations", retired(3, 4))]
    CvmOperations,
}

// ERR-03-003 was published once and retired: it never comes back.
#[derive(Debug, CatalogError)]
#[catalog(module = 3, code = 3, status = 404)]
pub struct CvmStoppedError;

fn main() {}

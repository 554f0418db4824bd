use error_catalog::ErrorCatalog;

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(1, name = "CVM API / Preflight")]
    Preflight,
    #[module(2, name = "Inventory")]
    Inventory,
}

mod cvm {
    use error_catalog::CatalogError;

    #[derive(Debug, CatalogError)]
    #[catalog(module = 1, code = 4, status = 409)]
    pub struct DuplicateCvmNameError;
}

mod compose {
    use error_catalog::CatalogError;

    #[derive(Debug, CatalogError)]
    #[catalog(module = 1, code = 4)]
    pub struct ComposeFileRequiredError;
}

fn main() {}

use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "{code}", start = -32899, http = false)]
pub enum Catalog {
    #[module(range(-32899, -32800), name = "LSP errors", reserved(range(-32899, -32804)))]
    Lsp,
}

// LSP keeps -32899 to -32804 for codes it has not assigned yet.
#[derive(Debug, CatalogError)]
#[catalog(code = -32850, message = "Not yet assigned")]
pub struct Unassigned;

fn main() {}

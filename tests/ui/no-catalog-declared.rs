use error_catalog::CatalogError;

#[derive(Debug, CatalogError)]
#[catalog(module = 1, code = 1)]
pub struct NodeNotFoundError;

fn main() {}

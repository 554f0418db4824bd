use error_catalog::ErrorCatalog;

#[derive(ErrorCatalog)]
#[catalog(format = "{code:snake-case}")]
pub enum Catalog {}

fn main() {}

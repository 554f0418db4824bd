use error_catalog::ErrorCatalog;

// A snake_case word may contain `_`: where would it end?
#[derive(ErrorCatalog)]
#[catalog(format = "{code:snake_case}_error")]
pub enum Catalog {}

fn main() {}

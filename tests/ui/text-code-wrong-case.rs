use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "{code:snake_case}", default_status = 402)]
pub enum Catalog {}

// The catalog writes lower snake case: `CardDeclined` is not a code of it.
#[derive(Debug, CatalogError)]
#[catalog(code = "CardDeclined", message = "Your card was declined")]
pub struct CardDeclinedError;

fn main() {}

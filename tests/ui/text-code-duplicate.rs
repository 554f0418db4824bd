use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "{code:snake_case}", default_status = 402)]
pub enum Catalog {}

#[derive(Debug, CatalogError)]
#[catalog(code = "card_declined", message = "Your card was declined")]
pub struct CardDeclinedError;

// The same text code again, in another type: both attributes are shown.
#[derive(Debug, CatalogError)]
#[catalog(code = "card_declined", message = "The card was declined")]
pub struct DeclinedAgainError;

fn main() {}

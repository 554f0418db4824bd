use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "{code:snake_case}", default_status = 402)]
#[retired(code = "card_expired", successor = "expired_card", note = "renamed")]
pub enum Catalog {}

#[derive(Debug, CatalogError)]
#[catalog(code = "card_expired", message = "Your card has expired")]
pub struct CardExpired;

fn main() {}

use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "{code:SCREAMING_SNAKE_CASE}", http = false)]
pub enum Catalog {}

// Both are the same mistake, and get the same message, naming the case.
#[derive(Debug, CatalogError)]
#[catalog(code = "Bad_User_Input", message = "Bad user input")]
pub struct MixedCase;

#[derive(Debug, CatalogError)]
#[catalog(code = "_BAD_USER_INPUT", message = "Bad user input")]
pub struct LeadingUnderscore;

fn main() {}

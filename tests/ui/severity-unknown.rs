use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "{class:A2}{subclass:A3}", http = false)]
pub enum Catalog {}

#[derive(Debug, CatalogError)]
#[catalog(code = "01000", severity = "W", message = "warning")]
pub struct Warning;

fn main() {}

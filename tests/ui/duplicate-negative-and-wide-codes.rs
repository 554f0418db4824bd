use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "{code}", start = -32768, http = false)]
pub enum Catalog {}

#[derive(Debug, CatalogError)]
#[catalog(code = -32601, message = "Method not found")]
pub struct MethodNotFound;

#[derive(Debug, CatalogError)]
#[catalog(code = -32601, message = "No such method")]
pub struct NoSuchMethod;

#[derive(Debug, CatalogError)]
#[catalog(code = 2147942405, message = "Access denied")]
pub struct AccessDenied;

#[derive(Debug, CatalogError)]
#[catalog(code = 0x8007_0005, message = "Denied")]
pub struct Denied;

fn main() {}

use error_catalog::ErrorCatalog;

#[derive(ErrorCatalog)]
#[catalog(format = "E{code:04}", http = false, default_status = 400)]
pub enum Catalog {}

fn main() {}

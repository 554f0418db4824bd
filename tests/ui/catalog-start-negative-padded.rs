use error_catalog::ErrorCatalog;

// A padded number has no room for a sign.
#[derive(ErrorCatalog)]
#[catalog(format = "E{code:04}", start = -1, http = false)]
pub enum Catalog {}

fn main() {}

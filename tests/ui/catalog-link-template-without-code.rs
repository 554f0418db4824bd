use error_catalog::ErrorCatalog;

#[derive(ErrorCatalog)]
#[catalog(format = "E{code:04}", http = false, link_template = "https://doc.rust-lang.org/error_codes/")]
pub enum Catalog {}

fn main() {}

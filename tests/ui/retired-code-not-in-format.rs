use error_catalog::ErrorCatalog;

#[derive(ErrorCatalog)]
#[catalog(format = "E{code:04}", http = false)]
#[retired(code = "E001", note = "no longer emitted")]
pub enum Catalog {}

fn main() {}

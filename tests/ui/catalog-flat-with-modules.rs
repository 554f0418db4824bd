use error_catalog::ErrorCatalog;

#[derive(ErrorCatalog)]
#[catalog(format = "E{code:04}", http = false)]
pub enum Catalog {
    #[module(1, name = "Type checking")]
    Types,
}

fn main() {}

use error_catalog::ErrorCatalog;

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(1, name = "CVM API / Preflight", retired = 3)]
    Preflight,
}

fn main() {}

use error_catalog::ErrorCatalog;

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:01}-{code:03}")]
pub enum Catalog {
    #[module(10, name = "CVM API / Preflight")]
    Preflight,
}

fn main() {}

use error_catalog::ErrorCatalog;

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:020}")]
pub enum Catalog {
    #[module(1, name = "CVM API / Preflight")]
    Preflight,
}

fn main() {}

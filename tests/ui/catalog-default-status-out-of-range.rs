use error_catalog::ErrorCatalog;

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}", default_status = 40)]
pub enum Catalog {
    #[module(1, name = "CVM API / Preflight")]
    Preflight,
}

fn main() {}

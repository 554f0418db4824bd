use error_catalog::ErrorCatalog;

#[derive(ErrorCatalog)]
pub enum Catalog {
    #[module(1, name = "CVM API / Preflight")]
    Preflight,
}

fn main() {}

use error_catalog::ErrorCatalog;

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub union Catalog {
    module: u8,
}

fn main() {}

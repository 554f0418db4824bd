use error_catalog::ErrorCatalog;

#[derive(ErrorCatalog)]
#[catalog(format = "{code}", start = -32768, http = false)]
pub enum Catalog {
    #[module(range(-32768, -32000), name = "Pre-defined errors")]
    PreDefined,
    #[module(range(-32099, -32000), name = "Server errors")]
    Server,
    #[module(range(-5, 5), name = "Around zero", reserved(range(6, 9)))]
    AroundZero,
}

fn main() {}

use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(1, name = "CVM API / Preflight")]
    Preflight,
}

// A placeholder names the field as clients know it: `{type}`, not `{r#type}`.
#[derive(Debug, CatalogError)]
#[catalog(module = 1, code = 2, message = "Instance type {r#type} is unknown")]
pub struct UnknownTypeError {
    #[catalog(detail)]
    pub r#type: String,
}

fn main() {}

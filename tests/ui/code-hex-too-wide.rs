use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "0x{code:X4}", http = false)]
pub enum Catalog {}

// Four hexadecimal digits end at 0xFFFF.
#[derive(Debug, CatalogError)]
#[catalog(code = 0x1_0000, message = "Too wide")]
pub struct TooWide;

fn main() {}

use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "{code:PascalCase}", default_status = 404)]
pub enum Catalog {}

#[derive(Debug, CatalogError)]
pub enum StorageError {
    #[catalog(code = "NoSuchKey", message = "The specified key does not exist.")]
    NoSuchKey,
    #[catalog(code = "NoSuchKey", message = "The specified bucket does not exist.")]
    NoSuchBucket,
}

fn main() {}

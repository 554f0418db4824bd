use error_catalog::{CatalogError, ErrorCatalog};

#[derive(ErrorCatalog)]
#[catalog(format = "{module:A2}{code:A3}", http = false)]
pub enum Catalog {
    #[module("0A", name = "Class 0A - Feature Not Supported")]
    FeatureNotSupported,
    #[module("25", name = "Class 25 - Invalid Transaction State")]
    InvalidTransactionState,
}

// `25P02` is of class 25, not 0A.
#[derive(Debug, CatalogError)]
#[catalog(module = "0A", code = "25P02", message = "in_failed_sql_transaction")]
pub struct InFailedSqlTransaction;

fn main() {}

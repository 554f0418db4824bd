use error_catalog::ErrorCatalog;

// The format writes the class in two characters from 0-9 and A-Z.
#[derive(ErrorCatalog)]
#[catalog(format = "{module:A2}{code:A3}", http = false)]
pub enum Catalog {
    #[module("0a", name = "Class 0A - Feature Not Supported")]
    FeatureNotSupported,
    #[module("HVX", name = "Class HV - Foreign Data Wrapper Error")]
    ForeignDataWrapperError,
}

fn main() {}

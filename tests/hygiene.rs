//! The strict-lint fixture crate (`tests/fixtures/hygiene`) compiles under
//! denied warnings; here its errors behave as any other.

use error_catalog::CatalogError;
use hygiene::bare::{BareEnum, BareError};
use hygiene::{GenericError, ShadowedError};

#[test]
fn errors_of_a_renamed_dependency_behave() {
    let error = ShadowedError { name: "web".into(), internal: 7 };
    assert_eq!((error.code_str(), error.status()), ("ERR-01-001", 409));
    assert_eq!(error.message(), "Name 'web' is taken");
    assert_eq!(error.details().len(), 1);

    let error: GenericError<'_, u8> = GenericError::Invalid(3);
    assert_eq!((error.code_str(), error.message().as_ref()), ("ERR-01-002", "Value 3 is invalid"));
    let error: GenericError<'_, u8> = GenericError::Unknown { name: "db" };
    assert_eq!(error.to_string(), "Name db is unknown");
    let error: GenericError<'_, u8> = GenericError::Upstream(std::io::Error::other("timeout"));
    assert_eq!(error.message(), "Bad Gateway");
    assert_eq!(std::error::Error::source(&error).map(ToString::to_string).as_deref(), Some("timeout"));

    assert_eq!(BareError { id: 1 }.code_str(), "ERR-02-001");
    assert_eq!(BareEnum::Unit.class_name(), "BareUnitError");
    assert_eq!(BareEnum::Tuple(9).message(), "9 went wrong");
}

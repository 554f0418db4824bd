//! The derive keeps its own copies of two runtime tables, the gRPC codes
//! that `grpc = "..."` takes and the severities of `severity = "..."`
//! (a proc-macro crate cannot read the runtime's). This file proves that the
//! copies agree: each name below compiles only if the derive knows it, and
//! each test fails if the runtime has a name this file lacks.

use error_catalog::{CatalogError, ErrorCatalog, GrpcCode, Severity};

#[derive(ErrorCatalog)]
#[catalog(format = "T{code:02}", http = false)]
pub enum Catalog {}

macro_rules! grpc_errors {
    ($($ty:ident = $code:literal, $name:literal;)*) => {
        $(
            #[derive(Debug, CatalogError)]
            #[catalog(code = $code, grpc = $name, message = "m")]
            pub struct $ty;
        )*
        /// Every gRPC code name the derive took, with the code it gave.
        fn derived_grpc() -> Vec<(&'static str, Option<GrpcCode>)> {
            vec![$(($name, $ty.entry().grpc())),*]
        }
    };
}

grpc_errors! {
    G0 = 1, "OK";
    G1 = 2, "CANCELLED";
    G2 = 3, "UNKNOWN";
    G3 = 4, "INVALID_ARGUMENT";
    G4 = 5, "DEADLINE_EXCEEDED";
    G5 = 6, "NOT_FOUND";
    G6 = 7, "ALREADY_EXISTS";
    G7 = 8, "PERMISSION_DENIED";
    G8 = 9, "RESOURCE_EXHAUSTED";
    G9 = 10, "FAILED_PRECONDITION";
    G10 = 11, "ABORTED";
    G11 = 12, "OUT_OF_RANGE";
    G12 = 13, "UNIMPLEMENTED";
    G13 = 14, "INTERNAL";
    G14 = 15, "UNAVAILABLE";
    G15 = 16, "DATA_LOSS";
    G16 = 17, "UNAUTHENTICATED";
}

macro_rules! severity_errors {
    ($($ty:ident = $code:literal, $name:literal;)*) => {
        $(
            #[derive(Debug, CatalogError)]
            #[catalog(code = $code, severity = $name, message = "m")]
            pub struct $ty;
        )*
        fn derived_severities() -> Vec<(&'static str, Option<Severity>)> {
            vec![$(($name, $ty.entry().severity())),*]
        }
    };
}

severity_errors! {
    S0 = 50, "success";
    S1 = 51, "info";
    S2 = 52, "warning";
    S3 = 53, "error";
}

#[test]
fn the_derive_takes_every_grpc_code_the_runtime_has() {
    let derived = derived_grpc();
    for (name, code) in &derived {
        assert_eq!(code.map(GrpcCode::as_str), Some(*name), "the derive read `{name}` as another code");
    }
    // Every code of the runtime, by number: 0 to 16, and no more.
    let runtime: Vec<&str> = (0..).map_while(GrpcCode::from_number).map(GrpcCode::as_str).collect();
    let names: Vec<&str> = derived.iter().map(|(name, _)| *name).collect();
    assert_eq!(names, runtime);
}

#[test]
fn the_derive_takes_every_severity_the_runtime_has() {
    for (name, severity) in derived_severities() {
        assert_eq!(severity.map(Severity::as_str), Some(name));
    }
    // The runtime's own reader of severity names takes exactly these four.
    let names: Vec<&str> = derived_severities().iter().map(|(name, _)| *name).collect();
    let error = serde_json::from_str::<Severity>(r#""none""#).unwrap_err().to_string();
    for name in &names {
        assert!(error.contains(&format!("`{name}`")), "{error}");
    }
    assert_eq!(error.matches('`').count(), 2 * (names.len() + 1), "{error}");
}

//! Items the generated code needs. Not part of the public API: nothing here
//! follows semver.

pub use crate::entry::EntryParts;

use crate::catalog::CatalogInfo;
use crate::code::CodeText;
use crate::entry::{Detail, DetailValue};

/// Implemented by `#[derive(ErrorCatalog)]` for each declared module number.
#[diagnostic::on_unimplemented(
    message = "error module {M} is not declared in catalog `{Self}`",
    label = "module {M} is not declared",
    note = "declare it in the catalog enum: `#[module({M}, name = \"...\")]`"
)]
pub trait HasModule<const M: u16> {}

/// One implementation per code: a second one for the same module and code in
/// the same catalog is a conflict (E0119) that names both attributes.
///
/// The self type is one type per module, so the compiler's overlap check
/// compares a new code only with the codes of its own module, in buckets it
/// finds by type: the cost grows linearly with the number of modules' codes.
pub trait UniqueCode<C: ?Sized> {}

macro_rules! module_types {
    ($($module:ident)*) => {
        $(
            #[doc = "The codes of one module, for [`UniqueCode`]."]
            pub mod $module {
                #[doc = "A code of this module, for [`UniqueCode`](super::UniqueCode)."]
                pub struct Code<const CODE: u16>;
            }
        )*
    };
}

module_types!(module_01 module_02 module_03 module_04 module_05 module_06 module_07 module_08 module_09 module_10 module_11 module_12 module_13 module_14 module_15 module_16 module_17 module_18 module_19 module_20 module_21 module_22 module_23 module_24 module_25 module_26 module_27 module_28 module_29 module_30 module_31 module_32 module_33 module_34 module_35 module_36 module_37 module_38 module_39 module_40 module_41 module_42 module_43 module_44 module_45 module_46 module_47 module_48 module_49 module_50 module_51 module_52 module_53 module_54 module_55 module_56 module_57 module_58 module_59 module_60 module_61 module_62 module_63 module_64 module_65 module_66 module_67 module_68 module_69 module_70 module_71 module_72 module_73 module_74 module_75 module_76 module_77 module_78 module_79 module_80 module_81 module_82 module_83 module_84 module_85 module_86 module_87 module_88 module_89 module_90 module_91 module_92 module_93 module_94 module_95 module_96 module_97 module_98 module_99);

/// Emits the uniqueness impl; a build with `--cfg error_catalog_unchecked_codes`
/// leaves it out so that its cost can be measured.
#[cfg(not(error_catalog_unchecked_codes))]
#[macro_export]
#[doc(hidden)]
macro_rules! __unique_code {
    ($($impl:tt)*) => { $($impl)* };
}

#[cfg(error_catalog_unchecked_codes)]
#[macro_export]
#[doc(hidden)]
macro_rules! __unique_code {
    ($($impl:tt)*) => {};
}

pub use crate::__unique_code as unique_code;

/// Module `M`, which fails to compile, with the message of [`HasModule`],
/// when `C` does not declare it.
#[must_use]
pub const fn module<C: HasModule<M> + ?Sized, const M: u16>() -> u16 {
    M
}

/// Writes the code at compile time, failing the build when it does not fit
/// the format or the catalog retired or reserved it.
#[must_use]
pub const fn code_text(catalog: &CatalogInfo, module: u16, code: u16) -> CodeText {
    assert!(
        !catalog.is_retired(module, code),
        "error code is retired in the catalog: a retired code is never used again"
    );
    assert!(
        !catalog.is_reserved(module, code),
        "error code is reserved in the catalog: remove it from `reserved` to use it"
    );
    CodeText::new(catalog.format(), module, code)
}

/// A field named in a message: it must be `Display`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot appear in a catalog message: it does not implement `Display`",
    label = "this field is named in the message",
    note = "implement `Display` for it, or leave it out of `message = \"...\"`"
)]
pub trait MessageField: core::fmt::Display {}

impl<T: core::fmt::Display + ?Sized> MessageField for T {}

/// What a message's `format_args!` receives for a field: a field that is
/// not `Display` is then one error, with the message of [`MessageField`].
pub fn message_field<T: MessageField>(field: &T) -> &dyn core::fmt::Display {
    field
}

/// A detail of the public body, from what [`DetailProbe`] found.
pub fn detail<'a>(field: &'static str, value: impl IntoDetail<'a>) -> Detail<'a> {
    Detail::with_value(field, value.into_value())
}

/// Looks at a detail field's type, at compile time: `(&&DetailProbe(&field)).probe()`
/// finds [`ProbeStr`] for `String` and `&str` (the method takes `&&Self`),
/// and [`ProbeAny`] for any other type (one autoderef later): the
/// "autoref specialization" of stable Rust.
pub struct DetailProbe<'a, T: ?Sized>(pub &'a T);

/// A detail that is not a string: serialized through `erased_serde`.
pub struct AnyDetail<'a, T: ?Sized>(&'a T);

/// The string case of [`DetailProbe`].
pub trait ProbeStr<'a> {
    /// The detail's string.
    fn probe(&self) -> &'a str;
}

impl<'a> ProbeStr<'a> for &DetailProbe<'a, crate::alloc_string::String> {
    fn probe(&self) -> &'a str {
        self.0
    }
}

impl<'a, 'b: 'a> ProbeStr<'a> for &DetailProbe<'a, &'b str> {
    fn probe(&self) -> &'a str {
        self.0
    }
}

/// The general case of [`DetailProbe`].
pub trait ProbeAny<'a, T: ?Sized> {
    /// The detail, to be serialized through `erased_serde`.
    fn probe(&self) -> AnyDetail<'a, T>;
}

impl<'a, T: ?Sized> ProbeAny<'a, T> for DetailProbe<'a, T> {
    fn probe(&self) -> AnyDetail<'a, T> {
        AnyDetail(self.0)
    }
}

/// What a detail field can be: a string, or any serializable value.
#[diagnostic::on_unimplemented(
    message = "a `#[catalog(detail)]` field must implement `serde::Serialize`",
    label = "this field is marked `detail`",
    note = "derive or implement `serde::Serialize` for its type, or remove `detail`"
)]
pub trait IntoDetail<'a> {
    /// The value.
    fn into_value(self) -> DetailValue<'a>;
}

impl<'a> IntoDetail<'a> for &'a str {
    fn into_value(self) -> DetailValue<'a> {
        DetailValue::str(self)
    }
}

impl<'a, T: serde::Serialize> IntoDetail<'a> for AnyDetail<'a, T> {
    fn into_value(self) -> DetailValue<'a> {
        DetailValue::any(self.0)
    }
}

/// The message of an error that declares none: the reason phrase of its
/// status (`Not Found` for 404), or `Request failed` for a status without one.
#[must_use]
pub const fn default_message(status: u16) -> &'static str {
    match crate::status::reason_phrase(status) {
        Some(phrase) => phrase,
        None => "Request failed",
    }
}

/// Turns a `#[catalog(source)]` field into the `dyn Error` that
/// `Error::source` returns, for concrete errors and boxed trait objects alike.
pub trait AsDynError<'a> {
    fn as_dyn_error(&self) -> &(dyn core::error::Error + 'a);
}

impl<'a, T: core::error::Error + 'a> AsDynError<'a> for T {
    fn as_dyn_error(&self) -> &(dyn core::error::Error + 'a) {
        self
    }
}

impl<'a> AsDynError<'a> for dyn core::error::Error + 'a {
    fn as_dyn_error(&self) -> &(dyn core::error::Error + 'a) {
        self
    }
}

impl<'a> AsDynError<'a> for dyn core::error::Error + Send + 'a {
    fn as_dyn_error(&self) -> &(dyn core::error::Error + 'a) {
        self
    }
}

impl<'a> AsDynError<'a> for dyn core::error::Error + Send + Sync + 'a {
    fn as_dyn_error(&self) -> &(dyn core::error::Error + 'a) {
        self
    }
}

pub use core::option::Option::{None, Some};
pub use serde;

/// The catalog of the stand-in impls that `#[derive(CatalogError)]` emits
/// beside its errors; never used by a build that succeeds.
pub enum Unchecked {}

impl crate::ErrorCatalog for Unchecked {
    const INFO: &'static CatalogInfo = &CatalogInfo::__new(
        "Unchecked",
        crate::CodeFormat::__new("E{module:01}-{code:01}", "E", "-", "", 1, 1, true),
        500,
        &[],
        crate::Document { title: "", description: "", api: "" },
    );
}

/// Adds an entry to the registry when `error-catalog` has the `registry`
/// feature; expands to nothing without it.
#[cfg(feature = "registry")]
#[macro_export]
#[doc(hidden)]
macro_rules! __register {
    ($entry:ident, $name:ident) => {
        #[$crate::__private::linkme::distributed_slice($crate::__private::ENTRIES)]
        #[linkme(crate = $crate::__private::linkme)]
        static $name: &$crate::Entry = &$entry;
    };
}

#[cfg(not(feature = "registry"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __register {
    ($entry:ident, $name:ident) => {};
}

pub use crate::__register as register;

#[cfg(feature = "registry")]
pub use linkme;

/// Every entry linked into the program, in no particular order.
#[cfg(feature = "registry")]
#[linkme::distributed_slice]
#[allow(unsafe_code)]
pub static ENTRIES: [&'static crate::Entry];

/// The framework impls of a derived error: `responses!([<generics>] [type]
/// [where clause])`. The derive emits this one short line and error-catalog,
/// which knows its own features, writes the impls of those that are on: a
/// crate without them pays for a dozen tokens, not for two impls.
#[macro_export]
#[doc(hidden)]
macro_rules! __responses {
    ([$($generics:tt)*] [$($ty:tt)*] [$($bounds:tt)*]) => {
        $crate::__private::axum_response!([$($generics)*] [$($ty)*] [$($bounds)*]);
        $crate::__private::actix_response!([$($generics)*] [$($ty)*] [$($bounds)*]);
    };
}

pub use crate::__responses as responses;

#[cfg(feature = "axum")]
#[macro_export]
#[doc(hidden)]
macro_rules! __axum_response {
    ([$($generics:tt)*] [$($ty:tt)*] [$($bounds:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::axum_core::response::IntoResponse for $($ty)* where $($bounds)* {
            fn into_response(self) -> $crate::__private::axum_core::response::Response {
                $crate::axum::into_response(&self)
            }
        }
    };
}

#[cfg(not(feature = "axum"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __axum_response {
    ($($input:tt)*) => {};
}

pub use crate::__axum_response as axum_response;

#[cfg(feature = "actix-web")]
#[macro_export]
#[doc(hidden)]
macro_rules! __actix_response {
    ([$($generics:tt)*] [$($ty:tt)*] [$($bounds:tt)*]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::actix_web::ResponseError for $($ty)* where $($bounds)* {
            fn status_code(&self) -> $crate::__private::actix_web::http::StatusCode {
                $crate::actix::status_code(self)
            }

            fn error_response(&self) -> $crate::__private::actix_web::HttpResponse {
                $crate::actix::error_response(self)
            }
        }
    };
}

#[cfg(not(feature = "actix-web"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __actix_response {
    ($($input:tt)*) => {};
}

pub use crate::__actix_response as actix_response;

#[cfg(feature = "actix-web")]
pub use actix_web;
#[cfg(feature = "axum")]
pub use axum_core;

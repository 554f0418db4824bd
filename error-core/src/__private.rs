//! Items the generated code needs. Not part of the public API: nothing here
//! follows semver.

pub use crate::entry::EntryParts;

use crate::catalog::CatalogInfo;
use crate::code::CodeText;
use crate::entry::Detail;

/// Implemented by `#[derive(ErrorCatalog)]` for each declared module number.
#[diagnostic::on_unimplemented(
    message = "error module {M} is not declared in catalog `{Self}`",
    label = "module {M} is not declared",
    note = "declare it in the catalog enum: `#[module({M}, name = \"...\")]`"
)]
pub trait HasModule<const M: u16> {}

/// Fails to compile, with the message of [`HasModule`], when `C` does not
/// declare module `M`.
pub const fn require_module<C: HasModule<M> + ?Sized, const M: u16>() {}

/// One implementation per code: a second one for the same module and code in
/// the same catalog is a conflict (E0119) that names both attributes.
///
/// The self type is one type per module, so the compiler's overlap check
/// compares a new code only with the codes of its own module, in buckets it
/// finds by type: the cost grows linearly with the number of modules' codes.
pub trait UniqueCode<C: ?Sized> {}

macro_rules! module_types {
    ($($name:ident)*) => {
        $(
            #[doc = "The codes of one module, for [`UniqueCode`]."]
            pub struct $name<const CODE: u16>;
        )*
    };
}

module_types!(M1 M2 M3 M4 M5 M6 M7 M8 M9 M10 M11 M12 M13 M14 M15 M16 M17 M18 M19 M20 M21 M22 M23 M24 M25 M26 M27 M28 M29 M30 M31 M32 M33 M34 M35 M36 M37 M38 M39 M40 M41 M42 M43 M44 M45 M46 M47 M48 M49 M50 M51 M52 M53 M54 M55 M56 M57 M58 M59 M60 M61 M62 M63 M64 M65 M66 M67 M68 M69 M70 M71 M72 M73 M74 M75 M76 M77 M78 M79 M80 M81 M82 M83 M84 M85 M86 M87 M88 M89 M90 M91 M92 M93 M94 M95 M96 M97 M98 M99 );

/// Emits the uniqueness impl; a build with `--cfg error_core_unchecked_codes`
/// leaves it out so that its cost can be measured.
#[cfg(not(error_core_unchecked_codes))]
#[macro_export]
#[doc(hidden)]
macro_rules! __unique_code {
    ($($impl:tt)*) => { $($impl)* };
}

#[cfg(error_core_unchecked_codes)]
#[macro_export]
#[doc(hidden)]
macro_rules! __unique_code {
    ($($impl:tt)*) => {};
}

pub use crate::__unique_code as unique_code;

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

/// A detail of the public body.
pub fn detail<'a, T: serde::Serialize>(field: &'static str, value: &'a T) -> Detail<'a> {
    Detail::new(field, value)
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

pub use core::fmt::{Display, Formatter, Result as FmtResult};
pub use core::option::Option::{None, Some};

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

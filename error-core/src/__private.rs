//! Items the generated code needs. Not part of the public API: nothing here
//! follows semver.
//!
//! The derives refer to everything through one path, `__private`, imported
//! once per derived type (`use ::error_catalog::__private as __p;`): fewer
//! tokens per code for the compiler to read.

pub use core::error::Error;
pub use core::fmt::{Display, Formatter, Result as FmtResult};
pub use core::ops::FnMut;
pub use core::option::Option::{self, None, Some};
pub use core::time::Duration;
pub use core::{concat, format_args, module_path, unreachable};

pub use crate::model::catalog::{CatalogInfo, CatalogParts, ErrorCatalog, ModuleInfo, PageInfo, RetiredCode};
pub use crate::model::entry::{Detail, Entry, EntryParts, Link, MessageTemplate, Piece, Severity};
pub use crate::model::error::CatalogError;
pub use crate::model::format::{Case, CodeFormat, CodeText, Segment, Shape, WriteCodeError};
pub use crate::model::grpc_code::GrpcCode;

use crate::model::entry::DetailValue;

/// Implemented by `#[derive(ErrorCatalog)]` for each declared module number.
#[diagnostic::on_unimplemented(
    message = "error module {M} is not declared in catalog `{Self}`",
    label = "module {M} is not declared",
    note = "declare it in the catalog enum: `#[module({M}, name = \"...\")]`, or remove `module = {M}` from a code \
            that belongs to no module"
)]
pub trait HasModule<const M: u16> {}

/// One implementation per code: a second one for the same code in the same
/// catalog is a conflict (E0119) that names both attributes.
///
/// The compiler compares a new impl only with the impls of the same self
/// type, so codes are spread over many self types: one per module for
/// numbered codes (`module_01::Code<4>`), one per last two digits for flat
/// codes (`flat_08::Code<308>`), and one per first byte of a 128-bit hash for
/// text codes (`text_3f::Code<0x3f..>`). The check then grows linearly with
/// the number of codes.
pub trait UniqueCode<C: ?Sized> {}

macro_rules! key_types {
    ($doc:literal, $param:ident: $ty:ty; $($module:ident)*) => {
        $(
            #[doc = $doc]
            pub mod $module {
                #[doc = "A code, for [`UniqueCode`](super::UniqueCode)."]
                pub struct Code<const $param: $ty>;
            }
        )*
    };
}

key_types!("The codes of one module.", CODE: i64;
    module_00 module_01 module_02 module_03 module_04 module_05 module_06 module_07 module_08 module_09
    module_10 module_11 module_12 module_13 module_14 module_15 module_16 module_17 module_18 module_19
    module_20 module_21 module_22 module_23 module_24 module_25 module_26 module_27 module_28 module_29
    module_30 module_31 module_32 module_33 module_34 module_35 module_36 module_37 module_38 module_39
    module_40 module_41 module_42 module_43 module_44 module_45 module_46 module_47 module_48 module_49
    module_50 module_51 module_52 module_53 module_54 module_55 module_56 module_57 module_58 module_59
    module_60 module_61 module_62 module_63 module_64 module_65 module_66 module_67 module_68 module_69
    module_70 module_71 module_72 module_73 module_74 module_75 module_76 module_77 module_78 module_79
    module_80 module_81 module_82 module_83 module_84 module_85 module_86 module_87 module_88 module_89
    module_90 module_91 module_92 module_93 module_94 module_95 module_96 module_97 module_98 module_99);

key_types!("The flat codes that end in the same two digits.", CODE: i64;
    flat_00 flat_01 flat_02 flat_03 flat_04 flat_05 flat_06 flat_07 flat_08 flat_09
    flat_10 flat_11 flat_12 flat_13 flat_14 flat_15 flat_16 flat_17 flat_18 flat_19
    flat_20 flat_21 flat_22 flat_23 flat_24 flat_25 flat_26 flat_27 flat_28 flat_29
    flat_30 flat_31 flat_32 flat_33 flat_34 flat_35 flat_36 flat_37 flat_38 flat_39
    flat_40 flat_41 flat_42 flat_43 flat_44 flat_45 flat_46 flat_47 flat_48 flat_49
    flat_50 flat_51 flat_52 flat_53 flat_54 flat_55 flat_56 flat_57 flat_58 flat_59
    flat_60 flat_61 flat_62 flat_63 flat_64 flat_65 flat_66 flat_67 flat_68 flat_69
    flat_70 flat_71 flat_72 flat_73 flat_74 flat_75 flat_76 flat_77 flat_78 flat_79
    flat_80 flat_81 flat_82 flat_83 flat_84 flat_85 flat_86 flat_87 flat_88 flat_89
    flat_90 flat_91 flat_92 flat_93 flat_94 flat_95 flat_96 flat_97 flat_98 flat_99);

key_types!("The text codes whose hash starts with the same byte.", HASH: u128;
    text_00 text_01 text_02 text_03 text_04 text_05 text_06 text_07 text_08 text_09 text_0a text_0b text_0c text_0d text_0e text_0f
    text_10 text_11 text_12 text_13 text_14 text_15 text_16 text_17 text_18 text_19 text_1a text_1b text_1c text_1d text_1e text_1f
    text_20 text_21 text_22 text_23 text_24 text_25 text_26 text_27 text_28 text_29 text_2a text_2b text_2c text_2d text_2e text_2f
    text_30 text_31 text_32 text_33 text_34 text_35 text_36 text_37 text_38 text_39 text_3a text_3b text_3c text_3d text_3e text_3f
    text_40 text_41 text_42 text_43 text_44 text_45 text_46 text_47 text_48 text_49 text_4a text_4b text_4c text_4d text_4e text_4f
    text_50 text_51 text_52 text_53 text_54 text_55 text_56 text_57 text_58 text_59 text_5a text_5b text_5c text_5d text_5e text_5f
    text_60 text_61 text_62 text_63 text_64 text_65 text_66 text_67 text_68 text_69 text_6a text_6b text_6c text_6d text_6e text_6f
    text_70 text_71 text_72 text_73 text_74 text_75 text_76 text_77 text_78 text_79 text_7a text_7b text_7c text_7d text_7e text_7f
    text_80 text_81 text_82 text_83 text_84 text_85 text_86 text_87 text_88 text_89 text_8a text_8b text_8c text_8d text_8e text_8f
    text_90 text_91 text_92 text_93 text_94 text_95 text_96 text_97 text_98 text_99 text_9a text_9b text_9c text_9d text_9e text_9f
    text_a0 text_a1 text_a2 text_a3 text_a4 text_a5 text_a6 text_a7 text_a8 text_a9 text_aa text_ab text_ac text_ad text_ae text_af
    text_b0 text_b1 text_b2 text_b3 text_b4 text_b5 text_b6 text_b7 text_b8 text_b9 text_ba text_bb text_bc text_bd text_be text_bf
    text_c0 text_c1 text_c2 text_c3 text_c4 text_c5 text_c6 text_c7 text_c8 text_c9 text_ca text_cb text_cc text_cd text_ce text_cf
    text_d0 text_d1 text_d2 text_d3 text_d4 text_d5 text_d6 text_d7 text_d8 text_d9 text_da text_db text_dc text_dd text_de text_df
    text_e0 text_e1 text_e2 text_e3 text_e4 text_e5 text_e6 text_e7 text_e8 text_e9 text_ea text_eb text_ec text_ed text_ee text_ef
    text_f0 text_f1 text_f2 text_f3 text_f4 text_f5 text_f6 text_f7 text_f8 text_f9 text_fa text_fb text_fc text_fd text_fe text_ff);

/// Module `M`, which fails to compile, with the message of [`HasModule`],
/// when `C` does not declare it.
#[must_use]
pub const fn module<C: HasModule<M> + ?Sized, const M: u16>() -> u16 {
    M
}

// The checks below run in the constant initializer of each code's entry:
// a failure is a compile error at the attribute value, with the message
// given here. A stand-in catalog (its declaration failed) accepts anything.

/// The module declared with the text id `id`: its number, the key the
/// entry keeps.
#[must_use]
pub const fn group(catalog: &CatalogInfo, id: &str) -> u16 {
    if catalog.is_stand_in() {
        return 0;
    }
    match catalog.module_by_id(id) {
        Some(module) => module.number(),
        None => panic!(
            "this module id is not declared in the catalog: declare it on the catalog enum, like \
             `#[module(\"0A\", name = \"...\")]`"
        ),
    }
}

/// The module a flat code is listed under: the one it states, else the one
/// whose range holds it.
#[must_use]
pub const fn flat_group(catalog: &CatalogInfo, code: i64, stated: Option<u16>) -> Option<u16> {
    if stated.is_some() {
        return stated;
    }
    match catalog.module_of_number(code) {
        Some(module) => Some(module.number()),
        None => None,
    }
}

/// The code `module`-`code` of a catalog of numbered codes.
#[must_use]
pub const fn numbered_code(catalog: &CatalogInfo, module: u16, code: i64) -> CodeText {
    if catalog.is_stand_in() {
        return CodeText::EMPTY;
    }
    match catalog.format().shape() {
        Shape::Numbered => {}
        Shape::Flat => panic!("this catalog's codes have no module: write `code = N` alone"),
        Shape::Text => panic!("this catalog's codes are text: write the whole code, like `code = \"...\"`"),
    }
    not_closed(catalog, written(catalog, module, code))
}

/// The code `code` of a catalog of flat numbered codes, in the range of
/// the module it states, if it states one.
#[must_use]
pub const fn flat_code(catalog: &CatalogInfo, code: i64, group: Option<u16>) -> CodeText {
    if catalog.is_stand_in() {
        return CodeText::EMPTY;
    }
    match catalog.format().shape() {
        Shape::Flat => {}
        Shape::Numbered => panic!("this catalog's codes have a module: write `module = N, code = N`"),
        Shape::Text => panic!("this catalog's codes are text: write the whole code, like `code = \"...\"`"),
    }
    let text = written(catalog, 0, code);
    if let Some(group) = group
        && let Some(module) = catalog.find_module(group)
    {
        match module.range() {
            Some((low, high)) => assert!(
                low <= code && code <= high,
                "error code is outside the range of the module it states: move it into the module's `range(...)`, \
                 or state the module whose range holds it"
            ),
            None => panic!("this module has no range of codes: a flat code states a module declared with `range(...)`"),
        }
    }
    assert!(
        !catalog.is_in_reserved_range(code),
        "error code is in a range the catalog reserves: remove the range from `reserved(...)` to use it"
    );
    not_closed(catalog, text)
}

/// A text code, checked against the catalog's format and, when the format
/// writes the module in the code (`{module:A2}{code:A3}`), against the id of
/// the module it states.
#[must_use]
pub const fn text_code(catalog: &CatalogInfo, code: &str, group: Option<u16>) -> CodeText {
    if catalog.is_stand_in() {
        return CodeText::EMPTY;
    }
    assert!(
        matches!(catalog.format().shape(), Shape::Text),
        "this catalog's codes are numbers: write `code = N` (and `module = N` when its format has a module)"
    );
    let text = match CodeText::parse(catalog.format(), code) {
        Ok(text) => text,
        // A code of words that does not read is a word in the wrong case,
        // wherever the reading stopped (`Bad_User_Input`, `_BAD_USER_INPUT`).
        Err(
            crate::model::format::ParseCodeError::Case
            | crate::model::format::ParseCodeError::Suffix
            | crate::model::format::ParseCodeError::Separator,
        ) if word_case(catalog.format()).is_some() => wrong_case(word_case(catalog.format())),
        Err(crate::model::format::ParseCodeError::Case) => {
            panic!("error code is not in the case the catalog's format states")
        }
        Err(crate::model::format::ParseCodeError::Characters) => {
            panic!("error code part must be characters from 0-9 and A-Z, as many as the format says")
        }
        Err(crate::model::format::ParseCodeError::Digits) => {
            panic!("error code number has the wrong digits for the catalog's format (no leading zero unless padded)")
        }
        Err(crate::model::format::ParseCodeError::ZeroModule | crate::model::format::ParseCodeError::ZeroCode) => {
            panic!("error code numbers start at 1 unless the catalog says `start = 0`")
        }
        Err(crate::model::format::ParseCodeError::TooLong) => panic!("error code is longer than 64 bytes"),
        Err(crate::model::format::ParseCodeError::Hex) => {
            panic!("error code part must be hexadecimal digits, in the case and number the format says")
        }
        Err(_) => panic!("error code does not match the catalog's format"),
    };
    if let Some(group) = group
        && let Some(module) = catalog.find_module(group)
        && !module.id().is_empty()
        && let Some(part) = crate::model::format::module_part(catalog.format(), code)
    {
        assert!(
            crate::model::format::bytes_eq(part.as_bytes(), module.id().as_bytes()),
            "error code is not in the class of the module it states: the `{{module}}` part of the code must be the \
             module's id"
        );
    }
    not_closed(catalog, text)
}

/// The case of the format's word part, if it has one.
const fn word_case(format: &CodeFormat) -> Option<Case> {
    let segments = format.segments();
    let mut i = 0;
    while i < segments.len() {
        if let Segment::Word { case, .. } = segments[i] {
            return Some(case);
        }
        i += 1;
    }
    None
}

/// The error of a word not in the format's case, naming the case.
const fn wrong_case(case: Option<Case>) -> CodeText {
    match case {
        Some(Case::Snake) => {
            panic!("error code is not in snake_case, the case the catalog's format states: like `card_declined`")
        }
        Some(Case::ScreamingSnake) => panic!(
            "error code is not in SCREAMING_SNAKE_CASE, the case the catalog's format states: like `RESOURCE_EXHAUSTED`"
        ),
        Some(Case::Pascal) => {
            panic!("error code is not in PascalCase, the case the catalog's format states: like `NoSuchKey`")
        }
        Some(Case::Camel) => {
            panic!("error code is not in camelCase, the case the catalog's format states: like `noSuchKey`")
        }
        Some(Case::Kebab) => {
            panic!("error code is not in kebab-case, the case the catalog's format states: like `no-such-key`")
        }
        None => panic!("error code is not in the case the catalog's format states"),
    }
}

const fn written(catalog: &CatalogInfo, module: u16, code: i64) -> CodeText {
    match CodeText::numbers(catalog.format(), module, code) {
        Ok(text) => text,
        Err(WriteCodeError::BelowStart) => panic!("error code numbers start at 1 unless the catalog says `start = 0`"),
        Err(WriteCodeError::Negative) => panic!(
            "error code is negative, and this catalog's codes are not: a catalog of `{{code}}` codes takes \
             negative ones with a negative `start`, like `start = -32768`"
        ),
        Err(WriteCodeError::TooWide) => panic!("error code has more digits than the catalog's code format allows"),
        Err(WriteCodeError::TooLong) => panic!("the catalog's format writes codes longer than 64 bytes"),
        Err(WriteCodeError::Shape) => panic!("the catalog's codes are not numbers alone"),
    }
}

const fn not_closed(catalog: &CatalogInfo, text: CodeText) -> CodeText {
    assert!(
        !catalog.is_retired_code(text.as_str()),
        "error code is retired in the catalog: a retired code is never used again"
    );
    assert!(
        !catalog.is_reserved_code(text.as_str()),
        "error code is reserved in the catalog: remove it from `reserved` to use it"
    );
    text
}

/// A code of a module's `retired(...)` or `reserved(...)` list, written
/// at compile time.
#[must_use]
pub const fn numbered_text(format: &CodeFormat, module: u16, code: i64) -> CodeText {
    match CodeText::numbers(format, module, code) {
        Ok(text) => text,
        Err(_) => panic!("this code number does not fit the catalog's format"),
    }
}

/// A code of `#[retired(code = "...", successor = "...")]`, checked
/// against the format at compile time.
#[must_use]
pub const fn written_code(format: &CodeFormat, code: &str) -> CodeText {
    match CodeText::parse(format, code) {
        Ok(text) => text,
        Err(_) => panic!("this code is not written as the catalog's format writes codes"),
    }
}

/// The status an error states.
#[must_use]
pub const fn status(catalog: &CatalogInfo, status: u16) -> Option<u16> {
    assert!(
        catalog.is_http() || catalog.is_stand_in(),
        "this catalog has no HTTP statuses (`http = false`): remove `status`"
    );
    Some(status)
}

/// The status of an error that says `status = none`: none, even in a
/// catalog of HTTP statuses (a delivery error reported by a callback, a
/// redirect error that never is an answer).
#[must_use]
pub const fn no_status(catalog: &CatalogInfo) -> Option<u16> {
    let _ = catalog;
    None
}

/// The status of an error that states none.
#[must_use]
pub const fn default_status(catalog: &CatalogInfo) -> Option<u16> {
    if catalog.is_http() { Some(catalog.default_status()) } else { None }
}

/// The message of an error that declares none: the reason phrase of its
/// status (`Not Found` for 404), or `Request failed` for a status without one.
#[must_use]
pub const fn default_template(catalog: &CatalogInfo, status: Option<u16>) -> MessageTemplate {
    match status {
        Some(status) => crate::model::status::phrase_template(status),
        None if catalog.is_stand_in() => crate::model::status::phrase_template(500),
        None if catalog.is_http() => {
            panic!("this error has no HTTP status (`status = none`), so no default message: give it a `message`")
        }
        None => panic!("this catalog has no HTTP statuses, so no default message: give the error a `message`"),
    }
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

/// A field marked `#[catalog(retry_after)]`: the delay it holds.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a `retry_after` field: it is not a delay",
    label = "this field is the error's `retry_after`",
    note = "a `retry_after` field is a `core::time::Duration`, whole seconds (`u64`, `u32`, `u16`), or an `Option` of one"
)]
pub trait RetryDelay {
    /// The delay, `None` when the value holds none.
    fn retry_delay(&self) -> Option<core::time::Duration>;
}

impl RetryDelay for core::time::Duration {
    fn retry_delay(&self) -> Option<core::time::Duration> {
        Some(*self)
    }
}

macro_rules! seconds {
    ($($int:ty),*) => {$(
        impl RetryDelay for $int {
            fn retry_delay(&self) -> Option<core::time::Duration> {
                Some(core::time::Duration::from_secs(u64::from(*self)))
            }
        }
    )*};
}
seconds!(u64, u32, u16);

impl<T: RetryDelay> RetryDelay for Option<T> {
    fn retry_delay(&self) -> Option<core::time::Duration> {
        self.as_ref().and_then(RetryDelay::retry_delay)
    }
}

impl<T: RetryDelay + ?Sized> RetryDelay for &T {
    fn retry_delay(&self) -> Option<core::time::Duration> {
        (**self).retry_delay()
    }
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

impl<'a> ProbeStr<'a> for &DetailProbe<'a, alloc::string::String> {
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

pub use serde;

#[cfg(feature = "registry")]
pub use crate::model::registry::ENTRIES;

#[cfg(feature = "registry")]
pub use crate::model::chain::{CATCHERS, CatchLocal, CatchProbe, CatchShared, Catcher, ChainLink, Found};
#[cfg(feature = "registry")]
pub use linkme;

#[cfg(feature = "actix-web")]
pub use crate::serve::actix_web::{error_response as actix_error_response, status_code as actix_status_code};
#[cfg(feature = "axum")]
pub use crate::serve::axum::into_response as axum_into_response;
#[cfg(feature = "tonic")]
pub use crate::serve::tonic::status as tonic_status;
#[cfg(feature = "utoipa")]
pub use crate::serve::utoipa::{
    DocumentedErrors, ErrorSet, ExampleProbe, ProbeExamples, ProbeNoExamples, responses as utoipa_responses,
};
#[cfg(feature = "actix-web")]
pub use actix_web;
#[cfg(feature = "axum")]
pub use axum_core;
#[cfg(feature = "utoipa")]
pub use utoipa;

/// What the derived `IntoResponses::responses` returns.
#[cfg(feature = "utoipa")]
pub type UtoipaResponses =
    std::collections::BTreeMap<alloc::string::String, utoipa::openapi::RefOr<utoipa::openapi::Response>>;
#[cfg(feature = "async-graphql")]
pub use crate::serve::async_graphql::error as async_graphql_error;
#[cfg(feature = "jsonrpsee")]
pub use crate::serve::jsonrpsee::error_object as jsonrpsee_error_object;
#[cfg(feature = "miette")]
pub use crate::serve::miette::{
    code as miette_code, help as miette_help, severity as miette_severity, url as miette_url,
};
#[cfg(feature = "miette")]
pub use alloc::boxed::Box;
#[cfg(feature = "async-graphql")]
pub use async_graphql;
#[cfg(feature = "jsonrpsee")]
pub use jsonrpsee_types;
#[cfg(feature = "miette")]
pub use miette;
#[cfg(feature = "tonic")]
pub use tonic;

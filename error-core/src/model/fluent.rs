//! Translations of the public messages, with Fluent (feature `fluent`,
//! through fluent-templates, which takes the language on every lookup and
//! so is safe per request).
//!
//! A catalog ships one Fluent message per code and language; its
//! placeholders are Fluent variables of the same names:
//!
//! ```ftl
//! # locales/de/errors.ftl
//! ERR-01-004 = Eine CVM mit dem Namen „{ $name }“ existiert bereits
//!     .description = Wird ausgelöst, wenn ein CVM-Name im Arbeitsbereich schon vergeben ist
//! ```
//!
//! # Message ids
//!
//! A Fluent id is a letter, then letters, digits, `-` and `_`. A code that
//! is one (`ERR-01-004`, `card_declined`) is its own id; any other is
//! `code-` followed by the code with each other character written `-`:
//! `5.7.1` is `code-5-7-1`, `22P02` is `code-22P02` ([`message_id`]). An
//! application with another scheme gives it to
//! [`Translations::with_message_ids`]. A test finds a missing or broken
//! translation, and two codes with the same id, with
//! [`testing::assert_translated`](crate::testing::assert_translated).
//!
//! # What a translation may show
//!
//! The body's rules hold: a translation is formatted with the variables its
//! message has, and no others: each placeholder is a field marked
//! `#[catalog(detail)]`, already public, and its value is the detail's
//! (strings and numbers; another value leaves the message untranslated). A
//! translation that names any other variable fails to format, and the
//! response keeps the catalog's message. So does a message whose placeholder
//! names a field that is public under another name (`#[catalog(detail =
//! "...")]`): its value is not known by the placeholder's name.
//!
//! # Choosing the language
//!
//! [`Translations::negotiate`] reads `Accept-Language` strictly (RFC 9110
//! language ranges, `q` from 0 to 1 with at most three decimals; an item
//! that does not parse is skipped, a header longer than 4 KiB or with more
//! than 32 items is ignored) and takes the locale with the highest `q`: the
//! same tag, else a locale the range is a prefix of (`de` takes `de-DE`),
//! else the range cut at its last `-` (`de-CH` takes `de`). `q=0` excludes a
//! language; `*` takes the catalog's language.
//!
//! ```
//! use error_catalog::fluent::Translations;
//! use fluent_templates::{ArcLoader, LanguageIdentifier};
//!
//! # let dir = std::env::temp_dir().join(format!("error-catalog-doc-{}", std::process::id()));
//! # std::fs::create_dir_all(dir.join("de")).unwrap();
//! # std::fs::create_dir_all(dir.join("en")).unwrap();
//! # std::fs::write(dir.join("de/errors.ftl"), "ERR-01-004 = Eine CVM namens { $name } existiert bereits\n").unwrap();
//! # std::fs::write(dir.join("en/errors.ftl"), "ERR-01-004 = A CVM with name '{ $name }' already exists\n").unwrap();
//! let english: LanguageIdentifier = "en".parse().unwrap();
//! let loader = ArcLoader::builder(&dir, english.clone())
//!     .customize(|bundle| bundle.set_use_isolating(false))
//!     .build()
//!     .unwrap();
//! let translations = Translations::new(loader, english);
//! let chosen = translations.negotiate(b"fr;q=0.9, de-CH;q=0.8, en;q=0.5");
//! assert_eq!(chosen.map(ToString::to_string).as_deref(), Some("de"));
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

use std::borrow::Cow;
use std::boxed::Box;
use std::collections::HashMap;
use std::string::{String, ToString};
use std::sync::Arc;
use std::vec::Vec;

pub use fluent_templates::LanguageIdentifier;
use fluent_templates::fluent_bundle::FluentValue;

use crate::model::entry::{Detail, Entry};
use crate::model::error::CatalogError;

/// The Fluent id of a code's message: the code when it is a Fluent
/// identifier, else `code-` and the code with each character other than a
/// letter, digit, `-` or `_` written `-`.
///
/// ```
/// use error_catalog::fluent::message_id;
///
/// assert_eq!(message_id("ERR-01-004"), "ERR-01-004");
/// assert_eq!(message_id("card_declined"), "card_declined");
/// assert_eq!(message_id("5.7.1"), "code-5-7-1");
/// assert_eq!(message_id("22P02"), "code-22P02");
/// ```
#[must_use]
pub fn message_id(code: &str) -> Cow<'_, str> {
    let identifier_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if code.starts_with(|c: char| c.is_ascii_alphabetic()) && code.chars().all(identifier_char) {
        return Cow::Borrowed(code);
    }
    let mut id = String::with_capacity(code.len() + 5);
    id.push_str("code-");
    id.extend(code.chars().map(|c| if identifier_char(c) { c } else { '-' }));
    Cow::Owned(id)
}

mod sealed {
    pub trait Sealed {}
}

/// Where translations come from: fluent-templates' `StaticLoader` (of
/// `static_loader!`) and `ArcLoader`, by value, by `&'static` or in an
/// `Arc`. Each lookup is in one language, never another's fallback, so that
/// `Content-Language` is the language of the text.
pub trait Source: sealed::Sealed + Send + Sync {
    #[doc(hidden)]
    fn languages(&self) -> Vec<LanguageIdentifier>;

    #[doc(hidden)]
    fn format(
        &self,
        language: &LanguageIdentifier,
        id: &str,
        args: &HashMap<&'static str, FluentValue<'_>>,
    ) -> Result<String, String>;
}

macro_rules! loader_source {
    ($($loader:ty),*) => {$(
        impl sealed::Sealed for $loader {}

        impl Source for $loader {
            fn languages(&self) -> Vec<LanguageIdentifier> {
                fluent_templates::Loader::locales(self).cloned().collect()
            }

            fn format(
                &self,
                language: &LanguageIdentifier,
                id: &str,
                args: &HashMap<&'static str, FluentValue<'_>>,
            ) -> Result<String, String> {
                let args = if args.is_empty() { None } else { Some(args) };
                self.lookup_single_language(language, id, args).map_err(|error| error.to_string())
            }
        }
    )*};
}

loader_source!(fluent_templates::StaticLoader, fluent_templates::ArcLoader);

/// A shared source is a source: the same two forwarding methods for each
/// pointer.
macro_rules! forwarding_source {
    ($($pointer:ty),* $(,)?) => {$(
        impl<T: Source + ?Sized> sealed::Sealed for $pointer {}

        impl<T: Source + ?Sized> Source for $pointer {
            fn languages(&self) -> Vec<LanguageIdentifier> {
                (**self).languages()
            }

            fn format(
                &self,
                language: &LanguageIdentifier,
                id: &str,
                args: &HashMap<&'static str, FluentValue<'_>>,
            ) -> Result<String, String> {
                (**self).format(language, id, args)
            }
        }
    )*};
}

forwarding_source!(&'static T, Arc<T>);

/// A language the translations have.
#[derive(Debug)]
struct Locale {
    id: LanguageIdentifier,
    /// The tag, lowercase, for matching ranges.
    tag: String,
}

impl Locale {
    fn new(id: LanguageIdentifier) -> Self {
        Self { tag: id.to_string().to_ascii_lowercase(), id }
    }
}

/// The translations of a catalog's public messages, and the language of
/// the catalog's own messages. Cheap to clone.
#[derive(Clone)]
pub struct Translations {
    inner: Arc<Inner>,
    message_id: fn(&str) -> Cow<'_, str>,
}

struct Inner {
    source: Box<dyn Source>,
    catalog: Locale,
    locales: Vec<Locale>,
}

impl core::fmt::Debug for Translations {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let locales: Vec<&str> = self.inner.locales.iter().map(|locale| locale.tag.as_str()).collect();
        f.debug_struct("Translations")
            .field("catalog_language", &self.inner.catalog.tag)
            .field("locales", &locales)
            .finish_non_exhaustive()
    }
}

/// Why a message has no translation in a language.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TranslationError {
    /// A placeholder names no detail of the same name (a detail renamed
    /// with `detail = "..."`).
    NoDetail {
        /// The placeholder.
        placeholder: &'static str,
    },
    /// A placeholder's detail is neither a string nor a number.
    NotText {
        /// The placeholder.
        placeholder: &'static str,
    },
    /// The language has no such message, or it did not format: it names a
    /// variable the message does not have, or a message that does not exist.
    Fluent(String),
}

impl core::fmt::Display for TranslationError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::NoDetail { placeholder } => {
                write!(f, "placeholder {{{placeholder}}} is not a detail of the same name")
            }
            Self::NotText { placeholder } => {
                write!(f, "placeholder {{{placeholder}}} is neither a string nor a number")
            }
            Self::Fluent(error) => f.write_str(error),
        }
    }
}

impl core::error::Error for TranslationError {}

/// The longest `Accept-Language` read, in bytes.
const MAX_ACCEPT_LANGUAGE_LEN: usize = 4096;

/// The most language ranges of an `Accept-Language` read.
const MAX_RANGES: usize = 32;

impl Translations {
    /// The translations of `source`, for a catalog whose own messages are in
    /// `catalog_language`.
    pub fn new(source: impl Source + 'static, catalog_language: LanguageIdentifier) -> Self {
        let locales = source.languages().into_iter().map(Locale::new).collect();
        Self {
            inner: Arc::new(Inner { source: Box::new(source), catalog: Locale::new(catalog_language), locales }),
            message_id,
        }
    }

    /// Finds each code's message under `id(code)` instead of
    /// [`message_id`]`(code)`.
    #[must_use]
    pub fn with_message_ids(mut self, id: fn(&str) -> Cow<'_, str>) -> Self {
        self.message_id = id;
        self
    }

    /// The language of the catalog's own messages.
    #[must_use]
    pub fn catalog_language(&self) -> &LanguageIdentifier {
        &self.inner.catalog.id
    }

    /// The languages of the translations.
    pub fn locales(&self) -> impl Iterator<Item = &LanguageIdentifier> {
        self.inner.locales.iter().map(|locale| &locale.id)
    }

    /// The Fluent id of a code's message.
    #[must_use]
    pub fn id_of<'a>(&self, code: &'a str) -> Cow<'a, str> {
        (self.message_id)(code)
    }

    /// The locale an `Accept-Language` header asks for first, among the
    /// translations' (see the [module](self)); `None` for the catalog's
    /// own language, or none that the header accepts.
    #[must_use]
    pub fn negotiate(&self, accept_language: &[u8]) -> Option<&LanguageIdentifier> {
        self.negotiated(accept_language).map(|index| &self.inner.locales[index].id)
    }

    /// The index in [`locales`](Self::locales) of the locale
    /// `accept_language` asks for.
    pub(crate) fn negotiated(&self, accept_language: &[u8]) -> Option<usize> {
        let ranges = language_ranges(accept_language);
        // `*` stands for the languages no other range names (RFC 9110
        // §12.5.4): `*;q=0` excludes only those, a named range of weight 0
        // what it matches.
        let names = |range: &LanguageRange<'_>, tag: &str| {
            range.tag != "*" && (matches_range(range.tag, tag) || is_prefix_of(tag, range.tag))
        };
        let acceptable = |(_, locale): &(usize, &Locale)| {
            ranges.iter().filter(|range| range.q == 0).all(|excluded| {
                if excluded.tag == "*" {
                    ranges.iter().any(|range| range.q > 0 && names(range, &locale.tag))
                } else {
                    !matches_range(excluded.tag, &locale.tag)
                }
            })
        };
        for range in ranges.iter().filter(|range| range.q > 0) {
            if range.tag == "*" {
                return None;
            }
            if range.tag.eq_ignore_ascii_case(&self.inner.catalog.tag) {
                return None;
            }
            let locales = || self.inner.locales.iter().enumerate().filter(acceptable);
            let found = locales()
                .find(|(_, locale)| range.tag.eq_ignore_ascii_case(&locale.tag))
                .or_else(|| locales().find(|(_, locale)| matches_range(range.tag, &locale.tag)))
                .or_else(|| {
                    let mut tag = range.tag;
                    while let Some((shorter, _)) = tag.rsplit_once('-') {
                        tag = shorter;
                        if let Some(found) = locales().find(|(_, locale)| tag.eq_ignore_ascii_case(&locale.tag)) {
                            return Some(found);
                        }
                    }
                    None
                });
            if let Some((index, _)) = found {
                return Some(index);
            }
        }
        None
    }

    /// The public message of `error` in `language`, its placeholders
    /// filled from the error's details of the same names.
    ///
    /// # Errors
    /// When the language has no such message, or it does not format with
    /// the message's placeholders (see [`TranslationError`]).
    pub fn message<E: CatalogError + ?Sized>(
        &self,
        error: &E,
        language: &LanguageIdentifier,
    ) -> Result<String, TranslationError> {
        let entry = error.entry();
        let mut args = HashMap::new();
        let mut failed = None;
        error.visit_details(&mut |detail| {
            if failed.is_none() && entry.message().fields().any(|field| field == detail.field()) {
                match fluent_value(&detail) {
                    Some(value) => drop(args.insert(detail.field(), value)),
                    None => failed = Some(TranslationError::NotText { placeholder: detail.field() }),
                }
            }
        });
        if let Some(failed) = failed {
            return Err(failed);
        }
        if let Some(placeholder) = entry.message().fields().find(|field| !args.contains_key(field)) {
            return Err(TranslationError::NoDetail { placeholder });
        }
        self.inner.source.format(language, &self.id_of(entry.code()), &args).map_err(TranslationError::Fluent)
    }

    /// Whether `entry`'s message has a translation in `language` that
    /// formats with the placeholders of the catalog's message, each given a
    /// string: what [`testing::assert_translated`](crate::testing::assert_translated)
    /// checks for every code and language.
    ///
    /// # Errors
    /// When it has none, or it does not format.
    pub fn check(&self, entry: &Entry, language: &LanguageIdentifier) -> Result<(), TranslationError> {
        let args: HashMap<&'static str, FluentValue<'_>> = entry
            .message()
            .fields()
            .filter(|field| entry.details().contains(field))
            .map(|field| (field, FluentValue::from(field)))
            .collect();
        self.inner.source.format(language, &self.id_of(entry.code()), &args).map(drop).map_err(TranslationError::Fluent)
    }

    /// The message `id` in `language` with `args`; `None` where the
    /// language has none or it does not format.
    pub(crate) fn format(
        &self,
        language: &LanguageIdentifier,
        id: &str,
        args: &HashMap<&'static str, FluentValue<'_>>,
    ) -> Option<String> {
        self.inner.source.format(language, id, args).ok()
    }
}

/// A detail's value as a Fluent variable: a string or a number; `None` for
/// any other value.
fn fluent_value(detail: &Detail<'_>) -> Option<FluentValue<'static>> {
    serde::Serialize::serialize(&detail.value(), FluentArg).ok()
}

/// A language range of `Accept-Language` and its weight, in thousandths.
struct LanguageRange<'a> {
    tag: &'a str,
    q: u16,
}

/// The ranges of an `Accept-Language` header, highest weight first (in
/// header order among equals); the items that do not parse left out.
fn language_ranges(header: &[u8]) -> Vec<LanguageRange<'_>> {
    let Ok(header) = core::str::from_utf8(header) else { return Vec::new() };
    if header.len() > MAX_ACCEPT_LANGUAGE_LEN {
        return Vec::new();
    }
    let items: Vec<&str> =
        header.split(',').map(|item| item.trim_matches([' ', '\t'])).filter(|item| !item.is_empty()).collect();
    if items.len() > MAX_RANGES {
        return Vec::new();
    }
    let mut ranges: Vec<LanguageRange<'_>> = items.into_iter().filter_map(language_range).collect();
    ranges.sort_by_key(|range| core::cmp::Reverse(range.q));
    ranges
}

fn language_range(item: &str) -> Option<LanguageRange<'_>> {
    let mut parts = item.split(';').map(|part| part.trim_matches([' ', '\t']));
    let tag = parts.next()?;
    let subtag = |part: &str, first: bool| {
        (1..=8).contains(&part.len())
            && part.chars().all(|c| if first { c.is_ascii_alphabetic() } else { c.is_ascii_alphanumeric() })
    };
    let valid_tag = tag == "*" || {
        let mut subtags = tag.split('-');
        subtags.next().is_some_and(|first| subtag(first, true)) && subtags.all(|part| subtag(part, false))
    };
    if !valid_tag {
        return None;
    }
    let mut q = 1000;
    for parameter in parts {
        let (name, value) = parameter.split_once('=')?;
        if !name.trim_end_matches([' ', '\t']).eq_ignore_ascii_case("q") {
            return None;
        }
        q = q_value(value.trim_start_matches([' ', '\t']))?;
    }
    Some(LanguageRange { tag, q })
}

/// A `qvalue` in thousandths: `0` to `1`, at most three decimals.
fn q_value(text: &str) -> Option<u16> {
    let (whole, decimals) = text.split_once('.').unwrap_or((text, ""));
    if decimals.len() > 3 || !decimals.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let thousandths =
        decimals.bytes().chain(core::iter::repeat(b'0')).take(3).fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// Whether a language range matches a tag, as RFC 4647's basic filter:
/// the same, or a prefix of it followed by `-`.
fn matches_range(range: &str, tag: &str) -> bool {
    range == "*"
        || tag.eq_ignore_ascii_case(range)
        || (tag.len() > range.len()
            && tag.as_bytes()[range.len()] == b'-'
            && tag[..range.len()].eq_ignore_ascii_case(range))
}

/// Whether `tag` is `range` with subtags cut off its end (`de` of `de-CH`):
/// the fallback of RFC 4647's lookup.
fn is_prefix_of(tag: &str, range: &str) -> bool {
    range.len() > tag.len() && range.as_bytes()[tag.len()] == b'-' && range[..tag.len()].eq_ignore_ascii_case(tag)
}

/// Serializes a string or a number into a Fluent value; anything else fails.
struct FluentArg;

#[derive(Debug)]
struct NotText;

impl core::fmt::Display for NotText {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("neither a string nor a number")
    }
}

impl core::error::Error for NotText {}

impl serde::ser::Error for NotText {
    fn custom<T: core::fmt::Display>(_: T) -> Self {
        Self
    }
}

macro_rules! numbers {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, value: $ty) -> Result<Self::Ok, NotText> {
            Ok(FluentValue::from(value))
        }
    )*};
}

impl serde::Serializer for FluentArg {
    type Ok = FluentValue<'static>;
    type Error = NotText;
    type SerializeSeq = serde::ser::Impossible<Self::Ok, NotText>;
    type SerializeTuple = serde::ser::Impossible<Self::Ok, NotText>;
    type SerializeTupleStruct = serde::ser::Impossible<Self::Ok, NotText>;
    type SerializeTupleVariant = serde::ser::Impossible<Self::Ok, NotText>;
    type SerializeMap = serde::ser::Impossible<Self::Ok, NotText>;
    type SerializeStruct = serde::ser::Impossible<Self::Ok, NotText>;
    type SerializeStructVariant = serde::ser::Impossible<Self::Ok, NotText>;

    numbers!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
             serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64,
             serialize_f32: f32, serialize_f64: f64);

    fn serialize_str(self, value: &str) -> Result<Self::Ok, NotText> {
        Ok(FluentValue::from(value.to_string()))
    }

    // serde's default calls `to_string()`, which panics on a `Display`
    // that fails: here such a value is no text.
    fn collect_str<T: core::fmt::Display + ?Sized>(self, value: &T) -> Result<Self::Ok, NotText> {
        use core::fmt::Write as _;
        let mut text = String::new();
        write!(text, "{value}").map_err(|_| NotText)?;
        Ok(FluentValue::from(text))
    }

    fn serialize_char(self, value: char) -> Result<Self::Ok, NotText> {
        Ok(FluentValue::from(value.to_string()))
    }

    fn serialize_bool(self, value: bool) -> Result<Self::Ok, NotText> {
        Ok(FluentValue::from(if value { "true" } else { "false" }))
    }

    fn serialize_newtype_struct<T: serde::Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Self::Ok, NotText> {
        value.serialize(self)
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<Self::Ok, NotText> {
        Ok(FluentValue::from(variant))
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<Self::Ok, NotText> {
        Err(NotText)
    }

    fn serialize_none(self) -> Result<Self::Ok, NotText> {
        Err(NotText)
    }

    fn serialize_some<T: serde::Serialize + ?Sized>(self, value: &T) -> Result<Self::Ok, NotText> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<Self::Ok, NotText> {
        Err(NotText)
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<Self::Ok, NotText> {
        Err(NotText)
    }

    fn serialize_newtype_variant<T: serde::Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Self::Ok, NotText> {
        Err(NotText)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotText> {
        Err(NotText)
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotText> {
        Err(NotText)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, NotText> {
        Err(NotText)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotText> {
        Err(NotText)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotText> {
        Err(NotText)
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, NotText> {
        Err(NotText)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotText> {
        Err(NotText)
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::ToOwned;
    use std::string::String;
    use std::vec::Vec;

    use super::{language_ranges, matches_range, q_value};

    #[test]
    fn q_values_are_zero_to_one_with_three_decimals() {
        assert_eq!(q_value("1"), Some(1000));
        assert_eq!(q_value("1.000"), Some(1000));
        assert_eq!(q_value("0.5"), Some(500));
        assert_eq!(q_value("0.125"), Some(125));
        assert_eq!(q_value("0"), Some(0));
        for bad in ["1.5", "0.1234", "2", "-0.5", "", ".5", "0.x", "1.001"] {
            assert_eq!(q_value(bad), None, "{bad}");
        }
    }

    #[test]
    fn ranges_are_ordered_by_weight_and_bad_items_skipped() {
        let tags = |header: &str| -> Vec<(String, u16)> {
            language_ranges(header.as_bytes()).iter().map(|range| (range.tag.to_owned(), range.q)).collect()
        };
        assert_eq!(
            tags("fr;q=0.3, de-CH , en;q=0.9, *;q=0.1"),
            [("de-CH".into(), 1000), ("en".into(), 900), ("fr".into(), 300), ("*".into(), 100)]
        );
        assert_eq!(tags("de;level=1, en-US;q=2, toolongsubtag, 12, fr"), [("fr".into(), 1000)]);
        assert!(tags(&"en,".repeat(40)).is_empty());
        assert!(tags(&"a".repeat(5000)).is_empty());
    }

    #[test]
    fn a_range_matches_itself_and_longer_tags() {
        assert!(matches_range("de", "de-de"));
        assert!(matches_range("DE", "de"));
        assert!(!matches_range("de", "deu"));
        assert!(!matches_range("de-ch", "de"));
    }
}

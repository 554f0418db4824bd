//! A code typed by its catalog.

use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::marker::PhantomData;
use core::str::FromStr;

use crate::model::catalog::ErrorCatalog;
use crate::model::entry::Entry;
use crate::model::format::{CodeText, ParseCodeError};

/// A code of catalog `C`, as the catalog writes it.
///
/// It displays in the catalog's format and parses back with [`FromStr`],
/// whatever the catalog's [`Shape`](crate::Shape):
///
/// ```
/// use error_catalog::{Code, ErrorCatalog};
///
/// #[derive(ErrorCatalog)]
/// #[catalog(format = "ERR-{module:02}-{code:03}")]
/// enum Api {
///     #[module(1, name = "CVM API / Preflight")]
///     Preflight,
/// }
///
/// let code: Code<Api> = "ERR-01-004".parse()?;
/// assert_eq!((code.module_number(), code.number()), (1, 4));
/// assert_eq!(code.to_string(), "ERR-01-004");
/// assert!("ERR-1-4".parse::<Code<Api>>().is_err());
/// # Ok::<(), error_catalog::ParseCodeError>(())
/// ```
pub struct Code<C: ?Sized> {
    text: CodeText,
    module: u16,
    number: i64,
    catalog: PhantomData<fn() -> C>,
}

impl<C: ErrorCatalog + ?Sized> Code<C> {
    /// The code `number` in `module`, if the catalog writes numbers and its
    /// format can write these (a flat format, such as `E{code:04}`, ignores
    /// `module`). Whether the module is declared is a separate question:
    /// see [`Code::module_name`].
    #[must_use]
    pub const fn new(module: u16, number: i64) -> Option<Self> {
        match CodeText::numbers(C::INFO.format(), module, number) {
            Ok(text) => Some(Self { text, module, number, catalog: PhantomData }),
            Err(_) => None,
        }
    }

    /// The code of an entry of this catalog.
    pub(crate) const fn of_entry(entry: &Entry) -> Self {
        Self { text: entry.code_text(), module: entry.module_number(), number: entry.number(), catalog: PhantomData }
    }

    /// The code as the catalog writes it (`ERR-01-004`).
    #[must_use]
    pub const fn as_str(&self) -> &str {
        self.text.as_str()
    }

    /// The module number (1 in `ERR-01-004`); 0 when the format has none.
    #[must_use]
    pub const fn module_number(self) -> u16 {
        self.module
    }

    /// The code number (4 in `ERR-01-004`, -32601 in a JSON-RPC code); 0
    /// when the format has none.
    #[must_use]
    pub const fn number(self) -> i64 {
        self.number
    }

    /// The name the catalog gives this code's module, if it declares it:
    /// the module of a numbered code, or the range that holds a flat code.
    #[must_use]
    pub fn module_name(self) -> Option<&'static str> {
        let module = match C::INFO.format().shape() {
            crate::Shape::Flat => C::INFO.module_of_number(self.number),
            _ => C::INFO.module(self.module),
        };
        module.map(crate::model::catalog::ModuleInfo::name)
    }
}

impl<C: ErrorCatalog + ?Sized> FromStr for Code<C> {
    type Err = ParseCodeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let format = C::INFO.format();
        let (text, module, number) = CodeText::parse_numbers(format, text)?;
        Ok(Self { text, module, number, catalog: PhantomData })
    }
}

/// A code serializes as its text (`"ERR-01-004"`) and deserializes
/// through the catalog's format, as [`FromStr`] reads it: a string the
/// format does not read is an error of the deserializer.
///
/// ```
/// use error_catalog::{Code, ErrorCatalog};
/// # #[derive(ErrorCatalog)]
/// # #[catalog(format = "ERR-{module:02}-{code:03}")]
/// # enum Api { #[module(1, name = "CVM API / Preflight")] Preflight }
///
/// let code: Code<Api> = serde_json::from_str(r#""ERR-01-004""#)?;
/// assert_eq!(serde_json::to_string(&code)?, r#""ERR-01-004""#);
/// assert!(serde_json::from_str::<Code<Api>>(r#""ERR-1-4""#).is_err());
/// assert!(serde_json::from_str::<Code<Api>>("4").is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
impl<C: ?Sized> serde::Serialize for Code<C> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.text.as_str())
    }
}

impl<'de, C: ErrorCatalog + ?Sized> serde::Deserialize<'de> for Code<C> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<C: ?Sized>(PhantomData<fn() -> C>);

        impl<C: ErrorCatalog + ?Sized> serde::de::Visitor<'_> for Visitor<C> {
            type Value = Code<C>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "an error code of the catalog `{}`", C::INFO.name())
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Code<C>, E> {
                text.parse().map_err(|error: ParseCodeError| E::custom(format_args!("`{text}`: {error}")))
            }
        }

        deserializer.deserialize_str(Visitor(PhantomData))
    }
}

impl<C: ?Sized> fmt::Display for Code<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text.as_str())
    }
}

impl<C: ?Sized> fmt::Debug for Code<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Code({})", self.text.as_str())
    }
}

impl<C: ?Sized> Clone for Code<C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C: ?Sized> Copy for Code<C> {}

impl<C: ?Sized> PartialEq for Code<C> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl<C: ?Sized> Eq for Code<C> {}

impl<C: ?Sized> PartialOrd for Code<C> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// By module and code number (so `ERR-02-001` follows `ERR-01-999` whatever
/// the padding), then by text.
impl<C: ?Sized> Ord for Code<C> {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.module, self.number, self.text.as_str()).cmp(&(other.module, other.number, other.text.as_str()))
    }
}

impl<C: ?Sized> Hash for Code<C> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

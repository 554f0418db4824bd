//! The static facts of one error code: everything the catalog document, the
//! registry and the HTTP body need, built in a `static` by the derive.

use core::fmt;

use crate::model::catalog::{CatalogInfo, ModuleInfo};
use crate::model::format::CodeText;
use crate::model::grpc_code::GrpcCode;

/// One entry of the catalog: code, class name, HTTP status, message
/// template, description and the fields that reach the public body.
///
/// Every catalog error points at its entry with
/// [`CatalogError::entry`](crate::CatalogError::entry); it lives in a
/// `static`, so reading it costs nothing.
///
/// Built by the derive with a struct literal: a constant initializer with no
/// call costs the compiler less, per code, than a `const fn` constructor.
#[derive(Debug)]
pub struct Entry(#[doc(hidden)] pub EntryParts);

#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub struct EntryParts {
    pub catalog: &'static CatalogInfo,
    pub module: Option<u16>,
    pub number: i64,
    pub code: CodeText,
    pub class_name: &'static str,
    pub aliases: &'static [&'static str],
    pub status: Option<u16>,
    pub message: MessageTemplate,
    pub description: &'static str,
    pub explanation: &'static str,
    pub details: &'static [&'static str],
    pub suggestions: &'static [&'static str],
    pub links: &'static [Link],
    pub severity: Option<Severity>,
    pub retryable: Option<bool>,
    pub retry_after: Option<u32>,
    pub grpc: Option<GrpcCode>,
    pub reason: &'static str,
    pub type_path: &'static str,
}

impl EntryParts {
    /// What an entry says of what its attribute does not: the derive writes
    /// only the keys a code sets, `..DEFAULT` gives the rest.
    pub const DEFAULT: Self = Self {
        catalog: &CatalogInfo::STAND_IN,
        module: None,
        number: 0,
        code: CodeText::EMPTY,
        class_name: "",
        aliases: &[],
        status: None,
        message: MessageTemplate { __template: "", __pieces: &[] },
        description: "",
        explanation: "",
        details: &[],
        suggestions: &[],
        links: &[],
        severity: None,
        retryable: None,
        retry_after: None,
        grpc: None,
        reason: "",
        type_path: "",
    };
}

impl Entry {
    /// The catalog this entry belongs to.
    #[must_use]
    pub const fn catalog(&self) -> &'static CatalogInfo {
        self.0.catalog
    }

    /// The code as the catalog writes it (`ERR-01-004`).
    #[must_use]
    pub const fn code(&self) -> &str {
        self.0.code.as_str()
    }

    pub(crate) const fn code_text(&self) -> CodeText {
        self.0.code
    }

    /// The module number (1 in `ERR-01-004`), or the number of the group a
    /// text code is listed under; 0 when it has neither.
    #[must_use]
    pub const fn module_number(&self) -> u16 {
        match self.0.module {
            Some(module) => module,
            None => 0,
        }
    }

    /// The module the catalog lists this code under, if any.
    #[must_use]
    pub fn module(&self) -> Option<&'static ModuleInfo> {
        self.0.module.and_then(|module| self.0.catalog.module(module))
    }

    /// The name the catalog gives this entry's module; empty when it has none.
    #[must_use]
    pub fn module_name(&self) -> &'static str {
        self.module().map_or("", ModuleInfo::name)
    }

    /// The code's number, for every output that wants an integer (JSON-RPC's
    /// `error.code`, Twilio's `code`): 4 in `ERR-01-004`, 308 in `E0308`,
    /// -32601 in a catalog of JSON-RPC codes, `0x8007_0005` in `0x80070005`;
    /// 0 for a text code.
    #[must_use]
    pub const fn number(&self) -> i64 {
        self.0.number
    }

    /// The exception class name clients see (`DuplicateCvmNameError`).
    #[must_use]
    pub const fn class_name(&self) -> &'static str {
        self.0.class_name
    }

    /// Other names of the same code (`#[catalog(alias = "...")]`).
    #[must_use]
    pub const fn aliases(&self) -> &'static [&'static str] {
        self.0.aliases
    }

    /// The HTTP status (`409`); for an error of a catalog outside HTTP,
    /// which has none, 500.
    #[must_use]
    pub const fn status(&self) -> u16 {
        match self.0.status {
            Some(status) => status,
            None => 500,
        }
    }

    /// The HTTP status, when the catalog has HTTP statuses.
    #[must_use]
    pub const fn http_status(&self) -> Option<u16> {
        self.0.status
    }

    /// The public message, static or a template over fields.
    #[must_use]
    pub const fn message(&self) -> &MessageTemplate {
        &self.0.message
    }

    /// What the error means, for the catalog document; by default the first
    /// paragraph of the type's or variant's doc comment.
    #[must_use]
    pub const fn description(&self) -> &'static str {
        self.0.description
    }

    /// The rest of the doc comment after its first paragraph, as written
    /// (Markdown: causes, how to fix it, code blocks), less the indent its
    /// lines share; empty when the comment has one paragraph. The pages of
    /// each code and `error-catalog explain` show it, as `rustc --explain`
    /// shows a code's long explanation.
    ///
    /// ```
    /// use error_catalog::{CatalogError, ErrorCatalog};
    /// # #[derive(ErrorCatalog)]
    /// # #[catalog(format = "E{code:04}", http = false)]
    /// # pub enum Catalog {}
    ///
    /// /// Mismatched types.
    /// ///
    /// /// The compiler expected one type and found another:
    /// ///
    /// /// ```text
    /// /// let x: i32 = "I am not a number!";
    /// /// ```
    /// #[derive(Debug, CatalogError)]
    /// #[catalog(code = 308, message = "mismatched types")]
    /// pub struct MismatchedTypes;
    ///
    /// # fn main() {
    /// let entry = MismatchedTypes.entry();
    /// assert_eq!(entry.description(), "Mismatched types.");
    /// assert_eq!(
    ///     entry.explanation(),
    ///     "The compiler expected one type and found another:\n\n```text\nlet x: i32 = \"I am not a number!\";\n```"
    /// );
    /// # }
    /// ```
    #[must_use]
    pub const fn explanation(&self) -> &'static str {
        self.0.explanation
    }

    /// The names of the fields that reach the public body as `details`.
    #[must_use]
    pub const fn details(&self) -> &'static [&'static str] {
        self.0.details
    }

    /// What a client can do about the error.
    #[must_use]
    pub const fn suggestions(&self) -> &'static [&'static str] {
        self.0.suggestions
    }

    /// Links to documentation about the error.
    #[must_use]
    pub const fn links(&self) -> &'static [Link] {
        self.0.links
    }

    /// The one documentation URL of the code: the catalog's page of it
    /// (`link_template`), else the code's first `link(...)`; `None` with
    /// neither. Every output that has a documentation URL writes this one:
    /// problem+json's `type`, gRPC's `Help`, miette's `url()`, the catalog
    /// document's `url`.
    ///
    /// ```
    /// # use error_catalog::{CatalogError, ErrorCatalog};
    /// #[derive(ErrorCatalog)]
    /// #[catalog(format = "E{code:04}", link_template = "https://doc.rust-lang.org/error_codes/{code}.html")]
    /// pub enum Catalog {}
    ///
    /// #[derive(Debug, CatalogError)]
    /// #[catalog(code = 308, message = "mismatched types")]
    /// pub struct MismatchedTypes;
    ///
    /// # fn main() {
    /// let url = MismatchedTypes.entry().doc_url().unwrap();
    /// assert_eq!(url.to_string(), "https://doc.rust-lang.org/error_codes/E0308.html");
    /// # }
    /// ```
    #[must_use]
    pub fn doc_url(&self) -> Option<DocUrl<'_>> {
        if self.0.catalog.link_template().is_some() {
            return Some(DocUrl::Page(self));
        }
        self.0.links.first().map(|link| DocUrl::Link(link.url()))
    }

    /// How grave the condition is, when the error says
    /// (`#[catalog(severity = "warning")]`).
    #[must_use]
    pub const fn severity(&self) -> Option<Severity> {
        self.0.severity
    }

    /// Whether the same request may succeed if sent again, when the error
    /// says (`#[catalog(retryable = true)]`).
    #[must_use]
    pub const fn retryable(&self) -> Option<bool> {
        self.0.retryable
    }

    /// The fixed delay after which the same request may succeed, when the
    /// code states one (`#[catalog(retry_after = 30)]`, in seconds): HTTP's
    /// `Retry-After` and gRPC's `RetryInfo`. A delay that a field holds
    /// (`#[catalog(retry_after)]`) is the value's, read by
    /// [`CatalogError::retry_after`](crate::CatalogError::retry_after).
    ///
    /// ```
    /// # use error_catalog::{CatalogError, ErrorCatalog};
    /// # #[derive(ErrorCatalog)]
    /// # #[catalog(format = "ERR-{module:02}-{code:03}")]
    /// # pub enum Catalog { #[module(5, name = "Limits")] Limits }
    /// #[derive(Debug, CatalogError)]
    /// #[catalog(module = 5, code = 1, status = 503, retry_after = 30, message = "Try again shortly")]
    /// pub struct MaintenanceError;
    ///
    /// # fn main() {
    /// let entry = MaintenanceError.entry();
    /// assert_eq!(entry.retry_after(), Some(core::time::Duration::from_secs(30)));
    /// assert_eq!(entry.retryable(), Some(true)); // a delay says it is retryable
    /// # }
    /// ```
    #[must_use]
    pub const fn retry_after(&self) -> Option<core::time::Duration> {
        match self.0.retry_after {
            Some(seconds) => Some(core::time::Duration::from_secs(seconds as u64)),
            None => None,
        }
    }

    /// The gRPC status code the error states (`#[catalog(grpc = "...")]`);
    /// `None` when it is left to its HTTP status.
    #[must_use]
    pub const fn grpc(&self) -> Option<GrpcCode> {
        self.0.grpc
    }

    /// The machine-readable reason of gRPC's `ErrorInfo` (AIP-193): the
    /// class name in upper snake case (`DUPLICATE_CVM_NAME_ERROR`), or what
    /// `#[catalog(reason = "...")]` says.
    #[must_use]
    pub const fn reason(&self) -> &'static str {
        self.0.reason
    }

    /// The Rust path of the type that owns the code
    /// (`my_service::cvm::DuplicateCvmNameError`, or
    /// `my_service::InventoryError::InstanceTypeNotFound` for a variant).
    #[must_use]
    pub const fn type_path(&self) -> &'static str {
        self.0.type_path
    }
}

/// How grave the condition an error code reports is, as catalogs such as
/// SQLSTATE state it per code (`S`, `W`, `E`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Severity {
    /// Not an error: the operation succeeded (SQLSTATE class `00`).
    Success,
    /// For information only.
    Info,
    /// The operation completed with something to know (SQLSTATE `01`).
    Warning,
    /// The operation failed.
    Error,
}

impl Severity {
    /// The name written in the attribute and the documents (`warning`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// A severity serializes as its name (`"warning"`) and deserializes from it.
///
/// ```
/// use error_catalog::Severity;
///
/// assert_eq!(serde_json::to_string(&Severity::Warning)?, r#""warning""#);
/// assert_eq!(serde_json::from_str::<Severity>(r#""info""#)?, Severity::Info);
/// assert!(serde_json::from_str::<Severity>(r#""fatal""#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
impl serde::Serialize for Severity {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Severity {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = Severity;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("one of `error`, `warning`, `info`, `success`")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Severity, E> {
                [Severity::Error, Severity::Warning, Severity::Info, Severity::Success]
                    .into_iter()
                    .find(|severity| severity.as_str() == text)
                    .ok_or_else(|| E::unknown_variant(text, &["error", "warning", "info", "success"]))
            }
        }

        deserializer.deserialize_str(Visitor)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A public message: literal text and placeholders naming fields.
///
/// `"A CVM with name '{name}' already exists"` is the text
/// `A CVM with name '`, the field `name`, and the text `' already exists`.
#[derive(Debug, Clone, Copy)]
pub struct MessageTemplate {
    #[doc(hidden)]
    pub __template: &'static str,
    #[doc(hidden)]
    pub __pieces: &'static [Piece],
}

impl MessageTemplate {
    /// The template as written in the attribute, braces included.
    #[must_use]
    pub const fn template(&self) -> &'static str {
        self.__template
    }

    /// The template's literal text and placeholders, in order.
    #[must_use]
    pub const fn pieces(&self) -> &'static [Piece] {
        self.__pieces
    }

    /// Whether the message depends on the error's fields.
    #[must_use]
    pub fn is_dynamic(&self) -> bool {
        self.__pieces.iter().any(|piece| matches!(piece, Piece::Field(_)))
    }

    /// The message, when it is the same for every value of the error.
    #[must_use]
    pub fn static_text(&self) -> Option<&'static str> {
        match self.__pieces {
            [] => Some(""),
            [Piece::Text(text)] => Some(text),
            _ => None,
        }
    }

    /// The names of the fields the message reads, in order.
    pub fn fields(&self) -> impl Iterator<Item = &'static str> + Clone + use<> {
        self.__pieces.iter().filter_map(|piece| match piece {
            Piece::Field(field) => Some(*field),
            Piece::Text(_) => None,
        })
    }
}

impl fmt::Display for MessageTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.__template)
    }
}

/// A part of a [`MessageTemplate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece {
    /// Literal text, with `{{` and `}}` already read as braces.
    Text(&'static str),
    /// A placeholder: the name of a field, or its index for tuple fields.
    Field(&'static str),
}

/// A link to documentation, declared with
/// `#[catalog(link(url = "...", label = "..."))]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    #[doc(hidden)]
    pub __url: &'static str,
    #[doc(hidden)]
    pub __label: &'static str,
}

impl Link {
    /// Where the link points.
    #[must_use]
    pub const fn url(&self) -> &'static str {
        self.__url
    }

    /// The text to show for it.
    #[must_use]
    pub const fn label(&self) -> &'static str {
        self.__label
    }
}

/// The documentation URL of a code ([`Entry::doc_url`]): written by its
/// `Display`, without allocating.
#[derive(Debug, Clone, Copy)]
pub enum DocUrl<'a> {
    /// The catalog's page of the code, from its `link_template`.
    Page(&'a Entry),
    /// The code's own first link.
    Link(&'static str),
}

impl DocUrl<'_> {
    /// Whether the URL is the catalog's page of the code rather than one of
    /// the code's own links.
    #[must_use]
    pub const fn is_page(&self) -> bool {
        matches!(self, Self::Page(_))
    }
}

impl serde::Serialize for DocUrl<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl fmt::Display for DocUrl<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Page(entry) => entry.catalog().write_link(entry.code(), f),
            Self::Link(url) => f.write_str(url),
        }
    }
}

/// A field of an error marked `#[catalog(detail)]`: its name and its value,
/// ready to serialize into the public body.
#[derive(Clone, Copy)]
pub struct Detail<'a> {
    field: &'static str,
    value: DetailValue<'a>,
}

/// The value of a [`Detail`]: serializable with any serde serializer.
///
/// Strings, the most common details, are kept as they are; any other value
/// goes through `erased_serde`. The derive picks the first form for fields
/// it sees are `String` or `&str`, so that the body of an error with string
/// details costs what a hand-written struct costs.
#[derive(Clone, Copy)]
pub struct DetailValue<'a>(Value<'a>);

#[derive(Clone, Copy)]
enum Value<'a> {
    Str(&'a str),
    Any(&'a dyn erased_serde::Serialize),
}

impl<'a> DetailValue<'a> {
    /// A string value.
    #[must_use]
    pub const fn str(value: &'a str) -> Self {
        Self(Value::Str(value))
    }

    /// Any serializable value.
    pub fn any<T: serde::Serialize>(value: &'a T) -> Self {
        Self(Value::Any(value))
    }
}

impl serde::Serialize for DetailValue<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Str(text) => serializer.serialize_str(text),
            Value::Any(value) => erased_serde::serialize(value, serializer),
        }
    }
}

impl fmt::Debug for DetailValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DetailValue(..)")
    }
}

impl<'a> Detail<'a> {
    /// A detail named `field` with `value`.
    pub fn new<T: serde::Serialize>(field: &'static str, value: &'a T) -> Self {
        Self { field, value: DetailValue::any(value) }
    }

    /// A detail named `field` with `value`, however it was made.
    #[must_use]
    pub const fn with_value(field: &'static str, value: DetailValue<'a>) -> Self {
        Self { field, value }
    }

    /// The field name clients see.
    #[must_use]
    pub const fn field(&self) -> &'static str {
        self.field
    }

    /// The value, serializable with any serde serializer.
    #[must_use]
    pub const fn value(&self) -> DetailValue<'a> {
        self.value
    }
}

impl fmt::Debug for Detail<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Detail").field("field", &self.field).finish_non_exhaustive()
    }
}

/// `{"url": ..., "label": ...}`: a link as the error body and the catalog
/// document write it.
impl serde::Serialize for Link {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;

        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("url", self.__url)?;
        map.serialize_entry("label", self.__label)?;
        map.end()
    }
}

// What an entry's facts make of the gRPC code table: here, so that the
// table (`grpc_code.rs`) depends on nothing.
impl GrpcCode {
    /// The code of an error: what its `grpc = "..."` key states, else its
    /// HTTP status by [`from_http`](Self::from_http), else
    /// [`fallback_for_http`](Self::fallback_for_http). An error of a
    /// catalog outside HTTP that states no code is `INTERNAL`, as its
    /// status is 500.
    ///
    /// ```
    /// use error_catalog::{CatalogError, ErrorCatalog, GrpcCode};
    /// # #[derive(ErrorCatalog)]
    /// # #[catalog(format = "ERR-{module:02}-{code:03}")]
    /// # pub enum Catalog { #[module(1, name = "Preflight")] Preflight }
    ///
    /// #[derive(Debug, CatalogError)]
    /// #[catalog(module = 1, code = 4, status = 409)]
    /// struct DuplicateCvmNameError;
    ///
    /// #[derive(Debug, CatalogError)]
    /// #[catalog(module = 1, code = 7, status = 467, grpc = "ABORTED")]
    /// struct TxVerificationFailed;
    ///
    /// #[derive(Debug, CatalogError)]
    /// #[catalog(module = 1, code = 5, status = 465)]
    /// struct HashRegistrationRequired;
    ///
    /// # fn main() {
    /// assert_eq!(GrpcCode::of(DuplicateCvmNameError.entry()), GrpcCode::AlreadyExists);
    /// assert_eq!(GrpcCode::of(TxVerificationFailed.entry()), GrpcCode::Aborted);
    /// assert_eq!(GrpcCode::of(HashRegistrationRequired.entry()), GrpcCode::FailedPrecondition);
    /// assert!(GrpcCode::is_fallback(HashRegistrationRequired.entry()));
    /// # }
    /// ```
    #[must_use]
    pub const fn of(entry: &Entry) -> Self {
        if let Some(code) = entry.grpc() {
            return code;
        }
        match Self::from_http(entry.status()) {
            Some(code) => code,
            None => Self::fallback_for_http(entry.status()),
        }
    }

    /// Whether [`of`](Self::of) gives `entry` the default of
    /// [`fallback_for_http`](Self::fallback_for_http): it states no code and
    /// its status is outside the table, or it has no HTTP status.
    #[must_use]
    pub const fn is_fallback(entry: &Entry) -> bool {
        entry.grpc().is_none() && (entry.http_status().is_none() || Self::from_http(entry.status()).is_none())
    }
}

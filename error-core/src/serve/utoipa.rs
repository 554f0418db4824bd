//! OpenAPI descriptions of catalog errors, for [utoipa](https://docs.rs/utoipa/6)
//! (feature `utoipa`).
//!
//! Every catalog error type is a utoipa `IntoResponses` (the derive writes
//! the impl when this feature is on), and so is [`Errors`], the list of the
//! error types of one route. Name the route's errors once, in its
//! `#[utoipa::path]`:
//!
//! ```
//! use error_catalog::utoipa::{ErrorExamples, Errors};
//! use error_catalog::{CatalogError, ErrorCatalog};
//!
//! #[derive(ErrorCatalog)]
//! #[catalog(format = "ERR-{module:02}-{code:03}", default_status = 400)]
//! pub enum Catalog {
//!     #[module(1, name = "CVM API")]
//!     Cvm,
//! }
//!
//! /// Raised when a CVM name already exists in the workspace
//! #[derive(Debug, CatalogError)]
//! #[catalog(module = 1, code = 4, status = 409, message = "A CVM with name '{name}' already exists")]
//! pub struct DuplicateCvmNameError {
//!     #[catalog(detail)]
//!     pub name: String,
//! }
//!
//! /// Raised when no node can take the CVM
//! #[derive(Debug, CatalogError)]
//! #[catalog(module = 1, code = 5, status = 409, message = "No available resources match your requirements")]
//! pub struct ResourceNotAvailableError;
//!
//! // The document shows the body of this value as the example of ERR-01-004.
//! impl ErrorExamples for DuplicateCvmNameError {
//!     fn examples() -> Vec<Self> {
//!         vec![Self { name: "web-1".into() }]
//!     }
//! }
//!
//! #[utoipa::path(post, path = "/cvms", responses(
//!     (status = 201, description = "the CVM"),
//!     Errors<(DuplicateCvmNameError, ResourceNotAvailableError)>,
//! ))]
//! async fn provision() {}
//!
//! #[derive(utoipa::OpenApi)]
//! #[openapi(paths(provision))]
//! struct Api;
//!
//! # fn main() {
//! use utoipa::OpenApi as _;
//! let document = serde_json::to_value(Api::openapi()).unwrap();
//! let conflict = &document["paths"]["/cvms"]["post"]["responses"]["409"]["content"]["application/json"];
//! // Both codes under one status, each with its example body,
//! assert_eq!(
//!     conflict["examples"]["ERR-01-004"]["value"],
//!     serde_json::json!({
//!         "error_code": "ERR-01-004",
//!         "message": "A CVM with name 'web-1' already exists",
//!         "details": [{"field": "name", "value": "web-1", "message": null}],
//!     })
//! );
//! assert_eq!(conflict["examples"]["ERR-01-005"]["value"]["message"], "No available resources match your requirements");
//! // and the closed set of the codes of this response.
//! assert_eq!(conflict["schema"]["properties"]["error_code"]["enum"], serde_json::json!(["ERR-01-004", "ERR-01-005"]));
//! # }
//! ```
//!
//! # One response per status
//!
//! utoipa keeps one response per status and, when two `IntoResponses` give
//! the same status, the later one replaces the earlier (utoipa issues 317,
//! 705, 1384). So a route lists its errors in one [`Errors`]: it groups
//! their codes by status, and each status's response carries all of them:
//!
//! - a description that lists the codes, with class names and descriptions;
//! - the schema of the body, whose `error_code` is the enum of these codes
//!   only, so that a client generator gets a closed set per response;
//! - one example per code, named by the code.
//!
//! A single error type (`responses(DuplicateCvmNameError)`) is a list of one.
//! Two separate entries that share a status
//! (`responses(DuplicateCvmNameError, ResourceNotAvailableError)`) still
//! overwrite each other: that is utoipa's merge, which this crate cannot see.
//!
//! # Examples
//!
//! An example is a real body: the one [`Body`] writes for
//! a value of the type, without `request_id` (which differs per request). The
//! values come from [`ErrorExamples`], which the application implements where
//! it knows what its routes answer; a test can then fetch each route's error
//! and compare it with the document. A code without an example value shows
//! its template instead: the message as the catalog writes it, with each
//! placeholder as `{field}`, and each detail's value as the string
//! `"{field}"`. It is then the real body only when the message is static and
//! there are no details. The entry alone cannot do better: it knows the
//! names of the details, not their values or types.
//!
//! The derive finds an `ErrorExamples` impl of its type when the type is not
//! generic (a generic type's document shows templates). An example value
//! whose body cannot be written (a detail whose `Serialize` fails, or past
//! [`DetailLimits::DEFAULT`](crate::body::DetailLimits::DEFAULT)) is left out.
//!
//! # Schemas
//!
//! [`Body`] and `body::Problem` (feature `problem-json`) are `ToSchema` for
//! any `E` that is [`DocumentedErrors`]: a catalog error type, a tuple of
//! them or an [`Errors`]. Their `error_code` is the enum of the codes of `E`,
//! and `details[].field` the enum of their detail names. The responses of
//! [`Errors`] carry the same schema inline, made for the codes of their
//! status alone: a schema per status, which a component shared by every
//! response could not be (and `IntoResponses` cannot add components to the
//! document anyway).
//!
//! The responses describe the flat body, `application/json`, the format of
//! `http::ErrorResponses::new()`, unless the application says which format
//! it serves with [`describe_format`] before it makes the document: the
//! format is chosen when the application starts, the document is made from
//! types. Each example is then written in that format, under its content
//! type, with the schema of problem+json for [`Problem`](crate::formats::Problem),
//! or the one [`describe_format_with_schema`] gives.

use std::borrow::Cow;
use std::boxed::Box;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::marker::PhantomData;
use std::string::{String, ToString};
use std::sync::{Arc, PoisonError, RwLock};
use std::vec::Vec;
use std::{format, vec};

use serde_json::{Value, json};
use utoipa::openapi::example::ExampleBuilder;
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, SchemaType, Type};
use utoipa::openapi::{ContentBuilder, RefOr, Response, ResponseBuilder};

use crate::model::entry::{Entry, Piece};
use crate::model::error::CatalogError;
use crate::wire::body::Body;
use crate::wire::formats::{Flat, WireFormat};
use crate::wire::public::PublicError;

/// The format the responses describe, when the application named one.
static DESCRIBED: RwLock<Option<Arc<Described>>> = RwLock::new(None);

/// A format the responses describe, and its schema.
struct Described {
    format: Arc<dyn WireFormat>,
    schema: Shape,
}

/// The schema of a described format's body.
enum Shape {
    Flat,
    #[cfg(feature = "problem-json")]
    Problem,
    Given(Box<RefOr<Schema>>),
    /// A format of the application's own, without a schema: an object (or
    /// a string, for a format that is not JSON) with its examples.
    Unknown,
}

/// The responses of every catalog error describe `format`, the body format
/// the application serves (`http::ErrorResponses::with_format`): its
/// content type, each example written in it, and its schema for the flat
/// body and [`Problem`](crate::formats::Problem) (for another format, a
/// described object: [`describe_format_with_schema`] gives its schema).
/// Call it once when the application starts, before it makes the document.
///
/// ```standalone_crate
/// # use error_catalog::{CatalogError, ErrorCatalog};
/// # #[derive(ErrorCatalog)]
/// # #[catalog(format = "ERR-{module:02}-{code:03}")]
/// # pub enum Catalog { #[module(1, name = "CVM API / Preflight")] Preflight }
/// #[derive(Debug, CatalogError)]
/// #[catalog(module = 1, code = 4, status = 409, message = "A CVM with name '{name}' already exists")]
/// pub struct DuplicateCvmNameError {
///     #[catalog(detail)]
///     pub name: String,
/// }
/// impl error_catalog::utoipa::ErrorExamples for DuplicateCvmNameError {
///     fn examples() -> Vec<Self> {
///         vec![Self { name: "web-1".into() }]
///     }
/// }
///
/// # fn main() {
/// use utoipa::IntoResponses as _;
///
/// error_catalog::utoipa::describe_format(error_catalog::formats::s3::S3);
/// let responses = DuplicateCvmNameError::responses();
/// let conflict = serde_json::to_value(&responses["409"]).unwrap();
/// let xml = &conflict["content"]["application/xml"]["examples"]["ERR-01-004"]["value"];
/// assert!(xml.as_str().unwrap().contains("<Code>ERR-01-004</Code>"));
/// # error_catalog::utoipa::describe_format(error_catalog::formats::Flat);
/// # }
/// ```
pub fn describe_format<F: WireFormat>(format: F) {
    let id = core::any::TypeId::of::<F>();
    let schema = if id == core::any::TypeId::of::<Flat>() {
        Shape::Flat
    } else {
        #[cfg(feature = "problem-json")]
        if id == core::any::TypeId::of::<crate::formats::Problem>() {
            return describe(Arc::new(format), Shape::Problem);
        }
        Shape::Unknown
    };
    describe(Arc::new(format), schema);
}

/// As [`describe_format`], for a format of the application's own whose
/// body `schema` describes.
pub fn describe_format_with_schema<F: WireFormat>(format: F, schema: impl Into<RefOr<Schema>>) {
    describe(Arc::new(format), Shape::Given(Box::new(schema.into())));
}

fn describe(format: Arc<dyn WireFormat>, schema: Shape) {
    *DESCRIBED.write().unwrap_or_else(PoisonError::into_inner) = Some(Arc::new(Described { format, schema }));
}

fn described() -> Option<Arc<Described>> {
    DESCRIBED.read().unwrap_or_else(PoisonError::into_inner).clone()
}

/// The body of `error` in `format`, as an example's value: JSON as JSON,
/// any other text as a string.
fn example_in(format: &dyn WireFormat, error: &(impl CatalogError + ?Sized)) -> Option<Value> {
    let mut out = Vec::new();
    PublicError::with(error, |view| format.write_body(view, &mut out)).ok()?;
    if format.content_type().contains("json") {
        serde_json::from_slice(&out).ok()
    } else {
        String::from_utf8(out).ok().map(Value::String)
    }
}

/// The values an error type shows as examples in the OpenAPI document: the
/// body of each is the example of its code.
///
/// Implement it where the values are known, next to the routes: the document
/// then shows what the routes really answer.
pub trait ErrorExamples: CatalogError + Sized {
    /// The example values, at most one per code is useful: a second value of
    /// the same code is shown as `CODE (2)`.
    fn examples() -> Vec<Self>;
}

/// The catalog errors a response may carry: implemented by the derive for
/// each catalog error type (feature `utoipa`), and for tuples of such types
/// and [`Errors`].
pub trait DocumentedErrors {
    /// Adds the codes, and their examples, to `errors`.
    fn document(errors: &mut ErrorSet);
}

/// The error types of one route, for `#[utoipa::path(responses(...))]`:
/// `Errors<(NotFound, Conflict)>` describes their codes grouped by status.
/// A tuple takes up to 16 types; a tuple inside a tuple counts as one.
pub struct Errors<T: ?Sized>(PhantomData<T>);

impl<T: DocumentedErrors + ?Sized> DocumentedErrors for Errors<T> {
    fn document(errors: &mut ErrorSet) {
        T::document(errors);
    }
}

impl<T: DocumentedErrors + ?Sized> utoipa::IntoResponses for Errors<T> {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        responses::<T>()
    }
}

macro_rules! tuples {
    ($($name:ident)+) => {
        impl<$($name: DocumentedErrors),+> DocumentedErrors for ($($name,)+) {
            fn document(errors: &mut ErrorSet) {
                $($name::document(errors);)+
            }
        }
    };
}

tuples!(A);
tuples!(A B);
tuples!(A B C);
tuples!(A B C D);
tuples!(A B C D E);
tuples!(A B C D E F);
tuples!(A B C D E F G);
tuples!(A B C D E F G H);
tuples!(A B C D E F G H I);
tuples!(A B C D E F G H I J);
tuples!(A B C D E F G H I J K);
tuples!(A B C D E F G H I J K L);
tuples!(A B C D E F G H I J K L M);
tuples!(A B C D E F G H I J K L M N);
tuples!(A B C D E F G H I J K L M N O);
tuples!(A B C D E F G H I J K L M N O P);

/// The codes of one or more error types, each with its example bodies, in
/// the order the types and their codes were declared.
#[derive(Debug, Default)]
pub struct ErrorSet {
    labels: Vec<&'static str>,
    codes: Vec<DocumentedCode>,
}

#[derive(Debug)]
struct DocumentedCode {
    entry: &'static Entry,
    /// The bodies of the example values, in order.
    examples: Vec<Value>,
}

impl ErrorSet {
    /// The codes of `E`.
    #[must_use]
    pub fn of<E: DocumentedErrors + ?Sized>() -> Self {
        let mut errors = Self::default();
        E::document(&mut errors);
        errors
    }

    /// Adds the codes of the error type `E`, named `label` (its type name,
    /// for the names of schemas), with the body of each of `examples` as an
    /// example of its code. A code already in the set is kept once.
    pub fn add<E: CatalogError>(&mut self, label: &'static str, examples: &[E]) {
        if !self.labels.contains(&label) {
            self.labels.push(label);
        }
        for entry in E::entries() {
            if !self.codes.iter().any(|code| core::ptr::eq(code.entry, *entry)) {
                self.codes.push(DocumentedCode { entry, examples: Vec::new() });
            }
        }
        let described = described();
        for example in examples {
            let entry = example.entry();
            let body = match &described {
                Some(described) => example_in(&*described.format, example),
                None => serde_json::to_value(Body::new(example)).ok(),
            };
            let Some(body) = body else { continue };
            if let Some(code) = self.codes.iter_mut().find(|code| core::ptr::eq(code.entry, entry)) {
                code.examples.push(body);
            }
        }
    }

    /// The entries of the set, in order.
    pub fn entries(&self) -> impl Iterator<Item = &'static Entry> + '_ {
        self.codes.iter().map(|code| code.entry)
    }

    /// The responses of the set, one per status, keyed by status.
    #[must_use]
    pub fn responses(&self) -> BTreeMap<String, RefOr<Response>> {
        let mut by_status: BTreeMap<u16, Vec<&DocumentedCode>> = BTreeMap::new();
        for code in &self.codes {
            by_status.entry(code.entry.status()).or_default().push(code);
        }
        by_status.into_iter().map(|(status, codes)| (status.to_string(), response(status, &codes).into())).collect()
    }

    /// The name of a schema of these errors: the type names, joined by `Or`.
    fn label(&self) -> String {
        self.labels.join("Or")
    }
}

/// The responses of the errors `E`: one per status. What the derived
/// `IntoResponses` of a catalog error type returns.
#[must_use]
pub fn responses<E: DocumentedErrors + ?Sized>() -> BTreeMap<String, RefOr<Response>> {
    ErrorSet::of::<E>().responses()
}

/// The response for `status`, which all of `codes` answer.
fn response(status: u16, codes: &[&DocumentedCode]) -> Response {
    let mut description = match crate::model::status::reason_phrase(status) {
        Some(phrase) => format!("{phrase}: one of these catalog errors\n"),
        None => format!("HTTP {status}: one of these catalog errors\n"),
    };
    for code in codes {
        let entry = code.entry;
        let _ = write!(description, "\n- `{}` {}", entry.code(), entry.class_name());
        if !entry.description().is_empty() {
            let _ = write!(description, ": {}", entry.description());
        }
    }
    let entries: Vec<&'static Entry> = codes.iter().map(|code| code.entry).collect();
    let described = described();
    let flat = described.as_ref().is_none_or(|described| matches!(described.schema, Shape::Flat));
    let mut examples = Vec::new();
    for code in codes {
        let entry = code.entry;
        let summary = format!("{} {}", entry.code(), entry.class_name());
        // The template's body is the flat one's: other formats show their
        // example values only.
        if code.examples.is_empty() && flat {
            let example = ExampleBuilder::new()
                .summary(summary.clone())
                .description("The message as the catalog writes it: `{field}` stands for a value")
                .value(Some(template_body(entry)));
            examples.push((entry.code().to_string(), example.build()));
        }
        for (index, body) in code.examples.iter().enumerate() {
            let name = if index == 0 { entry.code().to_string() } else { format!("{} ({})", entry.code(), index + 1) };
            examples.push((name, ExampleBuilder::new().summary(summary.clone()).value(Some(body.clone())).build()));
        }
    }
    let (content_type, schema) = match &described {
        None => ("application/json", body_schema(&entries).into()),
        Some(described) => (described.format.content_type(), schema_of(described, &entries)),
    };
    let content = ContentBuilder::new().schema(Some(schema)).examples_from_iter(examples).build();
    ResponseBuilder::new().description(description).content(content_type, content).build()
}

/// The schema of the body of `entries` in a described format.
fn schema_of(described: &Described, entries: &[&'static Entry]) -> RefOr<Schema> {
    match &described.schema {
        Shape::Flat => body_schema(entries).into(),
        #[cfg(feature = "problem-json")]
        Shape::Problem => problem_schema(entries).into(),
        Shape::Given(schema) => (**schema).clone(),
        Shape::Unknown => {
            let description = format!("A catalog error, as {:?} writes it (see the examples)", described.format);
            let json = described.format.content_type().contains("json");
            let builder = if json { ObjectBuilder::new() } else { string() };
            Schema::Object(builder.description(Some(description)).build()).into()
        }
    }
}

/// The body of `entry` as its template: what the flat body says, with the
/// template's placeholders and `"{field}"` for each detail's value.
fn template_body(entry: &Entry) -> Value {
    let mut message = String::new();
    for piece in entry.message().pieces() {
        match piece {
            Piece::Text(text) => message.push_str(text),
            Piece::Field(field) => {
                let _ = write!(message, "{{{field}}}");
            }
        }
    }
    let mut body = serde_json::Map::new();
    body.insert("error_code".into(), entry.code().into());
    body.insert("message".into(), message.into());
    if !entry.details().is_empty() {
        let details = entry
            .details()
            .iter()
            .map(|field| json!({"field": field, "value": format!("{{{field}}}"), "message": null}));
        body.insert("details".into(), details.collect());
    }
    if !entry.suggestions().is_empty() {
        body.insert("suggestions".into(), entry.suggestions().into());
    }
    if !entry.links().is_empty() {
        body.insert(
            "links".into(),
            entry.links().iter().map(|link| json!({"url": link.url(), "label": link.label()})).collect(),
        );
    }
    Value::Object(body)
}

fn string() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::String)
}

/// A string that is one of `values`.
fn one_of<'a>(values: impl IntoIterator<Item = &'a str>) -> ObjectBuilder {
    let mut unique: Vec<&str> = Vec::new();
    for value in values {
        if !unique.contains(&value) {
            unique.push(value);
        }
    }
    string().enum_values(Some(unique))
}

/// The members both body formats share: `error_code`, `request_id`,
/// `details`, `suggestions` and `links`, the last three only when an entry
/// has them (the body leaves them out when empty).
fn shared_members(mut object: ObjectBuilder, entries: &[&'static Entry]) -> ObjectBuilder {
    object = object
        .property(
            "error_code",
            one_of(entries.iter().map(|entry| entry.code())).description(Some("The catalog code of the error")),
        )
        .required("error_code")
        .property("request_id", string().description(Some("The id of the request, when it had one")));
    let details: Vec<&str> = entries.iter().flat_map(|entry| entry.details().iter().copied()).collect();
    if !details.is_empty() {
        let detail = ObjectBuilder::new()
            .property("field", one_of(details))
            .required("field")
            .property("value", ObjectBuilder::new().schema_type(SchemaType::AnyValue))
            .required("value")
            .property(
                "message",
                ObjectBuilder::new()
                    .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
                    .description(Some("Why the value was left out (`value` is then `null`)")),
            )
            .required("message");
        object = object
            .property("details", ArrayBuilder::new().items(detail).description(Some("The public fields of the error")));
    }
    if entries.iter().any(|entry| !entry.suggestions().is_empty()) {
        object = object.property("suggestions", ArrayBuilder::new().items(string()));
    }
    if entries.iter().any(|entry| !entry.links().is_empty()) {
        let link = ObjectBuilder::new()
            .property("url", string())
            .required("url")
            .property("label", string())
            .required("label");
        object = object.property("links", ArrayBuilder::new().items(link));
    }
    object
}

/// The schema of the flat body of `entries`.
fn body_schema(entries: &[&'static Entry]) -> Schema {
    let object = ObjectBuilder::new()
        .description(Some("A catalog error"))
        .property("message", string().description(Some("The public message")))
        .required("message");
    Schema::Object(shared_members(object, entries).build())
}

/// The schema of the RFC 9457 body of `entries`.
#[cfg(feature = "problem-json")]
fn problem_schema(entries: &[&'static Entry]) -> Schema {
    let mut statuses: Vec<u16> = entries.iter().map(|entry| entry.status()).collect();
    statuses.sort_unstable();
    statuses.dedup();
    let object = ObjectBuilder::new()
        .description(Some("A catalog error, as an RFC 9457 problem"))
        .property("type", string().description(Some("The documentation URL of the code")))
        .required("type")
        .property("title", string().description(Some("The class name of the error")))
        .required("title")
        .property("status", ObjectBuilder::new().schema_type(Type::Integer).enum_values(Some(statuses)))
        .required("status")
        .property("detail", string().description(Some("The public message")))
        .required("detail")
        .property("instance", string().description(Some("The path of the request")));
    Schema::Object(shared_members(object, entries).build())
}

impl<E: DocumentedErrors + ?Sized> utoipa::PartialSchema for Body<'_, E> {
    fn schema() -> RefOr<Schema> {
        let errors = ErrorSet::of::<E>();
        body_schema(&errors.entries().collect::<Vec<_>>()).into()
    }
}

/// Named after the error types: `DuplicateCvmNameErrorBody`,
/// `DuplicateCvmNameErrorOrResourceNotAvailableErrorBody`.
impl<E: DocumentedErrors + ?Sized> utoipa::ToSchema for Body<'_, E> {
    fn name() -> Cow<'static, str> {
        Cow::Owned(format!("{}Body", ErrorSet::of::<E>().label()))
    }
}

#[cfg(feature = "problem-json")]
impl<E: DocumentedErrors + ?Sized> utoipa::PartialSchema for crate::wire::body::Problem<'_, E> {
    fn schema() -> RefOr<Schema> {
        let errors = ErrorSet::of::<E>();
        problem_schema(&errors.entries().collect::<Vec<_>>()).into()
    }
}

/// Named after the error types, as [`Body`]'s: `DuplicateCvmNameErrorProblem`.
#[cfg(feature = "problem-json")]
impl<E: DocumentedErrors + ?Sized> utoipa::ToSchema for crate::wire::body::Problem<'_, E> {
    fn name() -> Cow<'static, str> {
        Cow::Owned(format!("{}Problem", ErrorSet::of::<E>().label()))
    }
}

/// The example values of an error type, at compile time:
/// `(&&ExampleProbe::<T>::new()).examples()` finds [`ProbeExamples`] when `T`
/// implements [`ErrorExamples`] and [`ProbeNoExamples`] otherwise (one
/// autoderef later): the "autoref specialization" of stable Rust, as for
/// details in `__private`.
#[doc(hidden)]
pub struct ExampleProbe<T>(PhantomData<T>);

impl<T> ExampleProbe<T> {
    #[must_use]
    pub const fn new() -> Self {
        Self(PhantomData)
    }
}

impl<T> Default for ExampleProbe<T> {
    fn default() -> Self {
        Self::new()
    }
}

#[doc(hidden)]
pub trait ProbeExamples<T> {
    fn examples(&self) -> Vec<T>;
}

impl<T: ErrorExamples> ProbeExamples<T> for &ExampleProbe<T> {
    fn examples(&self) -> Vec<T> {
        T::examples()
    }
}

#[doc(hidden)]
pub trait ProbeNoExamples<T> {
    fn examples(&self) -> Vec<T>;
}

impl<T> ProbeNoExamples<T> for ExampleProbe<T> {
    fn examples(&self) -> Vec<T> {
        vec![]
    }
}

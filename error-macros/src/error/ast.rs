//! The model of `#[derive(CatalogError)]`: the type, its codes (the struct,
//! or each variant) and their fields, each node with the syntax it was read
//! from, and the keys of their `#[catalog(...)]` attributes.
//!
//! Policy: keys are matched here, against one table that says where each
//! key belongs; a key in the wrong place, unknown or given twice is reported
//! here, and every value is read by the rule of its key. What needs more
//! than one key (a code without `code`, a message naming an unknown field,
//! two variants with one code) is `valid.rs`'s.

use darling::ast::NestedMeta;
use darling::error::Accumulator;
use darling::{Error, Result};
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Attribute, Data, DeriveInput, Fields, Ident, Member, Meta};

use crate::attr::{self, AttrSpan, Bool, Int, PathValue, Text, once};
use crate::message::{self, Piece};

/// The input of the derive.
pub struct Input<'a> {
    pub original: &'a DeriveInput,
    /// The keys of the type: `crate`, `catalog`, `display`..., and on an
    /// enum the keys it gives all its variants (`module`, `status`, ...).
    pub keys: Keys,
    pub codes: Vec<Code<'a>>,
    pub is_enum: bool,
}

/// One code: the struct itself, or one variant of the enum.
pub struct Code<'a> {
    pub ident: &'a Ident,
    pub variant: Option<&'a Ident>,
    pub attrs: &'a [Attribute],
    /// The item's first `#[catalog(...)]`, if it has one.
    pub attr: Option<&'a Attribute>,
    pub keys: Keys,
    pub fields: Vec<Field<'a>>,
}

/// A field of a struct or variant.
pub struct Field<'a> {
    pub original: &'a syn::Field,
    pub member: Member,
    /// The name clients and messages know it by: the identifier without
    /// `r#`, or the index of a tuple field.
    pub name: String,
    pub keys: Keys,
}

/// `#[catalog(detail)]` or `#[catalog(detail = "name")]`.
#[derive(Clone)]
pub struct Detail {
    pub rename: Option<Text>,
    pub span: Span,
}

/// The keys of one `#[catalog(...)]` place (a type, a variant or a field),
/// each with where it was written.
#[derive(Default, Clone)]
pub struct Keys {
    /// Every key written, read or not: a key whose value was wrong is
    /// reported once, not again as missing.
    pub written: Vec<String>,
    pub krate: Option<PathValue>,
    pub catalog: Option<PathValue>,
    pub extern_catalog: Option<PathValue>,
    pub display: Option<Bool>,
    pub detail: Option<Detail>,
    pub source: Option<Span>,
    pub module: Option<Int>,
    /// `module = "0A"`: a module known by a text id.
    pub module_id: Option<Text>,
    pub code: Option<CodeValue>,
    pub status: Option<Int>,
    /// `status = none`: a code with no HTTP status in an HTTP catalog.
    pub no_status: Option<Span>,
    pub name: Option<Text>,
    pub aliases: Vec<Text>,
    pub message: Option<Message>,
    pub description: Option<Text>,
    pub suggestions: Vec<Text>,
    pub links: Vec<(Text, Text)>,
    pub severity: Option<Text>,
    pub retryable: Option<Bool>,
    pub retry_after: Option<RetryAfter>,
    pub grpc: Option<Text>,
    pub reason: Option<Text>,
}

/// `retry_after = 30` on a code or an enum (a fixed delay, in seconds), or
/// `#[catalog(retry_after)]` on the field that holds the delay.
#[derive(Clone)]
pub enum RetryAfter {
    Seconds(u32, Span),
    Field(Span),
}

impl RetryAfter {
    pub fn span(&self) -> Span {
        match self {
            Self::Seconds(_, span) | Self::Field(span) => *span,
        }
    }
}

/// The longest fixed delay `retry_after = N` takes: a day.
pub const MAX_RETRY_AFTER: u64 = 86_400;

/// The module a code states, on itself or on its enum.
#[derive(Clone, Copy)]
pub enum ModuleKey<'k> {
    /// `module = 1`.
    Number(&'k Int),
    /// `module = "0A"`.
    Id(&'k Text),
}

impl Keys {
    /// The module these keys state, else the one `outer` (the enum's keys) states.
    pub fn module_key<'k>(&'k self, outer: &'k Self) -> Option<ModuleKey<'k>> {
        let own = |keys: &'k Self| {
            keys.module.as_ref().map(ModuleKey::Number).or_else(|| keys.module_id.as_ref().map(ModuleKey::Id))
        };
        own(self).or_else(|| own(outer))
    }
}

/// `code = 4`, `code = -32601`, `code = 0x8007_0005` or `code = "card_declined"`.
#[derive(Clone)]
pub enum CodeValue {
    Number(i64, Span),
    Text(String, Span),
}

impl CodeValue {
    pub fn span(&self) -> Span {
        match self {
            Self::Number(_, span) | Self::Text(_, span) => *span,
        }
    }
}

/// `message = "..."`, split into text and placeholders.
#[derive(Clone)]
pub struct Message {
    pub text: Text,
    pub pieces: Vec<Piece>,
}

/// Where a key may be written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Struct,
    Enum,
    Variant,
    Field,
}

/// Every key, and where it belongs: the one table the placement messages
/// come from.
const KEYS: &[(&str, &[Place])] = {
    use Place::{Enum, Field, Struct, Variant};
    const CODE: &[Place] = &[Struct, Variant];
    const SHARED: &[Place] = &[Struct, Enum, Variant];
    const TYPE: &[Place] = &[Struct, Enum];
    &[
        ("module", SHARED),
        ("code", CODE),
        ("status", SHARED),
        ("name", CODE),
        ("alias", CODE),
        ("message", CODE),
        ("description", CODE),
        ("suggestion", CODE),
        ("link", CODE),
        ("severity", SHARED),
        ("retryable", SHARED),
        ("retry_after", &[Struct, Enum, Variant, Field]),
        ("grpc", SHARED),
        ("reason", CODE),
        ("catalog", TYPE),
        ("extern_catalog", TYPE),
        ("crate", TYPE),
        ("display", TYPE),
        ("detail", &[Field]),
        ("source", &[Field]),
    ]
};

/// Whether `key` belongs at `place`; when it does not, the error that says
/// where it does.
fn placed(meta: &Meta, place: Place) -> Result<()> {
    let key = attr::key_of(meta);
    // An unknown key is the reader's to report.
    let Some((_, places)) = KEYS.iter().find(|(name, _)| *name == key) else { return Ok(()) };
    if places.contains(&place) {
        return Ok(());
    }
    let belongs = match place {
        Place::Enum if places.contains(&Place::Variant) => {
            "each variant, not on the enum: every variant has its own".to_owned()
        }
        Place::Variant if places.contains(&Place::Enum) => {
            "the enum, not on a variant: it applies to the whole type".to_owned()
        }
        Place::Field => {
            let items: Vec<&str> = places
                .iter()
                .map(|place| match place {
                    Place::Struct => "the struct",
                    Place::Enum => "the enum",
                    Place::Variant | Place::Field => "the variant",
                })
                .collect();
            match items.as_slice() {
                [one] => format!("{one}, not on a field"),
                [rest @ .., last] => format!("{} or {last}, not on a field", rest.join(", ")),
                [] => String::new(),
            }
        }
        _ if key == "source" => "a field: `#[catalog(source)] cause: std::io::Error`".to_owned(),
        _ => "a field: `#[catalog(detail)] name: String`".to_owned(),
    };
    Err(Error::custom(format!("`{key}` belongs on {belongs}")).with_span(meta.path()))
}

impl<'a> Input<'a> {
    /// Reads the input; every mistake found goes to `errors`, and what
    /// could be read is kept, so that the checks and the stand-ins can use
    /// it.
    pub fn from_syn(original: &'a DeriveInput, errors: &mut Accumulator) -> Option<Self> {
        let (place, fields) = match &original.data {
            Data::Struct(data) => (Place::Struct, Some(&data.fields)),
            Data::Enum(_) => (Place::Enum, None),
            Data::Union(data) => {
                errors.push(
                    Error::custom("`CatalogError` cannot be derived for a union: use a struct or an enum")
                        .with_span(&data.union_token),
                );
                return None;
            }
        };
        let keys = Keys::from_attrs(&original.attrs, place, errors);
        let mut codes = Vec::new();
        match (&original.data, fields) {
            (_, Some(fields)) => codes.push(Code {
                ident: &original.ident,
                variant: None,
                attrs: &original.attrs,
                attr: catalog_attrs(&original.attrs).next(),
                keys: keys.clone(),
                fields: read_fields(fields, errors),
            }),
            (Data::Enum(data), None) => codes.extend(data.variants.iter().map(|variant| Code {
                ident: &variant.ident,
                variant: Some(&variant.ident),
                attrs: &variant.attrs,
                attr: catalog_attrs(&variant.attrs).next(),
                keys: Keys::from_attrs(&variant.attrs, Place::Variant, errors),
                fields: read_fields(&variant.fields, errors),
            })),
            _ => {}
        }
        Some(Self { original, keys, codes, is_enum: place == Place::Enum })
    }

    /// The span the catalog is named at: its `catalog = path`, or the
    /// first `#[catalog(...)]` when the default `crate::Catalog` is used.
    pub fn catalog_span(&self) -> Span {
        self.keys.catalog.as_ref().or(self.keys.extern_catalog.as_ref()).map_or_else(
            || AttrSpan::of(catalog_attrs(&self.original.attrs).next(), self.original.ident.span()).path,
            |path| path.span,
        )
    }
}

impl Keys {
    /// The keys of every `#[catalog(...)]` of an item at `place`.
    fn from_attrs(attrs: &[Attribute], place: Place, errors: &mut Accumulator) -> Self {
        let mut keys = Self::default();
        for attr in catalog_attrs(attrs) {
            for meta in metas(attr, errors) {
                if errors.handle(placed(&meta, place)).is_some() {
                    errors.handle(keys.read(&meta, place));
                }
            }
        }
        keys
    }

    /// Reads one key; an unknown key is an error that names the closest.
    fn read(&mut self, meta: &Meta, place: Place) -> Result<()> {
        self.written.push(attr::key_of(meta));
        match attr::key_of(meta).as_str() {
            "module" if self.module.is_some() => Err(attr::repeated(meta)),
            "module" if is_string(meta) => once(&mut self.module_id, meta, || {
                Text::read_nonblank(meta, "write the module's id, like `module = \"0A\"`")
            }),
            "module" if self.module_id.is_some() => Err(attr::repeated(meta)),
            "module" => once(&mut self.module, meta, || module_number(meta)),
            "code" => once(&mut self.code, meta, || code_value(meta)),
            "status" if self.status.is_some() || self.no_status.is_some() => Err(attr::repeated(meta)),
            "status" if is_none(meta) => {
                self.no_status = Some(meta.span());
                Ok(())
            }
            "status" => once(&mut self.status, meta, || status(meta)),
            "name" => once(&mut self.name, meta, || Text::read_nonblank(meta, "it is the class name clients see")),
            "alias" => {
                self.aliases.push(Text::read_nonblank(meta, "an alias is another class name of the code")?);
                Ok(())
            }
            "message" => once(&mut self.message, meta, || message_template(meta)),
            "description" => once(&mut self.description, meta, || Text::read(meta)),
            "suggestion" => {
                self.suggestions.push(Text::read(meta)?);
                Ok(())
            }
            "link" => {
                self.links.push(link(meta)?);
                Ok(())
            }
            "severity" => once(&mut self.severity, meta, || severity(meta)),
            "retryable" => once(&mut self.retryable, meta, || Bool::read(meta)),
            "retry_after" => once(&mut self.retry_after, meta, || retry_after(meta, place)),
            "grpc" => once(&mut self.grpc, meta, || grpc_code(meta)),
            "reason" => once(&mut self.reason, meta, || reason(meta)),
            "crate" => once(&mut self.krate, meta, || PathValue::read(meta, attr::RUNTIME)),
            "catalog" => once(&mut self.catalog, meta, || PathValue::read(meta, "crate::Catalog")),
            "extern_catalog" => once(&mut self.extern_catalog, meta, || PathValue::read(meta, "other_crate::Catalog")),
            "display" => once(&mut self.display, meta, || Bool::read(meta)),
            "detail" => once(&mut self.detail, meta, || detail(meta)),
            "source" => once(&mut self.source, meta, || attr::flag(meta)),
            _ => Err(attr::unknown_key(meta, &KEYS.iter().map(|(name, _)| *name).collect::<Vec<_>>())),
        }
    }
}

/// `module = 1`: a module number, 0 to 9999.
fn module_number(meta: &Meta) -> Result<Int> {
    let int = Int::read(meta, "1")?;
    int.within("module", 0..=9_999, "catalog modules are numbered from 0 to 9999")?;
    Ok(int)
}

/// `status = 404`: an HTTP status, 100 to 999.
fn status(meta: &Meta) -> Result<Int> {
    let int = Int::read(meta, "404")?;
    int.within("status", 100..=999, "an HTTP status has three digits, from 100 to 999")?;
    Ok(int)
}

/// `message = "..."`: the template, its placeholders read.
fn message_template(meta: &Meta) -> Result<Message> {
    let text = Text::read(meta)?;
    let pieces = message::parse(&text.value).map_err(|error| Error::custom(error).with_span(&text.span))?;
    Ok(Message { text, pieces })
}

/// `severity = "warning"`: one of [`SEVERITIES`].
fn severity(meta: &Meta) -> Result<Text> {
    let text = Text::read(meta)?;
    if !SEVERITIES.contains(&text.value.as_str()) {
        return Err(Error::custom(format!(
            "`severity = \"{}\"` is not a severity: write \"error\", \"warning\", \"info\" or \"success\"",
            text.value
        ))
        .with_span(&text.span));
    }
    Ok(text)
}

/// `grpc = "FAILED_PRECONDITION"`: one of [`GRPC_CODES`], else the closest.
fn grpc_code(meta: &Meta) -> Result<Text> {
    let text = Text::read(meta)?;
    if !GRPC_CODES.contains(&text.value.as_str()) {
        let hint = attr::closest(&text.value.to_ascii_uppercase(), GRPC_CODES.iter().copied()).map_or_else(
            || "write its canonical name, like \"FAILED_PRECONDITION\"".to_owned(),
            |name| format!("did you mean \"{name}\"?"),
        );
        return Err(Error::custom(format!("`grpc = \"{}\"` is not a gRPC status code; {hint}", text.value))
            .with_span(&text.span));
    }
    Ok(text)
}

/// `reason = "..."`: an `ErrorInfo` reason as AIP-193 states it.
fn reason(meta: &Meta) -> Result<Text> {
    let text = Text::read(meta)?;
    if let Err(why) = check_reason(&text.value) {
        return Err(Error::custom(format!("`reason = \"{}\"` {why}", text.value)).with_span(&text.span));
    }
    Ok(text)
}

/// `detail` or `detail = "name"` on a field.
fn detail(meta: &Meta) -> Result<Detail> {
    match meta {
        Meta::Path(path) => Ok(Detail { rename: None, span: path.span() }),
        Meta::NameValue(_) => Ok(Detail {
            rename: Some(Text::read_nonblank(meta, "it is the field's name in the body")?),
            span: meta.span(),
        }),
        Meta::List(list) => {
            Err(Error::custom("`detail` takes no list: write `detail` or `detail = \"name\"`").with_span(list))
        }
    }
}

/// The severities `severity = "..."` takes, as `Severity::as_str` names them.
pub const SEVERITIES: &[&str] = &["success", "info", "warning", "error"];

/// The canonical names of gRPC's status codes, as `GrpcCode::as_str`
/// writes them.
pub const GRPC_CODES: &[&str] = &[
    "OK",
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED",
];

/// AIP-193: a reason matches `[A-Z][A-Z0-9_]+[A-Z0-9]` and has at most 63
/// characters.
pub fn check_reason(reason: &str) -> core::result::Result<(), &'static str> {
    let bytes = reason.as_bytes();
    let valid = bytes.len() >= 3
        && bytes[0].is_ascii_uppercase()
        && bytes.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_')
        && bytes[bytes.len() - 1] != b'_';
    if !valid {
        return Err("is not a gRPC reason: AIP-193 wants `[A-Z][A-Z0-9_]+[A-Z0-9]`, like \"QUOTA_EXCEEDED\"");
    }
    if bytes.len() > 63 {
        return Err("is longer than the 63 characters AIP-193 allows");
    }
    Ok(())
}

fn code_value(meta: &Meta) -> Result<CodeValue> {
    let syn::Meta::NameValue(pair) = meta else {
        let example = "code = 4` or `code = \"card_declined\"";
        return Err(match meta {
            Meta::Path(path) => Error::custom(format!("`code` needs a value, like `{example}`")).with_span(path),
            other => Error::custom(format!("`code` takes `=`, not parentheses: `{example}`")).with_span(other),
        });
    };
    // Parentheses and invisible groups (from a `macro_rules!` caller) are
    // read through, as every other key reads them.
    let value = attr::unwrap_group(&pair.value);
    // `-32601` is a negation of a literal.
    let (minus, value) = match value {
        syn::Expr::Unary(syn::ExprUnary { op: syn::UnOp::Neg(minus), expr, .. }) => {
            (Some(minus), attr::unwrap_group(expr))
        }
        _ => (None, value),
    };
    match value {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(int), .. }) => {
            let span = minus.and_then(|minus| minus.span.join(int.span())).unwrap_or(int.span());
            Ok(CodeValue::Number(code_number(int, minus.is_some())?, span))
        }
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(text), .. }) if minus.is_none() => {
            let value = text.value();
            if value.is_empty() {
                return Err(Error::custom(
                    "`code = \"\"` is empty: clients tell errors apart by their code, and an empty one tells \
                         nothing; an API's empty code (Kubernetes' `StatusReasonUnknown`) means \"no code\": give \
                         the error a code of its own, like `code = \"Unknown\"`",
                )
                .with_span(text));
            }
            if value.len() > 64 {
                return Err(
                    Error::custom("`code` is longer than 64 bytes, the longest code a catalog writes").with_span(text)
                );
            }
            Ok(CodeValue::Text(value, text.span()))
        }
        other => Err(Error::custom(
            "`code` takes a number or a string: `code = 4`, or `code = \"card_declined\"` in a catalog of text codes",
        )
        .with_span(other)),
    }
}

/// `retry_after = 30` on a code or an enum, `retry_after` alone on a field.
fn retry_after(meta: &Meta, place: Place) -> Result<RetryAfter> {
    const FIELD: &str = "`#[catalog(retry_after)] wait: Duration`";
    match (place, meta) {
        (Place::Field, Meta::Path(path)) => Ok(RetryAfter::Field(path.span())),
        (Place::Field, other) => {
            Err(Error::custom(format!("on a field, `retry_after` takes no value: the field holds the delay, {FIELD}"))
                .with_span(other))
        }
        (_, Meta::Path(path)) => Err(Error::custom(format!(
            "`retry_after` needs the delay in seconds, like `retry_after = 30`; a delay that varies is a field: {FIELD}"
        ))
        .with_span(path)),
        (_, _) => {
            let int = Int::read(meta, "30")?;
            match u32::try_from(int.value) {
                Ok(seconds) if (1..=MAX_RETRY_AFTER).contains(&int.value) => Ok(RetryAfter::Seconds(seconds, int.span)),
                _ => {
                    let shown = if int.value == u64::MAX { "a huge number".to_owned() } else { int.value.to_string() };
                    Err(Error::custom(format!(
                        "`retry_after = {shown}` is out of range: a fixed delay is from 1 to {MAX_RETRY_AFTER} \
                         seconds (a day); a longer one, or one that varies, is a field: {FIELD}"
                    ))
                    .with_span(&int.span))
                }
            }
        }
    }
}

/// Whether `key = none`.
fn is_none(meta: &Meta) -> bool {
    let Meta::NameValue(pair) = meta else { return false };
    matches!(&pair.value, syn::Expr::Path(path) if path.path.is_ident("none"))
}

/// Whether `key = "..."`.
fn is_string(meta: &Meta) -> bool {
    let Meta::NameValue(pair) = meta else { return false };
    matches!(attr::unwrap_group(&pair.value), syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(_), .. }))
}

/// The number of `code = 20003`, `code = -32601` or `code = 0x8007_0005`,
/// within `i64`. Whether the catalog's format can write it (its width, its
/// sign) is checked where the format is known, when the code is written.
fn code_number(int: &syn::LitInt, negative: bool) -> Result<i64> {
    let written = int.to_string();
    if !int.suffix().is_empty() {
        let is_hex = written.starts_with("0x") || written.starts_with("0X");
        let message = match int.suffix().chars().next() {
            Some(digit) if is_hex && digit.is_ascii_alphabetic() => {
                format!("`{written}` is not a hexadecimal number: `{digit}` is not a hex digit (0-9, A-F)")
            }
            _ => format!(
                "`code = {written}` has a type suffix: write the number alone, like `code = {}`",
                int.base10_digits()
            ),
        };
        return Err(Error::custom(message).with_span(int));
    }
    let magnitude = int.base10_parse::<u64>().ok();
    let value = magnitude.and_then(|magnitude| {
        if negative { 0_i64.checked_sub_unsigned(magnitude) } else { i64::try_from(magnitude).ok() }
    });
    value.ok_or_else(|| {
        let sign = if negative { "-" } else { "" };
        Error::custom(format!(
            "`code = {sign}{written}` is out of range: a code number is from {} to {}",
            i64::MIN,
            i64::MAX
        ))
        .with_span(int)
    })
}

/// `link(url = "...", label = "...")`.
fn link(meta: &Meta) -> Result<(Text, Text)> {
    let usage = "`link` takes a url and a label: `link(url = \"...\", label = \"...\")`";
    let Meta::List(list) = meta else {
        return Err(Error::custom(usage).with_span(meta));
    };
    let (mut url, mut label) = (None, None);
    let mut errors = Error::accumulator();
    for item in NestedMeta::parse_meta_list(list.tokens.clone())? {
        let NestedMeta::Meta(meta) = &item else {
            errors.push(Error::custom(usage).with_span(&item));
            continue;
        };
        let slot = match attr::key_of(meta).as_str() {
            "url" => &mut url,
            "label" => &mut label,
            _ => {
                errors.push(attr::unknown_key(meta, &["url", "label"]));
                continue;
            }
        };
        if slot.is_some() {
            errors.push(attr::repeated(meta));
        } else {
            *slot = errors.handle(Text::read(meta));
        }
    }
    for (missing, key) in [(url.is_none(), "url"), (label.is_none(), "label")] {
        if missing {
            errors.push(
                Error::custom(format!("missing `{key} = \"...\"`: write `link(url = \"...\", label = \"...\")`"))
                    .with_span(&list.path),
            );
        }
    }
    errors.finish()?;
    Ok((url.unwrap_or_else(|| unreachable_text(list.span())), label.unwrap_or_else(|| unreachable_text(list.span()))))
}

/// A value `finish` has already ruled out; never shown.
fn unreachable_text(span: Span) -> Text {
    Text { value: String::new(), span }
}

/// The `#[catalog(...)]` attributes of an item.
pub fn catalog_attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|attr| attr.path().is_ident("catalog"))
}

/// The keys of one attribute; an item that is not a key is reported.
fn metas(attr: &Attribute, errors: &mut Accumulator) -> Vec<Meta> {
    let Some(items) = errors.handle(attr::items(attr, "module = 1, code = 4")) else { return Vec::new() };
    attr::metas(items, "`#[catalog(...)]` takes keys, like `#[catalog(module = 1, code = 4)]`", errors)
}

fn read_fields<'a>(fields: &'a Fields, errors: &mut Accumulator) -> Vec<Field<'a>> {
    fields
        .iter()
        .enumerate()
        .map(|(index, original)| {
            let (member, name) = match &original.ident {
                Some(ident) => (Member::Named(ident.clone()), ident.unraw().to_string()),
                None => (Member::Unnamed(index.into()), index.to_string()),
            };
            Field { original, member, name, keys: Keys::from_attrs(&original.attrs, Place::Field, errors) }
        })
        .collect()
}

impl Field<'_> {
    /// The name of the field in the body's `details`, when it is one.
    pub fn detail_name(&self) -> Option<String> {
        let detail = self.keys.detail.as_ref()?;
        Some(detail.rename.as_ref().map_or_else(|| self.name.clone(), |text| text.value.clone()))
    }
}

impl Code<'_> {
    /// Where the item's `#[catalog(...)]` is, or its name.
    pub fn attr_span(&self) -> AttrSpan {
        AttrSpan::of(self.attr, self.ident.span())
    }

    /// The class name clients see: `name = "..."`, or the item's name
    /// without `r#`.
    pub fn class_name(&self) -> String {
        self.keys.name.as_ref().map_or_else(|| self.ident.unraw().to_string(), |text| text.value.clone())
    }

    /// The source field: the one marked `source`, or the one named so.
    pub fn source(&self) -> Option<usize> {
        self.fields.iter().position(|field| field.keys.source.is_some()).or_else(|| {
            self.fields.iter().position(|field| field.original.ident.as_ref().is_some_and(|i| i == "source"))
        })
    }
}

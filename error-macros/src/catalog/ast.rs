//! The model of `#[derive(ErrorCatalog)]`: the catalog's keys, its modules
//! (the enum's variants) and the codes it retired, each with the syntax it
//! was read from. Keys are matched and their values read by their own rule
//! here; what needs more than one key is `valid.rs`'s.

use darling::ast::NestedMeta;
use darling::error::Accumulator;
use darling::{Error, Result};
use syn::spanned::Spanned;
use syn::{Attribute, Data, DeriveInput, Lit, Meta, Variant};

use crate::attr::{self, Bool, Int, PathValue, Signed, Text, once};

/// The input of the derive.
pub struct Input<'a> {
    pub original: &'a DeriveInput,
    pub keys: Keys,
    pub retired: Vec<Retired>,
    pub modules: Vec<Module<'a>>,
}

/// The keys of `#[catalog(...)]` on the catalog.
#[derive(Default)]
pub struct Keys {
    pub format: Option<Text>,
    pub default_status: Option<Int>,
    pub http: Option<Bool>,
    pub start: Option<Signed>,
    pub title: Option<Text>,
    pub description: Option<Text>,
    pub api: Option<Text>,
    pub domain: Option<Text>,
    pub link_template: Option<Text>,
    /// `link_check = false`: the catalog's codes make no symbols (feature `link-check`).
    pub link_check: Option<Bool>,
    pub krate: Option<PathValue>,
}

/// `#[retired(code = "E0001", successor = "E0005", note = "...")]`.
pub struct Retired {
    pub code: Option<Text>,
    pub successor: Option<Text>,
    pub note: Option<Text>,
}

/// A variant: `#[module(1, name = "...", retired(3, 4), reserved(9))] Name`,
/// `#[module("0A", name = "...")]` (a group with a text id), or
/// `#[module(range(-32099, -32000), name = "...")]` (the codes of a range).
pub struct Module<'a> {
    pub original: &'a Variant,
    /// The variant's first `#[module(...)]`.
    pub attr: Option<&'a Attribute>,
    pub number: Option<Int>,
    /// `"0A"`: the group's id as text.
    pub id: Option<Text>,
    /// `range(low, high)`, both included.
    pub range: Option<Range>,
    pub name: Option<Text>,
    pub retired: Option<(Vec<Int>, proc_macro2::Span)>,
    pub reserved: Option<(Vec<Int>, proc_macro2::Span)>,
    /// `reserved(range(-32099, -32050))`: ranges kept free.
    pub reserved_ranges: Vec<Range>,
    /// Whether the attribute had a mistake already reported: what it lacks
    /// is then not reported again.
    pub mistaken: bool,
}

/// `range(-32099, -32000)`: the numbers from the first to the second.
#[derive(Clone, Copy)]
pub struct Range {
    pub low: Signed,
    pub high: Signed,
    pub span: proc_macro2::Span,
}

impl Range {
    /// `range(low, high)`, the lower bound first.
    fn read(meta: &Meta) -> Result<Self> {
        let usage = "`range` takes the first and the last number: `range(-32099, -32000)`";
        let Meta::List(list) = meta else { return Err(Error::custom(usage).with_span(meta)) };
        let parser = syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
        let items = syn::parse::Parser::parse2(parser, list.tokens.clone()).map_err(Error::from)?;
        let bounds: Vec<Signed> = items
            .iter()
            .map(|expr| Signed::from_expr(expr).unwrap_or_else(|| Err(Error::custom(usage).with_span(expr))))
            .collect::<Result<_>>()?;
        let [low, high] = bounds.as_slice() else { return Err(Error::custom(usage).with_span(meta)) };
        if low.value > high.value {
            return Err(Error::custom(format!(
                "`range({}, {})` is empty: write the first number, then the last",
                low.value, high.value
            ))
            .with_span(meta));
        }
        Ok(Self { low: *low, high: *high, span: meta.span() })
    }

    pub fn contains(&self, number: i64) -> bool {
        (self.low.value..=self.high.value).contains(&number)
    }

    pub fn overlaps(&self, other: &Self) -> bool {
        self.low.value <= other.high.value && other.low.value <= self.high.value
    }
}

const KEYS: &[&str] = &[
    "format",
    "default_status",
    "http",
    "start",
    "title",
    "description",
    "api",
    "domain",
    "link_template",
    "link_check",
    "crate",
];

impl<'a> Input<'a> {
    pub fn from_syn(original: &'a DeriveInput, errors: &mut Accumulator) -> Self {
        let mut keys = Keys::default();
        let mut retired = Vec::new();
        for attr in &original.attrs {
            if attr.path().is_ident("catalog") {
                for meta in metas(attr, "format = \"ERR-{module:02}-{code:03}\"", errors) {
                    errors.handle(keys.read(&meta));
                }
            } else if attr.path().is_ident("retired") {
                retired.extend(errors.handle(Retired::read(attr)));
            }
        }
        let modules = match &original.data {
            Data::Enum(data) => data.variants.iter().map(|variant| Module::read(variant, errors)).collect(),
            Data::Struct(data) => {
                errors.push(shape_error().with_span(&data.struct_token));
                Vec::new()
            }
            Data::Union(data) => {
                errors.push(shape_error().with_span(&data.union_token));
                Vec::new()
            }
        };
        Self { original, keys, retired, modules }
    }
}

fn shape_error() -> Error {
    Error::custom(
        "`ErrorCatalog` is derived on an enum whose variants are the modules: \
         `enum Catalog { #[module(1, name = \"...\")] Module }`",
    )
}

impl Keys {
    fn read(&mut self, meta: &Meta) -> Result<()> {
        match attr::key_of(meta).as_str() {
            "format" => once(&mut self.format, meta, || Text::read(meta)),
            "default_status" => once(&mut self.default_status, meta, || {
                let int = Int::read(meta, "400")?;
                int.within("default_status", 100..=999, "an HTTP status has three digits, from 100 to 999")?;
                Ok(int)
            }),
            "http" => once(&mut self.http, meta, || Bool::read(meta)),
            "start" => once(&mut self.start, meta, || Signed::read(meta, "0")),
            "title" => once(&mut self.title, meta, || Text::read(meta)),
            "description" => once(&mut self.description, meta, || Text::read(meta)),
            "api" => once(&mut self.api, meta, || Text::read(meta)),
            "domain" => {
                once(&mut self.domain, meta, || Text::read_nonblank(meta, "it names the service in gRPC's `ErrorInfo`"))
            }
            "link_template" => once(&mut self.link_template, meta, || {
                let text = Text::read(meta)?;
                if !text.value.contains("{code}") {
                    return Err(Error::custom(
                        "`link_template` has no `{code}`: write where the code goes, like \
                         `link_template = \"https://docs.example.com/errors/{code}\"`",
                    )
                    .with_span(&text.span));
                }
                Ok(text)
            }),
            "link_check" => once(&mut self.link_check, meta, || Bool::read(meta)),
            "crate" => once(&mut self.krate, meta, || PathValue::read(meta, attr::RUNTIME)),
            _ => Err(attr::unknown_key(meta, KEYS)),
        }
    }
}

impl Retired {
    fn read(attr: &Attribute) -> Result<Self> {
        let mut errors = Error::accumulator();
        let mut retired = Self { code: None, successor: None, note: None };
        for meta in metas(attr, "code = \"E0001\", successor = \"E0005\", note = \"merged into E0005\"", &mut errors) {
            let slot = match attr::key_of(&meta).as_str() {
                "code" => &mut retired.code,
                "successor" => &mut retired.successor,
                "note" => &mut retired.note,
                _ => {
                    errors.push(attr::unknown_key(&meta, &["code", "successor", "note"]));
                    continue;
                }
            };
            if slot.is_some() {
                errors.push(attr::repeated(&meta));
            } else {
                *slot = errors.handle(Text::read_nonblank(&meta, "write the code as the catalog writes it"));
            }
        }
        if retired.code.is_none() {
            errors.push(
                Error::custom("missing `code = \"...\"`: `#[retired(...)]` names the code as the catalog writes it")
                    .with_span(attr.path()),
            );
        }
        errors.finish_with(retired)
    }
}

impl<'a> Module<'a> {
    fn read(original: &'a Variant, errors: &mut Accumulator) -> Self {
        let mut attrs = original.attrs.iter().filter(|attr| attr.path().is_ident("module"));
        let attr = attrs.next();
        let mut module = Self {
            original,
            attr,
            number: None,
            id: None,
            range: None,
            name: None,
            retired: None,
            reserved: None,
            reserved_ranges: Vec::new(),
            mistaken: false,
        };
        if let Some(second) = attrs.next() {
            errors.push(Error::custom("`#[module(...)]` is given more than once").with_span(second));
        }
        let Some(attr) = attr else { return module };
        let Some(items) = errors.handle(attr::items(attr, "1, name = \"...\"")) else { return module };
        let mut items = items.into_iter().peekable();
        match items.peek() {
            Some(NestedMeta::Lit(Lit::Int(int))) => module.number = Some(Int::from_lit(int)),
            Some(NestedMeta::Lit(Lit::Str(text))) => {
                module.id = errors.handle(group_id(text));
                module.mistaken |= module.id.is_none();
            }
            Some(NestedMeta::Meta(meta)) if attr::key_of(meta) == "range" => {}
            Some(other @ (NestedMeta::Meta(_) | NestedMeta::Lit(_) | NestedMeta::NameValueInvalidExpr(_))) => errors
                .push(
                    Error::custom(
                        "`#[module(...)]` starts with the module's number or id: `#[module(1, name = \"...\")]`, \
                         `#[module(\"0A\", name = \"...\")]`, or a range of codes: \
                         `#[module(range(-32099, -32000), name = \"...\")]`",
                    )
                    .with_span(other),
                ),
            None => errors
                .push(Error::custom("`#[module()]` is empty: write `#[module(1, name = \"...\")]`").with_span(attr)),
        }
        if matches!(items.peek(), Some(NestedMeta::Lit(_) | NestedMeta::NameValueInvalidExpr(_))) {
            items.next();
        }
        for item in items {
            let NestedMeta::Meta(meta) = &item else {
                errors.push(Error::custom("`#[module(...)]` takes one number, then keys").with_span(&item));
                continue;
            };
            let read = match attr::key_of(meta).as_str() {
                "name" if module.name.is_some() => Err(attr::repeated(meta)),
                "name" => Text::read_nonblank(meta, "every module has a name").map(|text| module.name = Some(text)),
                "retired" if module.retired.is_some() => Err(attr::repeated(meta)),
                "retired" => attr::int_list(meta, "3, 4").map(|list| module.retired = Some((list, meta_span(meta)))),
                "reserved" if module.reserved.is_some() || !module.reserved_ranges.is_empty() => {
                    Err(attr::repeated(meta))
                }
                "reserved" => reserved(meta).map(|(list, ranges)| {
                    module.reserved = (!list.is_empty()).then(|| (list, meta_span(meta)));
                    module.reserved_ranges = ranges;
                }),
                "range" if module.range.is_some() => Err(attr::repeated(meta)),
                "range" => Range::read(meta).map(|range| module.range = Some(range)),
                _ => Err(attr::unknown_key(meta, &["name", "range", "retired", "reserved"])),
            };
            module.mistaken |= errors.handle(read).is_none();
        }
        module
    }
}

/// A group id written as text: letters and digits, as codes are written.
fn group_id(text: &syn::LitStr) -> Result<Text> {
    let value = text.value();
    if value.is_empty() || !value.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-') {
        return Err(Error::custom(format!(
            "`#[module(\"{value}\")]` is not a module id: write letters and digits, like `#[module(\"0A\", name = \"...\")]`"
        ))
        .with_span(text));
    }
    Ok(Text { value, span: text.span() })
}

/// `reserved(9, 10)`, `reserved(range(-32099, -32050))` or both.
fn reserved(meta: &Meta) -> Result<(Vec<Int>, Vec<Range>)> {
    let usage =
        "`reserved(...)` takes code numbers and ranges, like `reserved(9, 10)` or `reserved(range(-32099, -32050))`";
    let Meta::List(list) = meta else { return Err(Error::custom(usage).with_span(meta)) };
    let mut errors = Error::accumulator();
    let (mut numbers, mut ranges) = (Vec::new(), Vec::new());
    for item in NestedMeta::parse_meta_list(list.tokens.clone())? {
        match &item {
            NestedMeta::Lit(Lit::Int(int)) => numbers.push(Int::from_lit(int)),
            NestedMeta::Meta(meta) if attr::key_of(meta) == "range" => ranges.extend(errors.handle(Range::read(meta))),
            other => errors.push(Error::custom(usage).with_span(other)),
        }
    }
    errors.finish_with((numbers, ranges))
}

fn meta_span(meta: &Meta) -> proc_macro2::Span {
    meta.path().span()
}

/// The keys of one attribute; an item that is not a key is reported.
fn metas(attr: &Attribute, example: &str, errors: &mut Accumulator) -> Vec<Meta> {
    let Some(items) = errors.handle(attr::items(attr, example)) else { return Vec::new() };
    let name = attr.path().get_ident().map_or_else(String::new, ToString::to_string);
    attr::metas(items, &format!("`#[{name}(...)]` takes keys, like `#[{name}({example})]`"), errors)
}

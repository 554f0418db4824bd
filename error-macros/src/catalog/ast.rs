//! The model of `#[derive(ErrorCatalog)]`: the catalog's keys, its modules
//! (the enum's variants) and the codes it retired, each with the syntax it
//! was read from. Keys are matched and their values read by their own rule
//! here; what needs more than one key is `valid.rs`'s.

use darling::ast::NestedMeta;
use darling::error::Accumulator;
use darling::{Error, Result};
use syn::spanned::Spanned;
use syn::{Attribute, Data, DeriveInput, Lit, Meta, Variant};

use crate::attr::{self, Bool, Int, PathValue, Text};

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
    pub start: Option<Int>,
    pub title: Option<Text>,
    pub description: Option<Text>,
    pub api: Option<Text>,
    pub domain: Option<Text>,
    pub link_template: Option<Text>,
    pub krate: Option<PathValue>,
}

/// `#[retired(code = "E0001", successor = "E0005", note = "...")]`.
pub struct Retired {
    pub code: Option<Text>,
    pub successor: Option<Text>,
    pub note: Option<Text>,
}

/// A variant: `#[module(1, name = "...", retired(3, 4), reserved(9))] Name`.
pub struct Module<'a> {
    pub original: &'a Variant,
    /// The variant's first `#[module(...)]`.
    pub attr: Option<&'a Attribute>,
    pub number: Option<Int>,
    pub name: Option<Text>,
    pub retired: Option<(Vec<Int>, proc_macro2::Span)>,
    pub reserved: Option<(Vec<Int>, proc_macro2::Span)>,
    /// Whether the attribute had a mistake already reported: what it lacks
    /// is then not reported again.
    pub mistaken: bool,
}

const KEYS: &[&str] =
    &["format", "default_status", "http", "start", "title", "description", "api", "domain", "link_template", "crate"];

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

/// Reads a key that may be given once.
fn once<T>(slot: &mut Option<T>, meta: &Meta, read: impl FnOnce() -> Result<T>) -> Result<()> {
    if slot.is_some() {
        return Err(attr::repeated(meta));
    }
    *slot = Some(read()?);
    Ok(())
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
            "start" => once(&mut self.start, meta, || {
                let int = Int::read(meta, "0")?;
                int.within("start", 0..=1, "numbers start at 1, or at 0 with `start = 0`")?;
                Ok(int)
            }),
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
            "crate" => once(&mut self.krate, meta, || PathValue::read(meta, "::error_catalog")),
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
        let mut module =
            Self { original, attr, number: None, name: None, retired: None, reserved: None, mistaken: false };
        if let Some(second) = attrs.next() {
            errors.push(Error::custom("`#[module(...)]` is given more than once").with_span(second));
        }
        let Some(attr) = attr else { return module };
        let Some(items) = errors.handle(attr::items(attr, "1, name = \"...\"")) else { return module };
        let mut items = items.into_iter();
        match items.next() {
            Some(NestedMeta::Lit(Lit::Int(int))) => module.number = Some(Int::from_lit(&int)),
            Some(other @ (NestedMeta::Meta(_) | NestedMeta::Lit(_) | NestedMeta::NameValueInvalidExpr(_))) => errors
                .push(
                    Error::custom("`#[module(...)]` starts with the module number: `#[module(1, name = \"...\")]`")
                        .with_span(&other),
                ),
            None => errors
                .push(Error::custom("`#[module()]` is empty: write `#[module(1, name = \"...\")]`").with_span(attr)),
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
                "reserved" if module.reserved.is_some() => Err(attr::repeated(meta)),
                "reserved" => attr::int_list(meta, "9, 10").map(|list| module.reserved = Some((list, meta_span(meta)))),
                _ => Err(attr::unknown_key(meta, &["name", "retired", "reserved"])),
            };
            module.mistaken |= errors.handle(read).is_none();
        }
        module
    }
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

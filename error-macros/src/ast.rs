//! The parsed attributes, as darling receivers.
//!
//! Policy: every key a user might write anywhere is known to every receiver
//! (they share `Keys`), so a key in the wrong place gets "`x` belongs on ..."
//! from `valid` rather than an "unknown key" here. Values are read by small
//! types that know the key's name, so a wrong value says what was expected.

use darling::ast::{Data, Fields, NestedMeta};
use darling::{Error, FromDeriveInput, FromField, FromMeta, FromVariant, Result};
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, ExprLit, Generics, Ident, Lit, Meta, Path, Type};

/// The input of `#[derive(CatalogError)]`.
#[derive(FromDeriveInput)]
#[darling(attributes(catalog), supports(struct_any, enum_any), forward_attrs(doc))]
pub struct ErrorInput {
    pub ident: Ident,
    pub generics: Generics,
    pub data: Data<ErrorVariant, ErrorField>,
    pub attrs: Vec<Attribute>,
    #[darling(flatten)]
    pub keys: Keys,
}

/// A variant of an error enum.
#[derive(FromVariant)]
#[darling(attributes(catalog), forward_attrs(doc))]
pub struct ErrorVariant {
    pub ident: Ident,
    pub fields: Fields<ErrorField>,
    pub attrs: Vec<Attribute>,
    #[darling(flatten)]
    pub keys: Keys,
}

/// A field of an error struct or variant.
#[derive(FromField)]
#[darling(attributes(catalog))]
pub struct ErrorField {
    pub ident: Option<Ident>,
    pub ty: Type,
    #[darling(flatten)]
    pub keys: Keys,
}

/// Every key of `#[catalog(...)]` on an error, a variant or a field.
#[derive(FromMeta, Default)]
pub struct Keys {
    pub module: Option<Int>,
    pub code: Option<Int>,
    pub status: Option<Int>,
    pub name: Option<Text>,
    pub message: Option<Text>,
    pub description: Option<Text>,
    #[darling(multiple, rename = "suggestion")]
    pub suggestions: Vec<Text>,
    #[darling(multiple, rename = "link")]
    pub links: Vec<LinkKey>,
    pub catalog: Option<PathKey>,
    pub extern_catalog: Option<PathKey>,
    #[darling(rename = "crate")]
    pub krate: Option<PathKey>,
    pub display: Option<Bool>,
    pub detail: Option<DetailKey>,
    pub source: Option<Flag>,
}

/// The input of `#[derive(ErrorCatalog)]`.
#[derive(FromDeriveInput)]
#[darling(attributes(catalog), supports(enum_any), forward_attrs(module))]
pub struct CatalogInput {
    pub ident: Ident,
    pub generics: Generics,
    pub data: Data<ModuleVariant, darling::util::Ignored>,
    pub format: Option<Text>,
    pub default_status: Option<Int>,
    pub title: Option<Text>,
    pub description: Option<Text>,
    pub api: Option<Text>,
    #[darling(rename = "crate")]
    pub krate: Option<PathKey>,
}

/// A variant of the catalog enum: a module.
#[derive(FromVariant)]
#[darling(forward_attrs(module))]
pub struct ModuleVariant {
    pub ident: Ident,
    pub fields: Fields<darling::util::Ignored>,
    pub attrs: Vec<Attribute>,
}

/// `#[module(1, name = "...", retired(9), reserved(10, 11))]`, read from the
/// forwarded attribute because its first item has no key.
pub struct ModuleAttr {
    pub number: Int,
    pub keys: ModuleKeys,
    pub span: Span,
}

/// The named keys of `#[module(...)]`.
#[derive(FromMeta)]
pub struct ModuleKeys {
    pub name: Option<Text>,
    pub retired: Option<IntList>,
    pub reserved: Option<IntList>,
}

impl ModuleAttr {
    pub fn parse(attr: &Attribute) -> Result<Self> {
        let span = attr.path().span();
        let Meta::List(list) = &attr.meta else {
            return Err(
                Error::custom("`#[module]` takes a number and a name: `#[module(1, name = \"...\")]`").with_span(attr)
            );
        };
        let items = NestedMeta::parse_meta_list(list.tokens.clone())?;
        let Some((first, rest)) = items.split_first() else {
            return Err(Error::custom("`#[module()]` is empty: write `#[module(1, name = \"...\")]`").with_span(list));
        };
        let number = match first {
            NestedMeta::Lit(Lit::Int(int)) => Int::from_lit(int, "module")?,
            other => {
                return Err(Error::custom(
                    "`#[module(...)]` starts with the module number: `#[module(1, name = \"...\")]`",
                )
                .with_span(other));
            }
        };
        let keys = ModuleKeys::from_list(rest)?;
        Ok(Self { number, keys, span })
    }
}

/// The name of the key a meta item sets, for messages.
fn key_name(meta: &Meta) -> String {
    meta.path().get_ident().map_or_else(|| "key".to_owned(), ToString::to_string)
}

/// Strips the invisible groups `macro_rules!` puts around expressions.
fn unwrap_group(expr: &Expr) -> &Expr {
    match expr {
        Expr::Group(group) => unwrap_group(&group.expr),
        Expr::Paren(paren) => unwrap_group(&paren.expr),
        other => other,
    }
}

/// `key = <integer>`, within the range the key allows: a number out of
/// range is reported here, with the other mistakes of the same attribute.
#[derive(Clone, Copy)]
pub struct Int {
    pub value: u16,
    pub span: Span,
}

/// The numbers a key allows, and why.
fn range_of(key: &str) -> (u64, u64, &'static str) {
    match key {
        "status" | "default_status" => (100, 999, "an HTTP status has three digits, from 100 to 999"),
        "module" => (1, 99, "catalog modules are numbered from 1 to 99"),
        _ => (1, 9_999, "codes are numbered from 1 to 9999 within their module"),
    }
}

/// An example value of a key, for messages.
fn example_of(key: &str) -> &'static str {
    match key {
        "status" | "default_status" => "404",
        "code" => "4",
        _ => "1",
    }
}

impl Int {
    fn from_lit(int: &syn::LitInt, key: &str) -> Result<Self> {
        let (min, max, why) = range_of(key);
        match int.base10_parse::<u64>() {
            Ok(value) if (min..=max).contains(&value) => {
                Ok(Self { value: u16::try_from(value).unwrap_or(u16::MAX), span: int.span() })
            }
            Ok(value) => Err(Error::custom(format!("`{key} = {value}` is out of range: {why}")).with_span(int)),
            Err(_) => {
                Err(Error::custom(format!("`{key} = {}` is out of range: {why}", int.base10_digits())).with_span(int))
            }
        }
    }
}

impl FromMeta for Int {
    fn from_meta(item: &Meta) -> Result<Self> {
        let key = key_name(item);
        match item {
            Meta::NameValue(pair) => match unwrap_group(&pair.value) {
                Expr::Lit(ExprLit { lit: Lit::Int(int), .. }) => Self::from_lit(int, &key),
                Expr::Lit(ExprLit { lit: Lit::Str(text), .. }) => Err(Error::custom(format!(
                    "`{key}` takes a number, not a string: write `{key} = {}`",
                    text.value().trim()
                ))
                .with_span(text)),
                other => {
                    Err(Error::custom(format!("`{key}` takes an integer literal, like `{key} = {}`", example_of(&key)))
                        .with_span(other))
                }
            },
            Meta::Path(path) => {
                Err(Error::custom(format!("`{key}` needs a value, like `{key} = {}`", example_of(&key)))
                    .with_span(path))
            }
            Meta::List(list) => {
                Err(Error::custom(format!("`{key}` takes `=`, not parentheses: `{key} = {}`", example_of(&key)))
                    .with_span(list))
            }
        }
    }
}

/// `key(1, 2, 3)`: a list of code numbers.
pub struct IntList {
    pub values: Vec<Int>,
}

impl FromMeta for IntList {
    fn from_meta(item: &Meta) -> Result<Self> {
        let key = key_name(item);
        let Meta::List(list) = item else {
            return Err(Error::custom(format!("`{key}` takes a list of code numbers: `{key}(9, 10)`")).with_span(item));
        };
        let items = NestedMeta::parse_meta_list(list.tokens.clone())?;
        let mut errors = Error::accumulator();
        let mut values = Vec::new();
        for nested in items {
            match &nested {
                NestedMeta::Lit(Lit::Int(int)) => {
                    if let Some(int) = errors.handle(Int::from_lit(int, &key)) {
                        values.push(int);
                    }
                }
                other => errors.push(
                    Error::custom(format!("`{key}(...)` takes code numbers, like `{key}(9, 10)`")).with_span(other),
                ),
            }
        }
        errors.finish_with(Self { values })
    }
}

/// `key = "text"`.
#[derive(Clone)]
pub struct Text {
    pub value: String,
    pub span: Span,
}

impl FromMeta for Text {
    fn from_meta(item: &Meta) -> Result<Self> {
        let key = key_name(item);
        match item {
            Meta::NameValue(pair) => match unwrap_group(&pair.value) {
                Expr::Lit(ExprLit { lit: Lit::Str(text), .. }) => Ok(Self { value: text.value(), span: text.span() }),
                other => {
                    Err(Error::custom(format!("`{key}` takes a string literal, like `{key} = \"...\"`"))
                        .with_span(other))
                }
            },
            Meta::Path(path) => {
                Err(Error::custom(format!("`{key}` needs a value, like `{key} = \"...\"`")).with_span(path))
            }
            Meta::List(list) => {
                Err(Error::custom(format!("`{key}` takes `=`, not parentheses: `{key} = \"...\"`")).with_span(list))
            }
        }
    }
}

/// `key = true` or `key = false`.
#[derive(Clone, Copy)]
pub struct Bool {
    pub value: bool,
    pub span: Span,
}

impl FromMeta for Bool {
    fn from_meta(item: &Meta) -> Result<Self> {
        let key = key_name(item);
        if let Meta::NameValue(pair) = item
            && let Expr::Lit(ExprLit { lit: Lit::Bool(value), .. }) = unwrap_group(&pair.value)
        {
            return Ok(Self { value: value.value, span: value.span });
        }
        Err(Error::custom(format!("`{key}` takes `true` or `false`, like `{key} = false`")).with_span(item))
    }
}

/// A key that takes no value: `#[catalog(source)]`.
#[derive(Clone, Copy)]
pub struct Flag {
    pub span: Span,
}

impl FromMeta for Flag {
    fn from_meta(item: &Meta) -> Result<Self> {
        let key = key_name(item);
        match item {
            Meta::Path(path) => Ok(Self { span: path.span() }),
            other => Err(Error::custom(format!("`{key}` takes no value: write `#[catalog({key})]`")).with_span(other)),
        }
    }
}

/// `detail` or `detail = "name_in_the_body"`.
#[derive(Clone)]
pub struct DetailKey {
    pub rename: Option<Text>,
    pub span: Span,
}

impl FromMeta for DetailKey {
    fn from_meta(item: &Meta) -> Result<Self> {
        match item {
            Meta::Path(path) => Ok(Self { rename: None, span: path.span() }),
            Meta::NameValue(_) => Ok(Self { rename: Some(Text::from_meta(item)?), span: item.span() }),
            Meta::List(list) => {
                Err(Error::custom("`detail` takes no list: write `detail` or `detail = \"name\"`").with_span(list))
            }
        }
    }
}

/// `key = some::path` or `key = "some::path"`.
#[derive(Clone)]
pub struct PathKey {
    pub path: Path,
    pub span: Span,
}

impl FromMeta for PathKey {
    fn from_meta(item: &Meta) -> Result<Self> {
        let key = key_name(item);
        let expected = || Error::custom(format!("`{key}` takes a path, like `{key} = my_crate::Catalog`"));
        let Meta::NameValue(pair) = item else {
            return Err(expected().with_span(item));
        };
        match unwrap_group(&pair.value) {
            Expr::Path(path) if path.attrs.is_empty() && path.qself.is_none() => {
                Ok(Self { path: path.path.clone(), span: path.span() })
            }
            Expr::Lit(ExprLit { lit: Lit::Str(text), .. }) => text
                .parse::<Path>()
                .map(|path| Self { path, span: text.span() })
                .map_err(|_| expected().with_span(text)),
            other => Err(expected().with_span(other)),
        }
    }
}

/// `link(url = "...", label = "...")`.
#[derive(Clone)]
pub struct LinkKey {
    pub url: Text,
    pub label: Text,
}

#[derive(FromMeta)]
struct LinkFields {
    url: Text,
    label: Text,
}

impl FromMeta for LinkKey {
    fn from_meta(item: &Meta) -> Result<Self> {
        let Meta::List(list) = item else {
            return Err(
                Error::custom("`link` takes a url and a label: `link(url = \"...\", label = \"...\")`").with_span(item)
            );
        };
        let items = NestedMeta::parse_meta_list(list.tokens.clone())?;
        let fields = LinkFields::from_list(&items).map_err(|error| error.with_span(list))?;
        Ok(Self { url: fields.url, label: fields.label })
    }
}

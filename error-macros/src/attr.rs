//! Reading attribute values, for both derives.
//!
//! Policy: an attribute is split into its items with darling's
//! `NestedMeta`; each derive matches the keys itself, so that every message
//! about a key is written where the key's rule is (an unknown key, a key in
//! the wrong place, a key given twice). The readers here only turn one
//! item's value into a typed value, or say what the key takes.

use darling::ast::NestedMeta;
use darling::{Error, Result};
use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use syn::spanned::Spanned;
use syn::{Attribute, Expr, ExprLit, Lit, LitInt, Meta, Path};

/// The items of `#[name(...)]`; an attribute without parentheses is an
/// error that shows the expected form.
pub fn items(attr: &Attribute, example: &str) -> Result<Vec<NestedMeta>> {
    let name = attr.path().get_ident().map_or_else(|| "attribute".to_owned(), ToString::to_string);
    match &attr.meta {
        Meta::List(list) => match simple_items(list.tokens.clone()) {
            Some(items) => Ok(items),
            None => NestedMeta::parse_meta_list(list.tokens.clone()).map_err(Error::from),
        },
        other => {
            Err(Error::custom(format!("`#[{name}]` takes a list of keys, like `#[{name}({example})]`"))
                .with_span(other))
        }
    }
}

/// The items of an attribute made of `key`, `key = <literal or name>` and
/// `key(...)` only, as nearly every attribute is, read token by token;
/// `None` for anything else, which darling's parser then reads. The two
/// give the same items; this one skips parsing each value as an expression,
/// which was most of the cost of reading an attribute (BENCHMARKS.md).
fn simple_items(tokens: TokenStream) -> Option<Vec<NestedMeta>> {
    let mut items = Vec::new();
    let mut tokens = tokens.into_iter();
    while let Some(token) = tokens.next() {
        let TokenTree::Ident(key) = token else { return None };
        let path = Path::from(key);
        let (meta, next) = match tokens.next() {
            next @ (None | Some(TokenTree::Punct(_))) if !is_punct(next.as_ref(), '=') => (Meta::Path(path), next),
            Some(TokenTree::Punct(eq)) => {
                let value = match tokens.next()? {
                    TokenTree::Literal(literal) => Expr::Lit(ExprLit { attrs: Vec::new(), lit: Lit::new(literal) }),
                    TokenTree::Ident(ident) if ident == "true" || ident == "false" => {
                        let lit = syn::LitBool::new(ident == "true", ident.span());
                        Expr::Lit(ExprLit { attrs: Vec::new(), lit: Lit::Bool(lit) })
                    }
                    TokenTree::Ident(ident) => {
                        Expr::Path(syn::ExprPath { attrs: Vec::new(), qself: None, path: Path::from(ident) })
                    }
                    _ => return None,
                };
                let eq_token = syn::Token![=](eq.span());
                (Meta::NameValue(syn::MetaNameValue { path, eq_token, value }), tokens.next())
            }
            Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Parenthesis => {
                let delimiter = syn::MacroDelimiter::Paren(syn::token::Paren(group.delim_span()));
                (Meta::List(syn::MetaList { path, delimiter, tokens: group.stream() }), tokens.next())
            }
            _ => return None,
        };
        items.push(NestedMeta::Meta(meta));
        match next {
            None => break,
            Some(comma) if is_punct(Some(&comma), ',') => {}
            Some(_) => return None,
        }
    }
    Some(items)
}

fn is_punct(token: Option<&TokenTree>, c: char) -> bool {
    matches!(token, Some(TokenTree::Punct(punct)) if punct.as_char() == c)
}

/// The keys of a list; an item that is not a key (`#[catalog(1)]`,
/// `key = <not an expression>`) is reported as what it is.
pub fn metas(items: Vec<NestedMeta>, usage: &str, errors: &mut darling::error::Accumulator) -> Vec<Meta> {
    items
        .into_iter()
        .filter_map(|item| match item {
            NestedMeta::Meta(meta) => Some(meta),
            NestedMeta::Lit(lit) => {
                errors.push(Error::custom(usage).with_span(&lit));
                None
            }
            NestedMeta::NameValueInvalidExpr(pair) => {
                let key = pair.path.get_ident().map_or_else(String::new, ToString::to_string);
                errors.push(
                    Error::custom(format!("`{key}` takes a literal, like `{key} = \"...\"` or `{key} = 1`"))
                        .with_span(&pair.path),
                );
                None
            }
        })
        .collect()
}

/// The name of the key a meta item sets (`code` in `code = 4`).
pub fn key_of(meta: &Meta) -> String {
    meta.path()
        .get_ident()
        .map_or_else(|| quote::ToTokens::to_token_stream(meta.path()).to_string(), ToString::to_string)
}

/// The candidate closest to `name`, when one is close enough to be what
/// the user meant (Jaro-Winkler similarity of at least 0.8): the one rule
/// of every "did you mean" the derives write.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(name, candidate), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// Reads a key that may be given once: "`x` is given more than once" at
/// the second.
pub fn once<T>(slot: &mut Option<T>, meta: &Meta, read: impl FnOnce() -> Result<T>) -> Result<()> {
    if slot.is_some() {
        return Err(repeated(meta));
    }
    *slot = Some(read()?);
    Ok(())
}

/// "unknown key `x`", with the closest known key when one is close.
pub fn unknown_key(meta: &Meta, known: &[&str]) -> Error {
    let key = key_of(meta);
    let hint = closest(&key, known.iter().copied())
        .map_or_else(String::new, |candidate| format!("; did you mean `{candidate}`?"));
    Error::custom(format!("unknown key `{key}`{hint}")).with_span(meta.path())
}

/// "`x` is given more than once", at the second one.
pub fn repeated(meta: &Meta) -> Error {
    Error::custom(format!("`{}` is given more than once", key_of(meta))).with_span(meta.path())
}

/// Strips the invisible groups `macro_rules!` puts around expressions.
pub fn unwrap_group(expr: &Expr) -> &Expr {
    match expr {
        Expr::Group(group) => unwrap_group(&group.expr),
        Expr::Paren(paren) => unwrap_group(&paren.expr),
        other => other,
    }
}

/// The literal of `key = <literal>`, or what the key needed instead:
/// `what` it takes (`a string`) and an `example` value.
fn literal<'m>(meta: &'m Meta, what: &str, example: &str) -> Result<&'m Lit> {
    let key = key_of(meta);
    match meta {
        Meta::NameValue(pair) => match unwrap_group(&pair.value) {
            Expr::Lit(ExprLit { lit, .. }) => Ok(lit),
            other => Err(Error::custom(format!("`{key}` takes {what}, like `{key} = {example}`")).with_span(other)),
        },
        Meta::Path(path) => {
            Err(Error::custom(format!("`{key}` needs a value, like `{key} = {example}`")).with_span(path))
        }
        Meta::List(list) => {
            Err(Error::custom(format!("`{key}` takes `=`, not parentheses: `{key} = {example}`")).with_span(list))
        }
    }
}

/// An integer literal and its value.
#[derive(Clone)]
pub struct Int {
    pub value: u64,
    pub span: Span,
}

impl Int {
    /// `key = <integer>`.
    pub fn read(meta: &Meta, example: &str) -> Result<Self> {
        let key = key_of(meta);
        match literal(meta, "an integer", example)? {
            Lit::Int(int) => Ok(Self::from_lit(int)),
            Lit::Str(text) => {
                Err(Error::custom(format!("`{key}` takes a number, not a string: `{key} = {example}`")).with_span(text))
            }
            other => Err(Error::custom(format!("`{key}` takes an integer, like `{key} = {example}`")).with_span(other)),
        }
    }

    pub fn from_lit(int: &LitInt) -> Self {
        // A value past u64 is out of every range; report it as such.
        let value = int.base10_parse::<u64>().unwrap_or(u64::MAX);
        Self { value, span: int.span() }
    }

    /// The value when it is within `range`, else "`key = value` is out of
    /// range: why".
    pub fn within(&self, key: &str, range: core::ops::RangeInclusive<u64>, why: &str) -> Result<u16> {
        if range.contains(&self.value)
            && let Ok(value) = u16::try_from(self.value)
        {
            Ok(value)
        } else {
            let shown = if self.value == u64::MAX { "a huge number".to_owned() } else { self.value.to_string() };
            Err(Error::custom(format!("`{key} = {shown}` is out of range: {why}")).with_span(&self.span))
        }
    }
}

/// An integer that may be negative (`start = -32768`, `range(-32099, -32000)`).
#[derive(Clone, Copy)]
pub struct Signed {
    pub value: i64,
    pub span: Span,
}

impl Signed {
    /// `key = <integer>` or `key = -<integer>`.
    pub fn read(meta: &Meta, example: &str) -> Result<Self> {
        let key = key_of(meta);
        match meta {
            Meta::NameValue(pair) => Self::from_expr(unwrap_group(&pair.value)).ok_or_else(|| {
                Error::custom(format!("`{key}` takes an integer, like `{key} = {example}`")).with_span(&pair.value)
            })?,
            _ => Err(Error::custom(format!("`{key}` takes an integer, like `{key} = {example}`")).with_span(meta)),
        }
    }

    /// An integer expression, `None` when `expr` is not one.
    pub fn from_expr(expr: &Expr) -> Option<Result<Self>> {
        let (int, negative, span) = match unwrap_group(expr) {
            Expr::Lit(ExprLit { lit: Lit::Int(int), .. }) => (int, false, int.span()),
            Expr::Unary(syn::ExprUnary { op: syn::UnOp::Neg(minus), expr, .. }) => match unwrap_group(expr) {
                Expr::Lit(ExprLit { lit: Lit::Int(int), .. }) => {
                    (int, true, minus.span.join(int.span()).unwrap_or_else(|| int.span()))
                }
                _ => return None,
            },
            _ => return None,
        };
        let magnitude = int.base10_parse::<u64>().ok();
        let value = magnitude.and_then(|magnitude| {
            if negative { 0_i64.checked_sub_unsigned(magnitude) } else { i64::try_from(magnitude).ok() }
        });
        Some(value.map(|value| Self { value, span }).ok_or_else(|| {
            Error::custom(format!(
                "`{}{int}` is out of range: numbers are from {} to {}",
                if negative { "-" } else { "" },
                i64::MIN,
                i64::MAX
            ))
            .with_span(&span)
        }))
    }
}

/// A string literal and its value.
#[derive(Clone)]
pub struct Text {
    pub value: String,
    pub span: Span,
}

impl Text {
    /// `key = "text"`.
    pub fn read(meta: &Meta) -> Result<Self> {
        let key = key_of(meta);
        match literal(meta, "a string", "\"...\"")? {
            Lit::Str(text) => Ok(Self { value: text.value(), span: text.span() }),
            other => Err(Error::custom(format!("`{key}` takes a string, like `{key} = \"...\"`")).with_span(other)),
        }
    }

    /// `key = "text"`, where the text may not be empty or blank.
    pub fn read_nonblank(meta: &Meta, what: &str) -> Result<Self> {
        let text = Self::read(meta)?;
        if text.value.trim().is_empty() {
            return Err(Error::custom(format!("`{}` is empty: {what}", key_of(meta))).with_span(&text.span));
        }
        Ok(text)
    }
}

/// `key = true` or `key = false`.
#[derive(Clone, Copy)]
pub struct Bool {
    pub value: bool,
}

impl Bool {
    pub fn read(meta: &Meta) -> Result<Self> {
        let key = key_of(meta);
        match literal(meta, "`true` or `false`", "false") {
            Ok(Lit::Bool(value)) => Ok(Self { value: value.value }),
            _ => Err(Error::custom(format!("`{key}` takes `true` or `false`, like `{key} = false`")).with_span(meta)),
        }
    }
}

/// A key that takes no value: `#[catalog(source)]`.
pub fn flag(meta: &Meta) -> Result<Span> {
    match meta {
        Meta::Path(path) => Ok(path.span()),
        other => {
            let key = key_of(other);
            Err(Error::custom(format!("`{key}` takes no value: write `#[catalog({key})]`")).with_span(other))
        }
    }
}

/// `key = some::path` or `key = "some::path"`.
#[derive(Clone)]
pub struct PathValue {
    pub path: Path,
    pub span: Span,
}

/// Where the runtime is when the user does not say `crate = path`.
pub const RUNTIME: &str = "::error_catalog";

/// The path of the runtime: `crate = path` as written, or [`RUNTIME`].
pub fn runtime_path(krate: Option<&PathValue>) -> proc_macro2::TokenStream {
    krate.map_or_else(
        || quote::quote!(::error_catalog),
        |path| {
            let path = &path.path;
            quote::quote!(#path)
        },
    )
}

impl PathValue {
    pub fn read(meta: &Meta, example: &str) -> Result<Self> {
        let key = key_of(meta);
        let expected = || Error::custom(format!("`{key}` takes a path, like `{key} = {example}`"));
        let Meta::NameValue(pair) = meta else {
            return Err(expected().with_span(meta));
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

/// `key(1, 2, 3)`: a list of integers.
pub fn int_list(meta: &Meta, example: &str) -> Result<Vec<Int>> {
    let key = key_of(meta);
    let Meta::List(list) = meta else {
        return Err(Error::custom(format!("`{key}` takes a list, like `{key}({example})`")).with_span(meta));
    };
    let mut errors = Error::accumulator();
    let mut values = Vec::new();
    for item in NestedMeta::parse_meta_list(list.tokens.clone())? {
        match &item {
            NestedMeta::Lit(Lit::Int(int)) => values.push(Int::from_lit(int)),
            other => errors
                .push(Error::custom(format!("`{key}(...)` takes numbers, like `{key}({example})`")).with_span(other)),
        }
    }
    errors.finish_with(values)
}

/// Where an item's first `#[catalog(...)]` is: its `#`, its `catalog` and
/// its `]`. A conflict between two codes spans from `#` to `]`, so that it
/// points at both attributes whole; other errors point at the word
/// `catalog`. An item without the attribute gives its name for all three.
#[derive(Clone, Copy)]
pub struct AttrSpan {
    pub pound: Span,
    pub path: Span,
    pub close: Span,
}

impl AttrSpan {
    pub fn of(attr: Option<&Attribute>, fallback: Span) -> Self {
        attr.map_or(Self { pound: fallback, path: fallback, close: fallback }, |attr| Self {
            pound: attr.pound_token.span,
            path: attr.path().span(),
            close: attr.bracket_token.span.close(),
        })
    }
}

/// What a doc comment says of an error: its first paragraph, the lines
/// joined by spaces (the description), and the rest as it was written, less
/// the indent its lines share (the explanation, Markdown). Either is empty
/// when the comment has none.
pub fn docs(attrs: &[Attribute]) -> (String, String) {
    let mut lines = Vec::new();
    for attr in attrs {
        if !attr.path().is_ident("doc") {
            continue;
        }
        if let Meta::NameValue(pair) = &attr.meta
            && let Expr::Lit(ExprLit { lit: Lit::Str(text), .. }) = &pair.value
        {
            lines.extend(text.value().split('\n').map(|line| line.trim_end().to_owned()));
        }
    }
    let blank = |line: &&String| line.trim().is_empty();
    let mut rest = lines.iter().skip_while(blank);
    let paragraph: Vec<&str> = rest.by_ref().take_while(|line| !blank(line)).map(|line| line.trim()).collect();
    let rest: Vec<&String> = rest.skip_while(blank).collect();
    let end = rest.iter().rposition(|line| !blank(line)).map_or(0, |last| last + 1);
    let rest = &rest[..end];
    let indent = rest.iter().filter(|line| !blank(line)).map(|line| line.len() - line.trim_start().len()).min();
    let explanation: Vec<&str> = rest.iter().map(|line| line.get(indent.unwrap_or(0)..).unwrap_or_default()).collect();
    (paragraph.join(" "), explanation.join("\n"))
}

/// FNV-1a, 128 bits: the key of a text code in `UniqueCode`, and the
/// place of a catalog's declaration in its `link-check` symbols.
pub fn fnv1a_128(bytes: &[u8]) -> u128 {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    bytes.iter().fold(OFFSET, |hash, byte| (hash ^ u128::from(*byte)).wrapping_mul(PRIME))
}

#[cfg(test)]
mod tests {
    use darling::ast::NestedMeta;
    use quote::ToTokens;

    use super::simple_items;

    fn shown(items: &[NestedMeta]) -> Vec<String> {
        items
            .iter()
            .map(|item| match item {
                NestedMeta::Meta(meta) => meta.to_token_stream().to_string(),
                NestedMeta::Lit(lit) => lit.to_token_stream().to_string(),
                NestedMeta::NameValueInvalidExpr(_) => "invalid".to_owned(),
            })
            .collect()
    }

    #[test]
    fn reads_simple_attributes_as_darling_does() {
        for text in [
            "module = 1, code = 4, status = 409",
            r#"code = "card_declined", message = "A '{name}' \" quote", display = false,"#,
            r#"detail, source, catalog = Billing, link(url = "u", label = "l")"#,
            "retryable = true",
            "",
        ] {
            let tokens: proc_macro2::TokenStream = text.parse().unwrap();
            let fast = simple_items(tokens.clone()).unwrap_or_else(|| panic!("not simple: {text}"));
            let full = NestedMeta::parse_meta_list(tokens).unwrap();
            assert_eq!(shown(&fast), shown(&full), "{text}");
        }
    }

    #[test]
    fn keeps_the_whole_doc_comment() {
        let item: syn::DeriveInput = syn::parse_quote! {
            ///
            /// Raised when the name
            ///   is taken.
            ///
            /// Pick another name:
            ///
            ///     let name = "web-2";
            ///
            /// * or remove the old one
            ///
            struct Taken;
        };
        let (description, explanation) = super::docs(&item.attrs);
        assert_eq!(description, "Raised when the name is taken.");
        assert_eq!(explanation, "Pick another name:\n\n    let name = \"web-2\";\n\n* or remove the old one");
        let item: syn::DeriveInput = syn::parse_quote! {
            /// Only a description
            struct Short;
        };
        assert_eq!(super::docs(&item.attrs), ("Only a description".to_owned(), String::new()));
    }

    #[test]
    fn leaves_the_rest_to_darling() {
        for text in ["catalog = crate::Catalog", "status = 400 + 9", "1", "code = -1", "a b", "code == 1", "x[1]"] {
            let tokens: proc_macro2::TokenStream = text.parse().unwrap();
            assert!(simple_items(tokens).is_none(), "{text}");
        }
    }
}

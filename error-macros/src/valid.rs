//! Checks that look at more than one attribute, and the checked model of an
//! input. Every mistake is collected, so a type with three mistakes shows
//! three errors in one build.

use darling::Error;
use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Attribute, Expr, ExprLit, Ident, Lit, Member, Meta, Path, Type};

use crate::ast::{ErrorField, ErrorInput, Int, Keys, Text};
use crate::template::{self, Piece};

/// The checked input of `#[derive(CatalogError)]`.
pub struct ErrorModel<'a> {
    pub ident: &'a Ident,
    pub generics: &'a syn::Generics,
    pub krate: Path,
    pub catalog: Path,
    /// Where the catalog is named: its `catalog = path`, or the first
    /// `#[catalog(...)]` when the default `crate::Catalog` is used.
    pub catalog_span: Span,
    /// Whether the catalog is declared in this crate, where the compiler
    /// can check that codes are unique (see `extern_catalog`).
    pub local_catalog: bool,
    pub display: bool,
    pub is_enum: bool,
    pub codes: Vec<CodeModel<'a>>,
}

/// One code: a struct, or one variant of an enum.
pub struct CodeModel<'a> {
    pub variant: Option<&'a Ident>,
    pub fields: Vec<FieldModel<'a>>,
    pub name: String,
    pub module: Number,
    pub code: Number,
    pub status: Option<Number>,
    pub message: Option<Message>,
    pub description: String,
    pub details: Vec<(usize, String)>,
    pub source: Option<usize>,
    pub suggestions: Vec<String>,
    pub links: Vec<(String, String)>,
    /// Where the item's `#[catalog(...)]` is.
    pub attr_span: AttrSpan,
}

pub struct FieldModel<'a> {
    pub member: Member,
    pub ty: &'a Type,
}

#[derive(Clone, Copy)]
pub struct Number {
    pub value: u16,
    pub span: Span,
}

pub struct Message {
    pub template: String,
    pub pieces: Vec<Piece>,
    /// Placeholders as indexes into the fields.
    pub fields: Vec<Option<usize>>,
}

/// Where a key may stand, for "belongs on" messages.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Struct,
    Enum,
    Variant,
    Field,
}

pub fn check_error<'a>(input: &'a ErrorInput, raw: &'a syn::DeriveInput) -> darling::Result<ErrorModel<'a>> {
    let mut errors = Error::accumulator();
    let krate = input.keys.krate.as_ref().map_or_else(|| syn::parse_quote!(::error_catalog), |key| key.path.clone());
    if let (Some(_), Some(key)) = (&input.keys.catalog, &input.keys.extern_catalog) {
        errors.push(
            Error::custom(
                "give `catalog` or `extern_catalog`, not both: `extern_catalog` is a catalog declared in another crate",
            )
            .with_span(&key.span),
        );
    }
    let local_catalog = input.keys.extern_catalog.is_none();
    let named = input.keys.catalog.as_ref().or(input.keys.extern_catalog.as_ref());
    let catalog = named.map_or_else(|| syn::parse_quote!(crate::Catalog), |key| key.path.clone());
    let catalog_span = named.map_or_else(|| AttrSpan::find(&raw.attrs, &input.ident).path, |key| key.span);
    let display = input.keys.display.is_none_or(|flag| flag.value);
    let mut codes = Vec::new();
    let is_enum = input.data.is_enum();
    match &input.data {
        darling::ast::Data::Struct(fields) => {
            misplaced(&mut errors, &input.keys, Place::Struct);
            let docs = description_from_docs(&input.attrs);
            let attr_span = AttrSpan::find(&raw.attrs, &input.ident);
            let defaults = Keys::default();
            if let Some(code) =
                check_code(&mut errors, None, &input.ident, &fields.fields, &input.keys, &defaults, &docs, attr_span)
            {
                codes.push(code);
            }
        }
        darling::ast::Data::Enum(variants) => {
            misplaced(&mut errors, &input.keys, Place::Enum);
            if variants.is_empty() {
                errors.push(
                    Error::custom(
                        "an enum without variants has no error codes: add a variant with `#[catalog(code = 1)]`",
                    )
                    .with_span(&input.ident),
                );
            }
            let raw_variants = match &raw.data {
                syn::Data::Enum(data) => data.variants.iter().collect::<Vec<_>>(),
                _ => Vec::new(),
            };
            for (index, variant) in variants.iter().enumerate() {
                misplaced(&mut errors, &variant.keys, Place::Variant);
                let docs = description_from_docs(&variant.attrs);
                let attr_span = raw_variants.get(index).map_or_else(
                    || AttrSpan::find(&[], &variant.ident),
                    |raw| AttrSpan::find(&raw.attrs, &variant.ident),
                );
                if let Some(code) = check_code(
                    &mut errors,
                    Some(&variant.ident),
                    &variant.ident,
                    &variant.fields.fields,
                    &variant.keys,
                    &input.keys,
                    &docs,
                    attr_span,
                ) {
                    codes.push(code);
                }
            }
            duplicate_codes(&mut errors, &codes);
        }
    }
    errors.finish_with(ErrorModel {
        ident: &input.ident,
        generics: &input.generics,
        krate,
        catalog,
        catalog_span,
        local_catalog,
        display,
        is_enum,
        codes,
    })
}

#[allow(clippy::too_many_arguments)]
fn check_code<'a>(
    errors: &mut darling::error::Accumulator,
    variant: Option<&'a Ident>,
    ident: &Ident,
    raw_fields: &'a [ErrorField],
    keys: &Keys,
    defaults: &Keys,
    docs: &str,
    attr_span: AttrSpan,
) -> Option<CodeModel<'a>> {
    let what = if variant.is_some() { "variant" } else { "struct" };
    if !attr_span.found && keys.module.or(defaults.module).is_none() {
        errors.push(
            Error::custom(format!(
                "`{ident}` has no `#[catalog(...)]`: every {what} needs its code, like `#[catalog(module = 1, code = 4)]`"
            ))
            .with_span(ident),
        );
        return None;
    }
    let module = if let Some(int) = keys.module.or(defaults.module) {
        Some(number(int))
    } else {
        errors.push(
            Error::custom(format!(
                "missing `module = ...`: every error needs the catalog module of its code, \
                 like `#[catalog(module = 1, code = 4)]`{}",
                if variant.is_some() { " (on the variant or on the enum)" } else { "" }
            ))
            .with_span(&attr_span.path),
        );
        None
    };
    let code = if let Some(int) = keys.code {
        Some(number(int))
    } else {
        errors.push(
            Error::custom(format!(
                "missing `code = ...`: every {what} needs its code number, like `#[catalog(code = 4)]`"
            ))
            .with_span(&attr_span.path),
        );
        None
    };
    let status = keys.status.or(defaults.status).map(number);

    let fields: Vec<FieldModel<'a>> = raw_fields
        .iter()
        .enumerate()
        .map(|(index, field)| FieldModel {
            member: field.ident.clone().map_or_else(|| Member::Unnamed(index.into()), Member::Named),
            ty: &field.ty,
        })
        .collect();

    let (details, source) = check_fields(errors, &fields, raw_fields);

    let message = keys.message.as_ref().and_then(|text| errors.handle(check_message(text, &fields, ident)));

    let name = keys.name.as_ref().map_or_else(|| ident.to_string(), |text| text.value.clone());
    if let Some(text) = &keys.name
        && text.value.trim().is_empty()
    {
        errors.push(Error::custom("`name` is empty: it is the class name clients see").with_span(&text.span));
    }
    let description = keys.description.as_ref().map_or_else(|| docs.to_owned(), |text| text.value.clone());
    let links = keys.links.iter().map(|link| (link.url.value.clone(), link.label.value.clone())).collect();
    let suggestions = keys.suggestions.iter().map(|text| text.value.clone()).collect();

    Some(CodeModel {
        variant,
        fields,
        name,
        module: module?,
        code: code?,
        status,
        message,
        description,
        details,
        source,
        suggestions,
        links,
        attr_span,
    })
}

/// The fields marked `detail` (with their names in the body) and the
/// source field, explicit or named `source`.
fn check_fields(
    errors: &mut darling::error::Accumulator,
    fields: &[FieldModel<'_>],
    raw_fields: &[ErrorField],
) -> (Vec<(usize, String)>, Option<usize>) {
    let mut details: Vec<(usize, String)> = Vec::new();
    let mut source: Option<usize> = None;
    for (index, (field, raw)) in fields.iter().zip(raw_fields).enumerate() {
        let field_keys = &raw.keys;
        misplaced(errors, field_keys, Place::Field);
        if let Some(detail) = &field_keys.detail {
            let name = detail.rename.as_ref().map_or_else(|| member_name(&field.member), |text| text.value.clone());
            if let Some((_, first)) = details.iter().find(|(_, existing)| *existing == name) {
                errors.push(
                    Error::custom(format!(
                        "two fields are the detail `{first}`: give one another name with `detail = \"...\"`"
                    ))
                    .with_span(&detail.span),
                );
            }
            if field_keys.source.is_some() {
                errors.push(
                    Error::custom("a `source` field cannot be a `detail`: its error would reach the public body")
                        .with_span(&detail.span),
                );
            }
            details.push((index, name));
        }
        if let Some(flag) = &field_keys.source {
            if source.is_some() {
                errors.push(Error::custom("only one field can be the `source`").with_span(&flag.span));
            }
            source = Some(index);
        }
    }
    if source.is_none() {
        source = fields.iter().position(|field| matches!(&field.member, Member::Named(name) if name == "source"));
    }

    (details, source)
}

fn number(int: Int) -> Number {
    Number { value: int.value, span: int.span }
}

fn check_message(text: &Text, fields: &[FieldModel<'_>], ident: &Ident) -> darling::Result<Message> {
    let pieces = template::parse(&text.value).map_err(|message| Error::custom(message).with_span(&text.span))?;
    let mut errors = Error::accumulator();
    let mut resolved = Vec::new();
    for piece in &pieces {
        let Piece::Field(name) = piece else {
            resolved.push(None);
            continue;
        };
        let found = fields.iter().position(|field| member_name(&field.member) == *name);
        if found.is_none() {
            let names: Vec<String> = fields.iter().map(|field| member_name(&field.member)).collect();
            let hint = if names.is_empty() {
                format!("; `{ident}` has no fields")
            } else if name.chars().all(|c| c.is_ascii_digit())
                && fields.iter().all(|f| matches!(f.member, Member::Unnamed(_)))
            {
                format!(
                    "; `{ident}` has {} field{}, `{{0}}` to `{{{}}}`",
                    names.len(),
                    if names.len() == 1 { "" } else { "s" },
                    names.len() - 1
                )
            } else if name.chars().all(|c| c.is_ascii_digit()) {
                format!("; `{ident}` has named fields: use `{{{}}}`", names[0])
            } else if let Some(close) = closest(name, &names) {
                format!("; did you mean `{{{close}}}`?")
            } else {
                format!("; the fields are {}", names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "))
            };
            errors.push(
                Error::custom(format!("the message names `{{{name}}}` but `{ident}` has no field `{name}`{hint}"))
                    .with_span(&text.span),
            );
        }
        resolved.push(found);
    }
    errors.finish_with(Message { template: text.value.clone(), pieces, fields: resolved })
}

pub fn member_name(member: &Member) -> String {
    match member {
        Member::Named(ident) => ident.to_string(),
        Member::Unnamed(index) => index.index.to_string(),
    }
}

/// The closest name within two edits, for "did you mean".
pub fn closest<'n>(name: &str, candidates: &'n [String]) -> Option<&'n str> {
    candidates
        .iter()
        .map(|candidate| (edit_distance(name, candidate), candidate))
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate.as_str())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (row[j + 1] + 1).min(row[j] + 1).min(previous + usize::from(ca != *cb));
            previous = current;
        }
    }
    row[b.len()]
}

/// Reports keys written where they mean nothing.
fn misplaced(errors: &mut darling::error::Accumulator, keys: &Keys, place: Place) {
    let mut report = |key: &str, span: Span, belongs: &str| {
        errors.push(Error::custom(format!("`{key}` belongs on {belongs}")).with_span(&span));
    };
    let on_code = match place {
        Place::Enum => "each variant, not on the enum: every variant has its own",
        Place::Field => "the struct or the variant, not on a field",
        Place::Struct | Place::Variant => "",
    };
    if !on_code.is_empty() {
        if let Some(int) = keys.code {
            report("code", int.span, on_code);
        }
        for (key, text) in [("name", &keys.name), ("message", &keys.message), ("description", &keys.description)] {
            if let Some(text) = text {
                report(key, text.span, on_code);
            }
        }
        if let Some(text) = keys.suggestions.first() {
            report("suggestion", text.span, on_code);
        }
        if let Some(link) = keys.links.first() {
            report("link", link.url.span, on_code);
        }
    }
    if place == Place::Field {
        for (key, int) in [("module", keys.module), ("status", keys.status)] {
            if let Some(int) = int {
                report(key, int.span, "the struct, the enum or the variant, not on a field");
            }
        }
    }
    if matches!(place, Place::Variant | Place::Field) {
        let belongs = if place == Place::Variant {
            "the enum, not on a variant: it applies to the whole type"
        } else {
            "the struct or the enum, not on a field"
        };
        if let Some(key) = &keys.catalog {
            report("catalog", key.span, belongs);
        }
        if let Some(key) = &keys.extern_catalog {
            report("extern_catalog", key.span, belongs);
        }
        if let Some(key) = &keys.krate {
            report("crate", key.span, belongs);
        }
        if let Some(flag) = keys.display {
            report("display", flag.span, belongs);
        }
    }
    if place != Place::Field {
        let belongs = "a field: `#[catalog(detail)] name: String`";
        if let Some(detail) = &keys.detail {
            report("detail", detail.span, belongs);
        }
        if let Some(flag) = keys.source {
            report("source", flag.span, "a field: `#[catalog(source)] cause: std::io::Error`");
        }
    }
}

fn duplicate_codes(errors: &mut darling::error::Accumulator, codes: &[CodeModel<'_>]) {
    for (index, code) in codes.iter().enumerate() {
        if let Some(first) = codes[..index]
            .iter()
            .find(|earlier| (earlier.module.value, earlier.code.value) == (code.module.value, code.code.value))
        {
            errors.push(
                Error::custom(format!(
                    "code {} of module {} is already used by variant `{}`: every variant needs its own code",
                    code.code.value,
                    code.module.value,
                    first.variant.map(ToString::to_string).unwrap_or_default()
                ))
                .with_span(&code.code.span),
            );
        }
    }
}

/// The first paragraph of the doc comment, its lines joined by spaces.
pub fn description_from_docs(attrs: &[Attribute]) -> String {
    let mut lines = Vec::new();
    for attr in attrs {
        if !attr.path().is_ident("doc") {
            continue;
        }
        if let Meta::NameValue(pair) = &attr.meta
            && let Expr::Lit(ExprLit { lit: Lit::Str(text), .. }) = &pair.value
        {
            lines.extend(text.value().split('\n').map(|line| line.trim().to_owned()));
        }
    }
    let paragraph: Vec<&str> = lines
        .iter()
        .map(String::as_str)
        .skip_while(|line| line.is_empty())
        .take_while(|line| !line.is_empty())
        .collect();
    paragraph.join(" ")
}

/// Where an item's `#[catalog(...)]` is: its `#`, its `catalog` and its `]`.
/// A conflict between two codes spans from `#` to `]`, so that it points at
/// both attributes whole; other errors point at the word `catalog`. An item
/// without the attribute gives its name for all three.
#[derive(Clone, Copy)]
pub struct AttrSpan {
    pub pound: Span,
    pub path: Span,
    pub close: Span,
    pub found: bool,
}

impl AttrSpan {
    fn find(attrs: &[Attribute], ident: &Ident) -> Self {
        attrs.iter().find(|attr| attr.path().is_ident("catalog")).map_or(
            Self { pound: ident.span(), path: ident.span(), close: ident.span(), found: false },
            |attr| Self {
                pound: attr.pound_token.span,
                path: attr.path().span(),
                close: attr.bracket_token.span.close(),
                found: true,
            },
        )
    }
}

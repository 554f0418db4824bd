//! The rules of `#[derive(CatalogError)]` that look at more than one key:
//! every code has its code, a message names public fields, one source per
//! code, no two details or variants alike. Every mistake is collected, so a
//! type with three mistakes shows three errors in one build.

use darling::Error;
use darling::error::Accumulator;

use super::ast::{Code, CodeValue, Field, Input, RetryAfter};
use crate::message::Piece;

pub fn check(input: &Input<'_>, errors: &mut Accumulator) {
    if let (Some(_), Some(path)) = (&input.keys.catalog, &input.keys.extern_catalog) {
        errors.push(
            Error::custom(
                "give `catalog` or `extern_catalog`, not both: `extern_catalog` is a catalog declared in another crate",
            )
            .with_span(&path.span),
        );
    }
    if input.is_enum && input.codes.is_empty() {
        errors.push(
            Error::custom("an enum without variants has no error codes: add a variant with `#[catalog(code = 1)]`")
                .with_span(&input.original.ident),
        );
    }
    for code in &input.codes {
        check_code(input, code, errors);
    }
    duplicate_variants(input, errors);
}

fn check_code(input: &Input<'_>, code: &Code<'_>, errors: &mut Accumulator) {
    let what = if code.variant.is_some() { "variant" } else { "struct" };
    match &code.keys.code {
        None if code.keys.written.iter().any(|key| key == "code") => {}
        None if code.attr.is_none() => errors.push(
            Error::custom(format!(
                "`{}` has no `#[catalog(...)]`: every {what} needs its code, like `#[catalog(code = 4)]`",
                code.ident
            ))
            .with_span(code.ident),
        ),
        None => errors.push(
            Error::custom(format!("missing `code = ...`: every {what} needs its code, like `#[catalog(code = 4)]`"))
                .with_span(&code.attr_span().path),
        ),
        Some(CodeValue::Number(..)) => {
            // The module is part of a numbered code's key, one marker type
            // per module (see `UniqueCode` in error-catalog).
            if let Some(module) = code.keys.module.as_ref().or(input.keys.module.as_ref())
                && module.value > 99
            {
                errors.push(
                    Error::custom(format!(
                        "`module = {}` is out of range: the module of a numbered code is at most 99",
                        module.value
                    ))
                    .with_span(&module.span),
                );
            }
        }
        Some(CodeValue::Text(..)) => {}
    }
    if let Some(message) = &code.keys.message {
        check_message(code, message, errors);
    }
    check_fields(&code.fields, errors);
    check_retry_after(input, code, errors);
}

/// One delay per code, and only on a code that may be retried.
fn check_retry_after(input: &Input<'_>, code: &Code<'_>, errors: &mut Accumulator) {
    let mut fields = code.fields.iter().filter_map(|field| field.keys.retry_after.as_ref());
    let field = fields.next();
    if let Some(second) = fields.next() {
        errors.push(Error::custom("only one field can be the `retry_after`").with_span(&second.span()));
    }
    // On an enum, `retry_after = N` is every variant's default, which a
    // variant's own key or field replaces.
    let own = code.keys.retry_after.as_ref();
    if let (Some(RetryAfter::Seconds(seconds, _)), Some(field)) = (own, field) {
        errors.push(
            Error::custom(format!(
                "the delay is given twice: `retry_after = {seconds}` and this field; keep the fixed delay or the field"
            ))
            .with_span(&field.span()),
        );
    }
    let delay = field.or(own).or(input.keys.retry_after.as_ref());
    let retryable = code.keys.retryable.as_ref().or(input.keys.retryable.as_ref());
    if let (Some(delay), Some(retryable)) = (delay, retryable)
        && !retryable.value
    {
        errors.push(
            Error::custom(
                "`retry_after` says when to send the request again, but the error says `retryable = false`: \
                 remove one of them",
            )
            .with_span(&delay.span()),
        );
    }
}

/// Every placeholder names a field, and that field is public.
fn check_message(code: &Code<'_>, message: &super::ast::Message, errors: &mut Accumulator) {
    let span = &message.text.span;
    for piece in &message.pieces {
        let Piece::Field(name) = piece else { continue };
        match code.fields.iter().find(|field| field.name == *name) {
            Some(field) if field.keys.detail.is_none() => errors.push(
                Error::custom(format!(
                    "the message shows `{{{name}}}`, but field `{name}` is not public: mark it \
                     `#[catalog(detail)]` to send it to clients, or take `{{{name}}}` out of the message"
                ))
                .with_span(span),
            ),
            Some(_) => {}
            None => errors.push(
                Error::custom(format!(
                    "the message names `{{{name}}}` but `{}` has no field `{name}`{}",
                    code.ident,
                    unknown_field_hint(code, name)
                ))
                .with_span(span),
            ),
        }
    }
}

/// What the fields are, for a placeholder that names none of them.
fn unknown_field_hint(code: &Code<'_>, name: &str) -> String {
    let names: Vec<&str> = code.fields.iter().map(|field| field.name.as_str()).collect();
    let is_index = name.chars().all(|c| c.is_ascii_digit());
    let tuple = code.fields.iter().all(|field| matches!(field.member, syn::Member::Unnamed(_)));
    match names.as_slice() {
        [] => format!("; `{}` has no fields", code.ident),
        _ if is_index && tuple => format!(
            "; `{}` has {} field{}, `{{0}}` to `{{{}}}`",
            code.ident,
            names.len(),
            if names.len() == 1 { "" } else { "s" },
            names.len() - 1
        ),
        [first, ..] if is_index => format!("; `{}` has named fields: use `{{{first}}}`", code.ident),
        _ => crate::attr::closest(name, names.iter().copied()).map_or_else(
            || format!("; the fields are {}", names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")),
            |close| format!("; did you mean `{{{close}}}`?"),
        ),
    }
}

fn check_fields(fields: &[Field<'_>], errors: &mut Accumulator) {
    let mut sources = fields.iter().filter_map(|field| field.keys.source);
    if let (Some(_), Some(second)) = (sources.next(), sources.next()) {
        errors.push(Error::custom("only one field can be the `source`").with_span(&second));
    }
    for (index, field) in fields.iter().enumerate() {
        let (Some(detail), Some(name)) = (&field.keys.detail, field.detail_name()) else { continue };
        if field.keys.source.is_some() {
            errors.push(
                Error::custom("a `source` field cannot be a `detail`: its error would reach the public body")
                    .with_span(&detail.span),
            );
        }
        if fields[..index].iter().any(|earlier| earlier.detail_name().as_deref() == Some(name.as_str())) {
            errors.push(
                Error::custom(format!(
                    "two fields are the detail `{name}`: give one another name with `detail = \"...\"`"
                ))
                .with_span(&detail.span),
            );
        }
    }
}

/// Two variants of one enum with the same code: the compiler would say so
/// too, but this says which variant, and says it once.
fn duplicate_variants(input: &Input<'_>, errors: &mut Accumulator) {
    let key = |code: &Code<'_>| -> Option<(Option<u64>, String)> {
        match code.keys.code.as_ref()? {
            CodeValue::Number(number, _) => Some((
                code.keys.module.as_ref().or(input.keys.module.as_ref()).map(|int| int.value),
                number.to_string(),
            )),
            CodeValue::Text(text, _) => Some((None, text.clone())),
        }
    };
    for (index, code) in input.codes.iter().enumerate() {
        let Some(this) = key(code) else { continue };
        let Some(first) = input.codes[..index].iter().find(|earlier| key(earlier).as_ref() == Some(&this)) else {
            continue;
        };
        let what = match (&this.0, code.keys.code.as_ref()) {
            (Some(module), Some(CodeValue::Number(..))) => format!("code {} of module {module}", this.1),
            (None, Some(CodeValue::Number(..))) => format!("code {}", this.1),
            _ => format!("code `{}`", this.1),
        };
        let span = code.keys.code.as_ref().map_or_else(|| code.ident.span(), CodeValue::span);
        errors.push(
            Error::custom(format!(
                "{what} is already used by variant `{}`: every variant needs its own code",
                first.ident
            ))
            .with_span(&span),
        );
    }
}

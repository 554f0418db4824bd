//! The rules of `#[derive(ErrorCatalog)]` that look at more than one key:
//! the format and what it allows (modules, their numbers, lists of retired
//! codes), statuses, the modules' numbers and names. Every mistake is
//! collected.

use darling::Error;
use darling::error::Accumulator;

use super::ast::Input;
use super::format::{self, Format, Shape};

/// What the checks found out, for the expansion.
pub struct Checked {
    pub format: Format,
    pub start: u16,
    /// `None` for a catalog outside HTTP.
    pub default_status: Option<u16>,
}

pub fn check(input: &Input<'_>, errors: &mut Accumulator) -> Option<Checked> {
    let ident = &input.original.ident;
    if !input.original.generics.params.is_empty() {
        errors.push(
            Error::custom("a catalog cannot be generic: it is one declaration per crate")
                .with_span(&input.original.generics),
        );
    }
    let keys = &input.keys;
    let http = keys.http.is_none_or(|flag| flag.value);
    if let (Some(status), false) = (&keys.default_status, http) {
        errors.push(
            Error::custom("`default_status` says what `http = false` denies: a catalog outside HTTP has no statuses")
                .with_span(&status.span),
        );
    }
    let start = keys.start.as_ref().map_or(1, |int| u16::try_from(int.value).unwrap_or(1));
    let format = if let Some(text) = &keys.format {
        errors.handle(format::parse(&text.value).map_err(|message| Error::custom(message).with_span(&text.span)))
    } else {
        errors.push(
            Error::custom("missing `format`: write `#[catalog(format = \"ERR-{module:02}-{code:03}\")]`")
                .with_span(ident),
        );
        None
    };
    if let Some(format) = &format {
        check_modules(input, format, start, errors);
    }
    let default_status =
        http.then(|| keys.default_status.as_ref().map_or(400, |int| u16::try_from(int.value).unwrap_or(400)));
    format.map(|format| Checked { format, start, default_status })
}

fn check_modules(input: &Input<'_>, format: &Format, start: u16, errors: &mut Accumulator) {
    if format.shape == Shape::Numbered && input.modules.is_empty() && matches!(input.original.data, syn::Data::Enum(_))
    {
        errors.push(
            Error::custom(
                "a catalog of numbered codes needs its modules: add a variant `#[module(1, name = \"...\")] Name`",
            )
            .with_span(&input.original.ident),
        );
    }
    let max = match format.shape {
        Shape::Numbered => {
            let width = format.segments.iter().find_map(|segment| match segment {
                format::Segment::Number { name, width } if name == "module" => Some(*width),
                _ => None,
            });
            match width {
                Some(1) => 9,
                _ => 99,
            }
        }
        _ => 9_999,
    };
    let mut seen: Vec<u64> = Vec::new();
    for module in &input.modules {
        let variant = module.original;
        if !variant.fields.is_empty() {
            errors.push(
                Error::custom("a module variant has no fields: write `Name`, not `Name(...)`")
                    .with_span(&variant.ident),
            );
        }
        let Some(attr) = module.attr else {
            errors.push(
                Error::custom(format!(
                    "`{}` has no `#[module(...)]`: every variant of a catalog is a module, like \
                     `#[module(1, name = \"...\")]`",
                    variant.ident
                ))
                .with_span(&variant.ident),
            );
            continue;
        };
        if format.shape == Shape::Flat {
            errors.push(
                Error::custom(
                    "a catalog of flat codes has no modules: its codes stand alone; remove the variant's `#[module(...)]`",
                )
                .with_span(&attr.meta),
            );
            continue;
        }
        if let Some(number) = &module.number {
            let lowest = if format.shape == Shape::Numbered { u64::from(start) } else { 0 };
            let why = if format.shape == Shape::Numbered {
                format!("the format numbers modules from {lowest} to {max}")
            } else {
                format!("modules are numbered from 0 to {max}")
            };
            if !(lowest..=max).contains(&number.value) {
                errors.push(
                    Error::custom(format!("module {} is out of range: {why}", number.value)).with_span(&number.span),
                );
            } else if seen.contains(&number.value) {
                errors.push(
                    Error::custom(format!(
                        "module {} is declared twice: every module needs its own number",
                        number.value
                    ))
                    .with_span(&number.span),
                );
            }
            seen.push(number.value);
        }
        if module.name.is_none() && module.number.is_some() && !module.mistaken {
            errors.push(Error::custom("missing `name = \"...\"`: every module has a name").with_span(attr.path()));
        }
        if format.shape == Shape::Text {
            for (list, key) in [(&module.retired, "retired"), (&module.reserved, "reserved")] {
                if let Some((_, span)) = list {
                    errors.push(
                        Error::custom(format!(
                            "`{key}(...)` lists code numbers of a module, and this catalog's codes are text: \
                             retire a code with `#[retired(code = \"...\")]` on the catalog"
                        ))
                        .with_span(span),
                    );
                }
            }
        }
    }
}

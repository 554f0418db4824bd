//! The rules of `#[derive(ErrorCatalog)]` that look at more than one key:
//! the format and what it allows (modules, their numbers, lists of retired
//! codes), statuses, the modules' numbers and names. Every mistake is
//! collected.

use darling::Error;
use darling::error::Accumulator;

use super::ast::{Input, Module, Range};
use super::format::{self, Format, Shape};

/// What the checks found out, for the expansion.
pub struct Checked {
    pub format: Format,
    pub start: i64,
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
    let start = keys.start.as_ref().map_or(1, |int| int.value);
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
        check_start(input, format, errors);
        check_modules(input, format, start, errors);
    }
    let default_status =
        http.then(|| keys.default_status.as_ref().map_or(400, |int| u16::try_from(int.value).unwrap_or(400)));
    format.map(|format| Checked { format, start, default_status })
}

/// `start` is the smallest number a code may be: 0 or 1 where numbers are
/// parts of a longer code, any number in a flat catalog; a negative one
/// only where the format writes the sign, an unpadded decimal `{code}`.
fn check_start(input: &Input<'_>, format: &Format, errors: &mut Accumulator) {
    let Some(start) = &input.keys.start else { return };
    let signed = format.segments.iter().any(|segment| matches!(segment, format::Segment::Number { width: 0, .. }));
    let message = match format.shape {
        Shape::Flat if start.value < 0 && !signed => format!(
            "`start = {}` is negative, and this format cannot write a sign: only an unpadded `{{code}}` writes \
             negative numbers",
            start.value
        ),
        Shape::Flat => return,
        _ if (0..=1).contains(&start.value) => return,
        _ => format!(
            "`start = {}` is out of range: numbers that are parts of a code start at 1, or at 0 with `start = 0`",
            start.value
        ),
    };
    errors.push(Error::custom(message).with_span(&start.span));
}

fn check_modules(input: &Input<'_>, format: &Format, start: i64, errors: &mut Accumulator) {
    if format.shape == Shape::Numbered && input.modules.is_empty() && matches!(input.original.data, syn::Data::Enum(_))
    {
        errors.push(
            Error::custom(
                "a catalog of numbered codes needs its modules: add a variant `#[module(1, name = \"...\")] Name`",
            )
            .with_span(&input.original.ident),
        );
    }
    let max = highest_module(format);
    let mut seen: Vec<u64> = Vec::new();
    let mut ids: Vec<&str> = Vec::new();
    let mut ranges: Vec<&Range> = Vec::new();
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
        if !identified(module, format, errors) {
            continue;
        }
        if let Some(number) = &module.number {
            check_number(number, format, (start, max), &mut seen, errors);
        }
        check_group(module, format, start, (&mut ids, &mut ranges), errors);
        let identified = module.number.is_some() || module.id.is_some() || module.range.is_some();
        if module.name.is_none() && identified && !module.mistaken {
            errors.push(Error::custom("missing `name = \"...\"`: every module has a name").with_span(attr.path()));
        }
        if format.shape == Shape::Text {
            refuse_numbered_lists(module, errors);
        }
    }
}

/// The highest module number the format writes: 9 for one digit, 99 for
/// two; 9999 where modules are not part of the code.
fn highest_module(format: &Format) -> u64 {
    if format.shape != Shape::Numbered {
        return 9_999;
    }
    let width = format.segments.iter().find_map(|segment| match segment {
        format::Segment::Number { name, width } if name == "module" => Some(*width),
        _ => None,
    });
    if width == Some(1) { 9 } else { 99 }
}

/// A module's number: within the format's range (from `start` in a
/// numbered catalog), and declared once.
fn check_number(
    number: &crate::attr::Int,
    format: &Format,
    (start, max): (i64, u64),
    seen: &mut Vec<u64>,
    errors: &mut Accumulator,
) {
    let lowest = if format.shape == Shape::Numbered { u64::try_from(start).unwrap_or(0) } else { 0 };
    let why = if format.shape == Shape::Numbered {
        format!("the format numbers modules from {lowest} to {max}")
    } else {
        format!("modules are numbered from 0 to {max}")
    };
    if !(lowest..=max).contains(&number.value) {
        errors.push(Error::custom(format!("module {} is out of range: {why}", number.value)).with_span(&number.span));
    } else if seen.contains(&number.value) {
        errors.push(
            Error::custom(format!("module {} is declared twice: every module needs its own number", number.value))
                .with_span(&number.span),
        );
    }
    seen.push(number.value);
}

/// `retired(..)` and `reserved(..)` list numbers, which a catalog of text
/// codes has none of.
fn refuse_numbered_lists(module: &Module<'_>, errors: &mut Accumulator) {
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

/// Whether the module's identity suits the format: a number in a catalog of
/// numbered codes, a number or a text id in a catalog of text codes, a range
/// (with an optional text id) in a catalog of flat codes.
fn identified(module: &Module<'_>, format: &Format, errors: &mut Accumulator) -> bool {
    let Some(attr) = module.attr else { return false };
    let message = match format.shape {
        Shape::Flat if module.number.is_some() => {
            "a catalog of flat codes has no numbered modules: its codes stand alone; group them by range, like \
             `#[module(range(100, 199), name = \"...\")]`"
        }
        Shape::Flat if module.range.is_none() && !module.mistaken => {
            "a module of a catalog of flat codes is a range of codes: add `range(first, last)`, like \
             `#[module(range(100, 199), name = \"...\")]`"
        }
        Shape::Numbered if module.id.is_some() || module.range.is_some() => {
            "the modules of a catalog of numbered codes are numbers, written in each code: \
             `#[module(1, name = \"...\")]`"
        }
        Shape::Text if module.range.is_some() => {
            "`range(...)` groups the numbers of a catalog of flat codes, and this catalog's codes are text: \
             give the module a number or an id, like `#[module(\"0A\", name = \"...\")]`"
        }
        _ => return true,
    };
    let span = module.range.as_ref().map_or_else(|| syn::spanned::Spanned::span(&attr.meta), |range| range.span);
    errors.push(Error::custom(message).with_span(&span));
    false
}

/// Why a text id cannot be the `{module}` part of this format's codes, when
/// the format has one.
fn id_misfit(format: &Format, id: &str) -> Option<String> {
    format.segments.iter().find_map(|segment| match segment {
        format::Segment::Alphanumeric { name, width } if name == "module" => {
            let fits =
                id.len() == usize::from(*width) && id.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase());
            (!fits).then(|| {
                format!(
                    "cannot be the `{{module:A{width}}}` part of a code: it takes {width} characters from 0-9 and A-Z"
                )
            })
        }
        format::Segment::Number { name, .. } | format::Segment::Hex { name, .. } if name == "module" => {
            Some("is text, and the format writes the module as a number: declare it as a number".to_owned())
        }
        _ => None,
    })
}

/// A range is within what the format writes, apart from the other ranges,
/// and holds its reserved ranges.
fn check_range(
    range: &Range,
    reserved: &[Range],
    earlier: &[&Range],
    format: &Format,
    start: i64,
    errors: &mut Accumulator,
) {
    let highest = format.segments.iter().find_map(|segment| match segment {
        format::Segment::Number { width: 0, .. } => Some(i64::MAX),
        format::Segment::Number { width, .. } => Some(10_i64.saturating_pow(u32::from(*width)) - 1),
        format::Segment::Hex { width, .. } => Some(16_i64.saturating_pow(u32::from(*width)) - 1),
        _ => None,
    });
    if let Some(highest) = highest
        && (range.low.value < start || range.high.value > highest)
    {
        errors.push(
            Error::custom(format!(
                "`range({}, {})` is out of range: the catalog's codes go from {start} to {highest}",
                range.low.value, range.high.value
            ))
            .with_span(&range.span),
        );
    }
    if let Some(other) = earlier.iter().find(|other| other.overlaps(range)) {
        errors.push(
            Error::custom(format!(
                "`range({}, {})` overlaps `range({}, {})`: a code belongs to one module",
                range.low.value, range.high.value, other.low.value, other.high.value
            ))
            .with_span(&range.span),
        );
    }
    for inner in reserved {
        if !(range.contains(inner.low.value) && range.contains(inner.high.value)) {
            errors.push(
                Error::custom(format!(
                    "`reserved(range({}, {}))` is not within the module's `range({}, {})`",
                    inner.low.value, inner.high.value, range.low.value, range.high.value
                ))
                .with_span(&inner.span),
            );
        }
    }
}

/// A module's text id and range: unique, apart, within what the format writes.
fn check_group<'m>(
    module: &'m Module<'_>,
    format: &Format,
    start: i64,
    (ids, ranges): (&mut Vec<&'m str>, &mut Vec<&'m Range>),
    errors: &mut Accumulator,
) {
    if let Some(id) = &module.id {
        if ids.contains(&id.value.as_str()) {
            errors.push(
                Error::custom(format!("module \"{}\" is declared twice: every module needs its own id", id.value))
                    .with_span(&id.span),
            );
        }
        ids.push(&id.value);
        if let Some(why) = id_misfit(format, &id.value) {
            errors.push(Error::custom(format!("module \"{}\" {why}", id.value)).with_span(&id.span));
        }
    }
    if let Some(range) = &module.range {
        check_range(range, &module.reserved_ranges, ranges, format, start, errors);
        ranges.push(range);
    }
}

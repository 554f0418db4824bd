//! The catalog's `format`: literal text and placeholders, each placeholder a
//! kind of part. Parsed once here, written into the catalog as segments
//! that the runtime reads and writes codes with.
//!
//! | placeholder | part |
//! |---|---|
//! | `{code:03}` | a number, zero-padded to 3 digits (1 to 19) |
//! | `{code}` | a number, as many digits as it needs, with a `-` when negative |
//! | `{code:X8}` | a number in 8 upper-case hexadecimal digits (`x8`: lower case; 1 to 15) |
//! | `{class:A2}` | 2 characters from `0-9` and `A-Z` |
//! | `{code:snake_case}` | a word in one case: `snake_case`, `SCREAMING_SNAKE_CASE`, `PascalCase`, `camelCase`, `kebab-case` |

use crate::braces::{self, BraceError, Segment as Brace};

/// A part of a format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Literal(String),
    /// Padded to `width` digits, or unpadded when `width` is 0.
    Number {
        name: String,
        width: u8,
    },
    /// Exactly `width` hexadecimal digits, upper case unless `lower`.
    Hex {
        name: String,
        width: u8,
        lower: bool,
    },
    Alphanumeric {
        name: String,
        width: u8,
    },
    Word {
        name: String,
        case: Case,
    },
}

/// A word's case, by the name serde's `rename_all` gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Snake,
    ScreamingSnake,
    Pascal,
    Camel,
    Kebab,
}

const CASES: &[(&str, Case)] = &[
    ("snake_case", Case::Snake),
    ("SCREAMING_SNAKE_CASE", Case::ScreamingSnake),
    ("PascalCase", Case::Pascal),
    ("camelCase", Case::Camel),
    ("kebab-case", Case::Kebab),
];

impl Case {
    /// The variant of `error_catalog::Case`.
    pub fn variant(self) -> &'static str {
        match self {
            Self::Snake => "Snake",
            Self::ScreamingSnake => "ScreamingSnake",
            Self::Pascal => "Pascal",
            Self::Camel => "Camel",
            Self::Kebab => "Kebab",
        }
    }

    fn name(self) -> &'static str {
        CASES.iter().find(|(_, case)| *case == self).map_or("", |(name, _)| name)
    }

    fn allows(self, c: char) -> bool {
        match self {
            Self::Snake => c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_',
            Self::ScreamingSnake => c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_',
            Self::Pascal | Self::Camel => c.is_ascii_alphanumeric(),
            Self::Kebab => c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-',
        }
    }
}

/// What an error states of its code, which the format decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `{module:0N}` and `{code:0N}`: `module = 1, code = 4`.
    Numbered,
    /// `{code:0N}`, `{code}` or `{code:X8}` alone: `code = 308`.
    Flat,
    /// Anything else: `code = "..."`.
    Text,
}

impl Shape {
    pub fn variant(self) -> &'static str {
        match self {
            Self::Numbered => "Numbered",
            Self::Flat => "Flat",
            Self::Text => "Text",
        }
    }
}

/// The most digits a padded number takes: an `i64` has 19.
const MAX_DIGITS: u8 = 19;

/// The most hexadecimal digits: 15 hold any positive `i64` a code uses.
const MAX_HEX_DIGITS: u8 = 15;

/// A parsed format.
#[derive(Debug)]
pub struct Format {
    pub segments: Vec<Segment>,
    pub shape: Shape,
}

pub fn parse(template: &str) -> Result<Format, String> {
    let pieces = braces::split(template).map_err(|error| match error {
        BraceError::Unclosed => "unclosed `{` in the format: write `{code:03}`, or `{{` for a literal brace".to_owned(),
        BraceError::Unmatched => "unmatched `}` in the format: write `}}` for a literal brace".to_owned(),
    })?;
    let mut segments = Vec::new();
    for piece in pieces {
        segments.push(match piece {
            Brace::Text(text) => Segment::Literal(text),
            Brace::Placeholder(inner) => placeholder(&inner)?,
        });
    }
    let names: Vec<&str> = segments.iter().filter_map(name_of).collect();
    if names.is_empty() {
        return Err("the format has no placeholder: write at least `{code}`, like `ERR-{module:02}-{code:03}`".into());
    }
    for (index, name) in names.iter().enumerate() {
        if names[..index].contains(name) {
            return Err(format!("the format has `{{{name}}}` twice: every placeholder names one part of the code"));
        }
    }
    check_readable(&segments)?;
    let numbers: Vec<(&str, u8)> = segments
        .iter()
        .filter_map(|segment| match segment {
            Segment::Number { name, width } | Segment::Hex { name, width, .. } => Some((name.as_str(), *width)),
            _ => None,
        })
        .collect();
    let shape = match (names.as_slice(), numbers.as_slice()) {
        (["module", "code"] | ["code", "module"], [(_, _), (_, _)]) => Shape::Numbered,
        (["code"], [("code", _)]) => Shape::Flat,
        _ => Shape::Text,
    };
    if shape == Shape::Numbered
        && let Some((_, width)) = numbers.iter().find(|(name, _)| *name == "module")
        && *width > 2
    {
        return Err(format!("`{{module:0{width}}}` is too wide: module numbers take at most 2 digits"));
    }
    Ok(Format { segments, shape })
}

fn name_of(segment: &Segment) -> Option<&str> {
    match segment {
        Segment::Literal(_) => None,
        Segment::Number { name, .. }
        | Segment::Hex { name, .. }
        | Segment::Alphanumeric { name, .. }
        | Segment::Word { name, .. } => Some(name),
    }
}

fn placeholder(inner: &str) -> Result<Segment, String> {
    let (name, spec) = match inner.split_once(':') {
        Some((name, spec)) => (name.trim(), Some(spec.trim())),
        None => (inner.trim(), None),
    };
    let is_ident = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !is_ident {
        return Err(format!(
            "`{{{inner}}}` is not a placeholder: name the part, like `{{code:03}}` or `{{code:snake_case}}`"
        ));
    }
    // Any name is a part of a text code, so a misspelled `module` or `code`
    // would silently turn a numbered format into a text one.
    for target in ["module", "code"] {
        let near = (name.len() >= 3 && target.starts_with(name))
            || (strsim::osa_distance(name, target) == 1 && name.chars().next() == target.chars().next());
        if name != target && near {
            return Err(format!("unknown placeholder `{{{name}}}` in the format; did you mean `{{{target}}}`?"));
        }
    }
    let name = name.to_owned();
    let Some(spec) = spec else { return Ok(Segment::Number { name, width: 0 }) };
    if let Some(digits) = spec.strip_prefix('0') {
        let width = digits.parse::<u8>().ok().filter(|width| (1..=MAX_DIGITS).contains(width));
        return width.map(|width| Segment::Number { name: name.clone(), width }).ok_or_else(|| {
            format!(
                "`{{{inner}}}` is not a width the format can pad to: numbers take 1 to {MAX_DIGITS} digits, like \
                 `{{{name}:03}}`"
            )
        });
    }
    for (letter, lower) in [('X', false), ('x', true)] {
        if let Some(count) = spec.strip_prefix(letter)
            && count.chars().next().is_some_and(|c| c.is_ascii_digit())
        {
            let width = count.parse::<u8>().ok().filter(|width| (1..=MAX_HEX_DIGITS).contains(width));
            return width.map(|width| Segment::Hex { name: name.clone(), width, lower }).ok_or_else(|| {
                format!(
                    "`{{{inner}}}` needs a count of hexadecimal digits from 1 to {MAX_HEX_DIGITS}, like \
                     `{{{name}:{letter}8}}`"
                )
            });
        }
    }
    if let Some(count) = spec.strip_prefix('A') {
        let width = count.parse::<u8>().ok().filter(|width| (1..=16).contains(width));
        return width
            .map(|width| Segment::Alphanumeric { name: name.clone(), width })
            .ok_or_else(|| format!("`{{{inner}}}` needs a count of characters from 1 to 16, like `{{{name}:A3}}`"));
    }
    if let Some((_, case)) = CASES.iter().find(|(case, _)| *case == spec) {
        return Ok(Segment::Word { name, case: *case });
    }
    let cases: Vec<String> = CASES.iter().map(|(case, _)| format!("`{case}`")).collect();
    let close = crate::attr::closest(spec, CASES.iter().map(|(case, _)| *case))
        .map_or_else(String::new, |case| format!("; did you mean `{{{name}:{case}}}`?"));
    Err(format!(
        "unknown part `{{{inner}}}` in the format: write `{{{name}:03}}` for a padded number, `{{{name}}}` for a \
         number, `{{{name}:X8}}` for 8 hexadecimal digits, `{{{name}:A3}}` for 3 characters from 0-9 and A-Z, or a \
         case: {}{close}",
        cases.join(", ")
    ))
}

/// A code must read back the way it was written: a part whose length is
/// not fixed must end where the next part cannot start.
fn check_readable(segments: &[Segment]) -> Result<(), String> {
    for pair in segments.windows(2) {
        let next_first = match &pair[1] {
            Segment::Literal(text) => text.chars().next(),
            // Any other part may start with a digit or a letter.
            _ => None,
        };
        match &pair[0] {
            Segment::Number { name, width: 0 } if next_first.is_none_or(|c| c.is_ascii_digit()) => {
                return Err(format!(
                    "`{{{name}}}` has no fixed width and what follows could continue it: pad it, like `{{{name}:03}}`, \
                     or separate it with text, like `{{{name}}}.`"
                ));
            }
            Segment::Word { name, case } if next_first.is_none_or(|c| case.allows(c)) => {
                return Err(format!(
                    "`{{{name}:{}}}` is followed by what a {} word may contain: separate it with a character the \
                     word cannot have",
                    case.name(),
                    case.name()
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Case, Segment, Shape, parse};

    fn number(name: &str, width: u8) -> Segment {
        Segment::Number { name: name.into(), width }
    }

    #[test]
    fn reads_every_shape() {
        let phala = parse("ERR-{module:02}-{code:03}").unwrap();
        assert_eq!(phala.shape, Shape::Numbered);
        assert_eq!(
            phala.segments,
            vec![Segment::Literal("ERR-".into()), number("module", 2), Segment::Literal("-".into()), number("code", 3)]
        );
        assert_eq!(parse("E{code:04}").unwrap().shape, Shape::Flat);
        assert_eq!(parse("{code}").unwrap().shape, Shape::Flat);
        assert_eq!(parse("{class:A2}{subclass:A3}").unwrap().shape, Shape::Text);
        assert_eq!(parse("{class}.{subject}.{detail}").unwrap().shape, Shape::Text);
        let words = parse("{code:snake_case}").unwrap();
        assert_eq!(words.segments, vec![Segment::Word { name: "code".into(), case: Case::Snake }]);
        assert_eq!(parse("{{E}}{code:04}").unwrap().segments[0], Segment::Literal("{E}".into()));
        let hresult = parse("0x{code:X8}").unwrap();
        assert_eq!(hresult.shape, Shape::Flat);
        assert_eq!(hresult.segments[1], Segment::Hex { name: "code".into(), width: 8, lower: false });
        assert_eq!(
            parse("{code:x4}").unwrap().segments[0],
            Segment::Hex { name: "code".into(), width: 4, lower: true }
        );
        assert_eq!(parse("{code:05}").unwrap().shape, Shape::Flat);
    }

    #[test]
    fn refuses_what_it_could_not_read_back() {
        assert!(parse("{a}{b}").unwrap_err().contains("no fixed width"));
        assert!(parse("{code:snake_case}_x").unwrap_err().contains("may contain"));
        assert!(parse("{code:snake_case}{n:03}").unwrap_err().contains("may contain"));
        assert!(parse("{code:PascalCase}-x").is_ok());
    }

    #[test]
    fn says_what_is_wrong() {
        assert!(parse("ERR-{module:02}").is_ok());
        assert!(parse("ERR-").unwrap_err().contains("no placeholder"));
        assert!(parse("ERR-{module:03}-{code:03}").unwrap_err().contains("at most 2 digits"));
        assert!(parse("ERR-{module:02}-{code:05}").is_ok());
        assert!(parse("ERR-{module:02}-{code:020}").unwrap_err().contains("1 to 19 digits"));
        assert!(parse("0x{code:X16}").unwrap_err().contains("from 1 to 15"));
        assert!(parse("ERR-{code:snake_cse}").unwrap_err().contains("did you mean `{code:snake_case}`"));
        assert!(parse("ERR-{module:02}-{code:03").unwrap_err().contains("unclosed"));
        assert!(parse("ERR-{module:02}-{module:02}").unwrap_err().contains("twice"));
        assert!(parse("{a-b}").unwrap_err().contains("is not a placeholder"));
        assert!(parse("ERR-{mod:02}-{code:03}").unwrap_err().contains("did you mean `{module}`"));
        assert!(parse("ERR-{module:02}-{cod:03}").unwrap_err().contains("did you mean `{code}`"));
        assert!(parse("ERR-{moduel:02}-{code:03}").unwrap_err().contains("did you mean `{module}`"));
        assert!(parse("{node}.{detail}").is_ok());
    }
}

//! The catalog's code format, `ERR-{module:02}-{code:03}`: literal text
//! around the two zero-padded numbers, each placeholder exactly once.

use crate::braces::{self, BraceError, Segment};

/// A parsed code format.
#[derive(Debug, PartialEq, Eq)]
pub struct CodeFormat {
    pub prefix: String,
    pub infix: String,
    pub suffix: String,
    pub module_width: u8,
    pub code_width: u8,
    pub module_first: bool,
}

/// The widest module number: one marker type per module in `error-catalog`.
pub const MAX_MODULE_WIDTH: u8 = 2;
/// The widest code number that fits a `u16`.
pub const MAX_CODE_WIDTH: u8 = 4;
/// The longest code, the size of `error_catalog::CodeText`.
pub const MAX_CODE_LEN: usize = 32;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Module,
    Code,
}

pub fn parse(template: &str) -> Result<CodeFormat, String> {
    let segments = braces::split(template).map_err(|error| match error {
        BraceError::Unclosed => "unclosed `{` in the format: write `{module:02}` or `{code:03}`".to_owned(),
        BraceError::Unmatched => "unmatched `}` in the format: write `}}` for a literal brace".to_owned(),
    })?;
    // The texts before, between and after the placeholders.
    let mut texts = vec![String::new()];
    let mut slots: Vec<(Slot, u8)> = Vec::new();
    for segment in segments {
        match segment {
            Segment::Text(text) => {
                if let Some(last) = texts.last_mut() {
                    *last = text;
                }
            }
            Segment::Placeholder(inner) => {
                slots.push(placeholder(&inner)?);
                texts.push(String::new());
            }
        }
    }
    let [(first, first_width), (second, second_width)] = slots[..] else {
        return Err(format!(
            "the format needs `{{module:0N}}` and `{{code:0N}}` once each, like \
             `ERR-{{module:02}}-{{code:03}}`; found {} placeholders",
            slots.len()
        ));
    };
    if first == second {
        let name = if first == Slot::Module { "module" } else { "code" };
        return Err(format!("the format has `{{{name}}}` twice: it needs `{{module:0N}}` and `{{code:0N}}` once each"));
    }
    let module_first = first == Slot::Module;
    let (module_width, code_width) =
        if module_first { (first_width, second_width) } else { (second_width, first_width) };
    let [prefix, infix, suffix] = <[String; 3]>::try_from(texts)
        .map_err(|_| "the format needs `{module:0N}` and `{code:0N}` once each".to_owned())?;
    let format = CodeFormat { prefix, infix, suffix, module_width, code_width, module_first };
    if format.len() > MAX_CODE_LEN {
        return Err(format!("the format writes codes longer than {MAX_CODE_LEN} bytes"));
    }
    Ok(format)
}

fn placeholder(inner: &str) -> Result<(Slot, u8), String> {
    let (name, spec) = inner.split_once(':').unwrap_or((inner, ""));
    let slot = match name {
        "module" => Slot::Module,
        "code" => Slot::Code,
        other => {
            return Err(format!(
                "unknown placeholder `{{{other}}}` in the format: use `{{module:02}}` and `{{code:03}}`"
            ));
        }
    };
    let width = spec.strip_prefix('0').and_then(|digits| digits.parse::<u8>().ok()).filter(|width| *width >= 1);
    let Some(width) = width else {
        return Err(format!(
            "`{{{inner}}}` needs a zero-padded width, like `{{{name}:0{}}}`",
            if slot == Slot::Module { 2 } else { 3 }
        ));
    };
    let max = if slot == Slot::Module { MAX_MODULE_WIDTH } else { MAX_CODE_WIDTH };
    if width > max {
        return Err(format!("`{{{inner}}}` is too wide: {name} numbers take at most {max} digits"));
    }
    Ok((slot, width))
}

impl CodeFormat {
    fn len(&self) -> usize {
        self.prefix.len()
            + self.infix.len()
            + self.suffix.len()
            + usize::from(self.module_width)
            + usize::from(self.code_width)
    }

    /// The largest module number the format can write.
    pub fn max_module(&self) -> u64 {
        10u64.pow(u32::from(self.module_width)) - 1
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn reads_the_phala_format() {
        let format = parse("ERR-{module:02}-{code:03}").unwrap();
        assert_eq!((format.prefix.as_str(), format.infix.as_str(), format.suffix.as_str()), ("ERR-", "-", ""));
        assert_eq!((format.module_width, format.code_width, format.module_first), (2, 3, true));
    }

    #[test]
    fn reads_code_first_and_escaped_braces() {
        let format = parse("{{E}}{code:04}.{module:1}").unwrap_err();
        assert!(format.contains("zero-padded"), "{format}");
        let format = parse("{{E}}{code:04}.{module:01}").unwrap();
        assert_eq!(format.prefix, "{E}");
        assert!(!format.module_first);
    }

    #[test]
    fn rejects_what_it_cannot_write() {
        assert!(parse("ERR-{module:02}").unwrap_err().contains("once each"));
        assert!(parse("ERR-{module:03}-{code:03}").unwrap_err().contains("at most 2 digits"));
        assert!(parse("ERR-{module:02}-{code:05}").unwrap_err().contains("at most 4 digits"));
        assert!(parse("ERR-{mod:02}-{code:03}").unwrap_err().contains("unknown placeholder"));
        assert!(parse("ERR-{module:02}-{code:03").unwrap_err().contains("unclosed"));
        assert!(parse("ERR-{module:02}-{module:02}").unwrap_err().contains("twice"));
    }
}

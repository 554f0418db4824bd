//! Text with `{placeholders}`, `{{` and `}}` standing for braces: what the
//! catalog's code format and the messages share. Each caller gives the
//! placeholders their meaning.

#[derive(Debug, PartialEq, Eq)]
pub enum Segment {
    /// Literal text, braces already unescaped.
    Text(String),
    /// What stood between `{` and `}`.
    Placeholder(String),
}

#[derive(Debug, PartialEq, Eq)]
pub enum BraceError {
    /// A `{` without its `}`.
    Unclosed,
    /// A `}` without its `{`.
    Unmatched,
}

/// Splits `template` into text and placeholders; text segments are never
/// empty, so two placeholders in a row have nothing between them.
pub fn split(template: &str) -> Result<Vec<Segment>, BraceError> {
    let mut segments = Vec::new();
    let mut text = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '{' => {
                let mut inner = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some('{') | None => return Err(BraceError::Unclosed),
                        Some(c) => inner.push(c),
                    }
                }
                if !text.is_empty() {
                    segments.push(Segment::Text(std::mem::take(&mut text)));
                }
                segments.push(Segment::Placeholder(inner));
            }
            '}' => return Err(BraceError::Unmatched),
            c => text.push(c),
        }
    }
    if !text.is_empty() {
        segments.push(Segment::Text(text));
    }
    Ok(segments)
}

#[cfg(test)]
mod tests {
    use super::{BraceError, Segment, split};

    #[test]
    fn splits_and_unescapes() {
        assert_eq!(
            split("{{a}}{b}c{d}").unwrap(),
            vec![
                Segment::Text("{a}".into()),
                Segment::Placeholder("b".into()),
                Segment::Text("c".into()),
                Segment::Placeholder("d".into())
            ]
        );
        assert_eq!(split("").unwrap(), vec![]);
        assert_eq!(split("{a").unwrap_err(), BraceError::Unclosed);
        assert_eq!(split("{a{b}").unwrap_err(), BraceError::Unclosed);
        assert_eq!(split("a}").unwrap_err(), BraceError::Unmatched);
    }
}

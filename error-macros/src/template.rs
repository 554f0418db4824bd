//! Message templates: literal text with `{field}` or `{0}` placeholders,
//! `{{` and `}}` for braces. No format specs: a public message shows a
//! field's `Display`, nothing else.

#[derive(Debug, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Field(String),
}

pub fn parse(template: &str) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
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
                        Some('{') | None => {
                            return Err(
                                "unclosed `{` in the message: close the placeholder with `}`, or write `{{` for a literal brace"
                                    .into(),
                            );
                        }
                        Some(c) => inner.push(c),
                    }
                }
                let name = inner.trim();
                if name.is_empty() {
                    return Err("empty placeholder `{}` in the message: name a field, like `{name}` or `{0}`".into());
                }
                if let Some((field, _)) = name.split_once(':') {
                    return Err(format!("format specs are not supported in messages: write `{{{}}}`", field.trim()));
                }
                let is_index = name.chars().all(|c| c.is_ascii_digit());
                let is_ident = name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
                    && name.chars().all(|c| c.is_alphanumeric() || c == '_');
                if !is_index && !is_ident {
                    return Err(format!(
                        "`{{{name}}}` is not a field: placeholders name a field, like `{{name}}` or `{{0}}`"
                    ));
                }
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                pieces.push(Piece::Field(name.to_owned()));
            }
            '}' => {
                return Err("unmatched `}` in the message: write `}}` for a literal brace".into());
            }
            c => text.push(c),
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

#[cfg(test)]
mod tests {
    use super::{Piece, parse};

    #[test]
    fn splits_text_and_fields() {
        assert_eq!(
            parse("A CVM with name '{name}' already exists").unwrap(),
            vec![
                Piece::Text("A CVM with name '".into()),
                Piece::Field("name".into()),
                Piece::Text("' already exists".into()),
            ]
        );
        assert_eq!(parse("{0}{{x}}").unwrap(), vec![Piece::Field("0".into()), Piece::Text("{x}".into())]);
    }

    #[test]
    fn rejects_bad_braces_and_specs() {
        assert!(parse("a {name").unwrap_err().contains("unclosed"));
        assert!(parse("a } b").unwrap_err().contains("unmatched"));
        assert!(parse("{}").unwrap_err().contains("empty placeholder"));
        assert!(parse("{name:?}").unwrap_err().contains("format specs"));
        assert!(parse("{a-b}").unwrap_err().contains("is not a field"));
    }
}

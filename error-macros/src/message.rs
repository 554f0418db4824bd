//! Message templates: literal text with `{field}` or `{0}` placeholders,
//! `{{` and `}}` for braces. No format specs: a public message shows a
//! field's `Display`, nothing else.

use crate::braces::{self, BraceError, Segment};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Field(String),
}

pub fn parse(template: &str) -> Result<Vec<Piece>, String> {
    let segments = braces::split(template).map_err(|error| match error {
        BraceError::Unclosed => {
            "unclosed `{` in the message: close the placeholder with `}`, or write `{{` for a literal brace".to_owned()
        }
        BraceError::Unmatched => "unmatched `}` in the message: write `}}` for a literal brace".to_owned(),
    })?;
    segments
        .into_iter()
        .map(|segment| match segment {
            Segment::Text(text) => Ok(Piece::Text(text)),
            Segment::Placeholder(inner) => field(inner.trim()).map(|name| Piece::Field(name.to_owned())),
        })
        .collect()
}

/// A placeholder's field: a name or a tuple index, nothing else.
fn field(name: &str) -> Result<&str, String> {
    if name.is_empty() {
        return Err("empty placeholder `{}` in the message: name a field, like `{name}` or `{0}`".into());
    }
    if let Some((field, _)) = name.split_once(':') {
        return Err(format!("format specs are not supported in messages: write `{{{}}}`", field.trim()));
    }
    if let Some(field) = name.strip_prefix("r#") {
        return Err(format!("write `{{{field}}}`: a placeholder names a field without `r#`"));
    }
    let is_index = name.chars().all(|c| c.is_ascii_digit());
    let is_ident = name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    if is_index || is_ident {
        Ok(name)
    } else {
        Err(format!("`{{{name}}}` is not a field: placeholders name a field, like `{{name}}` or `{{0}}`"))
    }
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
        assert_eq!(parse("{r#type}").unwrap_err(), "write `{type}`: a placeholder names a field without `r#`");
    }
}

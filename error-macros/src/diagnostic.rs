//! One message style for every error the derives report: lowercase, no final
//! period, the attribute syntax quoted. darling's own messages ("Unknown
//! field: `x`. Did you mean `y`?") are reworded here into that style.

use proc_macro2::TokenStream;

/// Turns accumulated darling errors into `compile_error!` invocations, one per
/// error, each at its own span.
pub fn into_compile_errors(error: darling::Error) -> TokenStream {
    let mut tokens = TokenStream::new();
    for single in error.flatten() {
        let span = single.span();
        let message = reword(&single.to_string());
        tokens.extend(syn::Error::new(span, message).to_compile_error());
    }
    tokens
}

/// Rewords one darling message.
pub fn reword(message: &str) -> String {
    let message = strip_location(message);
    if let Some(rest) = message.strip_prefix("Unknown field: ") {
        let (key, hint) = split_hint(rest);
        return format!("unknown key {key}{hint}");
    }
    if let Some(rest) = message.strip_prefix("Duplicate field ") {
        return format!("{rest} is given more than once");
    }
    if let Some(rest) = message.strip_prefix("Missing field ") {
        let key = rest.trim_matches('`');
        return format!("missing `{key} = \"...\"`: write `link(url = \"...\", label = \"...\")`");
    }
    if message.starts_with("Unsupported shape `union`") {
        return "`CatalogError` cannot be derived for a union: use a struct or an enum".to_owned();
    }
    if message.starts_with("Unsupported shape") {
        return "`ErrorCatalog` is derived on an enum whose variants are the modules: \
                `enum Catalog { #[module(1, name = \"...\")] Module }`"
            .to_owned();
    }
    lowercase_sentences(message)
}

/// darling appends " at key/key" when it knows which key an error came from;
/// the span already says it.
fn strip_location(message: &str) -> &str {
    match message.rfind(" at ") {
        Some(index) if message[index + 4..].chars().all(|c| c.is_ascii_alphanumeric() || "_/[]".contains(c)) => {
            &message[..index]
        }
        _ => message,
    }
}

/// Splits "`modul`. Did you mean `module`?" into the key and "; did you mean
/// `module`?".
fn split_hint(rest: &str) -> (&str, String) {
    match rest.split_once(". ") {
        Some((key, hint)) => (key, format!("; {}", lowercase_sentences(hint))),
        None => (rest, String::new()),
    }
}

fn lowercase_sentences(message: &str) -> String {
    let message = message.trim_end_matches('.');
    let mut out = String::with_capacity(message.len());
    let mut capital_next = true;
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        if capital_next && c.is_uppercase() {
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
        capital_next = false;
        if c == '.' && chars.peek() == Some(&' ') {
            out.pop();
            out.push(';');
            capital_next = true;
            out.push(' ');
            chars.next();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::reword;

    #[test]
    fn rewords_unknown_keys_with_a_suggestion() {
        assert_eq!(
            reword("Unknown field: `modul`. Did you mean `module`?"),
            "unknown key `modul`; did you mean `module`?"
        );
    }

    #[test]
    fn rewords_duplicates_and_drops_locations() {
        assert_eq!(reword("Duplicate field `code` at code"), "`code` is given more than once");
        assert_eq!(
            reword("Missing field `label` at link[0]"),
            "missing `label = \"...\"`: write `link(url = \"...\", label = \"...\")`"
        );
    }

    #[test]
    fn keeps_our_own_messages() {
        let ours = "`code` takes an integer literal, like `code = 1`";
        assert_eq!(reword(ours), ours);
    }
}

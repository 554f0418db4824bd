//! Generated code, written as text and handed to the compiler in a few
//! large pieces.
//!
//! Why: in a proc macro, every token built with `quote!` and every stream
//! joined to another is a call across the compiler's bridge, and a derive
//! that runs on thousands of types makes millions of them; text is lexed by
//! the compiler natively, one call per piece. Measured in BENCHMARKS.md
//! (expansion of 1,000 types). The few tokens that must point at the
//! user's source, so that an error lands on the attribute, are made with
//! `quote_spanned!` and spliced in ([`Out::tokens`]).

use std::fmt;

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::ToTokens;

/// Code being written: text not yet lexed, and the streams before it.
#[derive(Default)]
pub struct Out {
    done: Vec<TokenStream>,
    text: String,
}

impl Out {
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends code written as text.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.text.push_str(text);
        self.text.push(' ');
        self
    }

    /// Appends tokens already made.
    pub fn tokens(&mut self, tokens: impl ToTokens) -> &mut Self {
        self.flush();
        self.done.push(tokens.into_token_stream());
        self
    }

    /// Appends `inner` between `delimiter`s: as text when it is text, so
    /// that only a group holding spliced tokens costs a stream of its own.
    pub fn group(&mut self, delimiter: Delimiter, inner: Self) -> &mut Self {
        let (open, close) = match delimiter {
            Delimiter::Parenthesis => ("(", ")"),
            Delimiter::Brace => ("{", "}"),
            Delimiter::Bracket => ("[", "]"),
            Delimiter::None => ("", ""),
        };
        if inner.done.is_empty() && delimiter != Delimiter::None {
            self.text.push_str(open);
            self.text.push_str(&inner.text);
            self.text.push_str(close);
            self.text.push(' ');
            return self;
        }
        let group = Group::new(delimiter, inner.finish());
        self.tokens(TokenTree::Group(group))
    }

    pub fn finish(mut self) -> TokenStream {
        self.flush();
        if self.done.len() == 1 {
            return self.done.pop().unwrap_or_default();
        }
        self.done.into_iter().collect()
    }

    fn flush(&mut self) {
        if !self.text.is_empty() {
            let text = std::mem::take(&mut self.text);
            self.done.push(lex(&text));
        }
    }
}

/// `write!(out, ...)`: formatted text, separated as [`Out::text`] separates
/// it, so that `text` and `write!` can follow each other in any order. An
/// inherent method, which `write!` calls before any trait's: `Out` is no
/// `fmt::Write`, whose `write_str` could not add the space.
impl Out {
    pub fn write_fmt(&mut self, args: fmt::Arguments<'_>) -> fmt::Result {
        use fmt::Write as _;
        self.text.write_fmt(args)?;
        self.text.push(' ');
        Ok(())
    }
}

/// The tokens of `text`, lexed by the compiler. (proc-macro2's `parse`
/// first checks the text with a lexer of its own, which cost more than
/// everything else the derive does.) The derive writes only code it can
/// lex; should it not, the user gets a compile error that says so, not a
/// panic.
fn lex(text: &str) -> TokenStream {
    let lexed = if proc_macro::is_available() {
        text.parse::<proc_macro::TokenStream>().map(TokenStream::from).map_err(drop)
    } else {
        text.parse::<TokenStream>().map_err(drop)
    };
    lexed.unwrap_or_else(|()| {
        quote::quote!(::core::compile_error!(
            "error-catalog-macros wrote code it could not lex: please report this with the input that caused it"
        );)
    })
}

/// `text` as a Rust string literal: `"` and `\\` escaped, and every
/// character outside printable ASCII written as `\u{...}`, which the Rust
/// reference specifies for any `char` (a `Debug` string promises no format).
/// Written here rather than by `Literal::string`, to stay text (see above).
pub fn literal(text: &str) -> String {
    use fmt::Write as _;
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            _ => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
        }
    }
    out.push('"');
    out
}

/// Gives every token of `tokens` the span `span`.
pub fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut token| {
            if let TokenTree::Group(group) = &token {
                let mut inner = Group::new(group.delimiter(), respan(group.stream(), span));
                inner.set_span(span);
                token = TokenTree::Group(inner);
            } else {
                token.set_span(span);
            }
            token
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use proc_macro2::Delimiter;

    use super::{Out, literal};

    #[test]
    fn text_and_groups_make_one_stream() {
        let mut inner = Out::new();
        inner.text("a: 1,");
        let mut out = Out::new();
        out.text("S");
        out.group(Delimiter::Brace, inner);
        write!(out, "; const X: &str = {};", literal("quote \" and \\ and \n")).unwrap();
        assert_eq!(out.finish().to_string(), "S { a : 1 , } ; const X : & str = \"quote \\\" and \\\\ and \\u{a}\" ;");
    }

    #[test]
    fn text_and_write_are_separated_alike() {
        let mut out = Out::new();
        out.text("impl");
        write!(out, "Trait{}", 1).unwrap();
        out.text("for");
        write!(out, "T").unwrap();
        write!(out, "{{}}").unwrap();
        assert_eq!(out.finish().to_string(), "impl Trait1 for T { }");
    }

    #[test]
    fn every_string_is_a_literal() {
        for text in ["", "'{name}'", "\u{0}\u{7f}\u{2028}", "é 名前 🦀", "\\\""] {
            let lexed: syn::LitStr = syn::parse_str(&literal(text)).unwrap();
            assert_eq!(lexed.value(), text);
        }
    }
}

//! What the generated clients say of each code, in one table that the
//! TypeScript and the Python renderers both read: a new fact is one line of
//! [`FACTS`], and each renderer writes its type and its values from there.

use alloc::collections::BTreeSet;
use alloc::string::String;
use alloc::vec::Vec;

use crate::model::catalog::{CatalogInfo, ModuleInfo};
use crate::model::entry::Entry;

/// One fact of a code: its name in each language and how to read it.
pub(super) struct Fact {
    /// The TypeScript property.
    pub key: &'static str,
    /// The Python attribute of an `ErrorCode` member: lower case, unlike
    /// the members; not `name` or `value`, which belong to `enum.Enum`,
    /// nor a method of `str`, which it would shadow.
    pub python: &'static str,
    pub read: Read,
    /// Only for a catalog of flat codes, whose codes are numbers.
    pub flat_only: bool,
}

/// How a fact is read from an entry; the variant gives its type.
pub(super) enum Read {
    /// An HTTP status, absent for a catalog outside HTTP.
    Status(fn(&Entry) -> Option<u16>),
    Text(fn(&Entry) -> &'static str),
    Names(fn(&Entry) -> Vec<&'static str>),
    /// The code's number, what a JSON-RPC `error.code` or a Twilio `code`
    /// carries.
    Number(fn(&Entry) -> i64),
    /// A text the code may not have (`null`, `None`).
    OptionalText(fn(&Entry) -> Option<String>),
    /// A yes or no the code may not say.
    OptionalBool(fn(&Entry) -> Option<bool>),
}

/// The documentation URL of a code, [`Entry::doc_url`]: the catalog's page
/// of it (`link_template`), else its first link.
fn url(entry: &Entry) -> Option<String> {
    entry.doc_url().map(|url| alloc::string::ToString::to_string(&url))
}

pub(super) const FACTS: [Fact; 10] = [
    Fact { key: "number", python: "number", read: Read::Number(Entry::number), flat_only: true },
    Fact { key: "status", python: "status", read: Read::Status(Entry::http_status), flat_only: false },
    Fact { key: "name", python: "class_name", read: Read::Text(Entry::class_name), flat_only: false },
    Fact { key: "message", python: "message", read: Read::Text(|entry| entry.message().template()), flat_only: false },
    Fact {
        key: "fields",
        python: "fields",
        read: Read::Names(|entry| entry.message().fields().collect()),
        flat_only: false,
    },
    Fact { key: "description", python: "description", read: Read::Text(Entry::description), flat_only: false },
    Fact { key: "details", python: "details", read: Read::Names(|entry| entry.details().to_vec()), flat_only: false },
    Fact {
        key: "severity",
        python: "severity",
        read: Read::OptionalText(|entry| entry.severity().map(|severity| severity.as_str().into())),
        flat_only: false,
    },
    Fact { key: "retryable", python: "retryable", read: Read::OptionalBool(Entry::retryable), flat_only: false },
    Fact { key: "url", python: "url", read: Read::OptionalText(url), flat_only: false },
];

/// The facts the clients of `info` carry: the number only where the codes
/// are numbers.
pub(super) fn of(info: &CatalogInfo) -> impl Iterator<Item = &'static Fact> {
    let flat = matches!(info.format().shape(), crate::model::format::Shape::Flat);
    FACTS.iter().filter(move |fact| flat || !fact.flat_only)
}

/// The entries of `modules` in order, each code once: a code given twice
/// keeps its first entry, since both languages key their tables by code.
pub(super) fn entries<'a>(modules: &[(&ModuleInfo, &[&'a Entry])]) -> Vec<&'a Entry> {
    let mut seen = BTreeSet::new();
    modules.iter().flat_map(|(_, entries)| entries.iter().copied()).filter(|entry| seen.insert(entry.code())).collect()
}

/// `text` for a line comment: printable ASCII only, anything else `?`, so
/// that no text from the catalog can end the comment.
pub(super) fn comment_text(text: &str) -> alloc::string::String {
    text.chars().map(|c| if matches!(c, ' '..='~') { c } else { '?' }).collect()
}

/// Writes `text` as a double-quoted string literal of printable ASCII, as
/// both generated clients need: `"`, `\` and the common controls escaped by
/// name, and every other character outside `' '..='~'` by `escape`, the one
/// place where Python and TypeScript differ.
pub(super) fn push_quoted(out: &mut String, text: &str, escape: fn(&mut String, char)) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            ' '..='~' => out.push(c),
            _ => escape(out, c),
        }
    }
    out.push('"');
}

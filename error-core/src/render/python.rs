//! The catalog as a Python module, for clients of the API: an `enum.Enum`
//! of the codes whose members carry their facts, one exception class per
//! class name, and `error_from_body`, which turns an error body into the
//! exception of its code.
//!
//! ```
//! use error_catalog::{CatalogError, ErrorCatalog};
//!
//! #[derive(ErrorCatalog)]
//! #[catalog(format = "ERR-{module:02}-{code:03}")]
//! pub enum Catalog {
//!     #[module(3, name = "CVM Operations")]
//!     CvmOperations,
//! }
//!
//! // One class name, two codes.
//! #[derive(Debug, CatalogError)]
//! #[catalog(module = 3)]
//! pub enum CvmNotInWorkspaceError {
//!     /// Raised when the CVM belongs to another workspace.
//!     #[catalog(code = 3, status = 403, name = "CvmNotInWorkspaceError",
//!               message = "The CVM is not in this workspace")]
//!     Revealed,
//!     /// Raised when the CVM belongs to another workspace, hiding that it exists.
//!     #[catalog(code = 4, status = 404, name = "CvmNotInWorkspaceError",
//!               message = "The requested CVM was not found")]
//!     Hidden,
//! }
//!
//! # fn main() {
//! let info = <Catalog as ErrorCatalog>::INFO;
//! let modules = [(&info.modules()[0], CvmNotInWorkspaceError::entries())];
//! let module = error_catalog::render::python::source(info, &modules);
//! assert!(module.contains(
//!     r#"    ERR_03_004 = (
//!         "ERR-03-004",
//!         404,
//!         "CvmNotInWorkspaceError",
//!         "The requested CVM was not found",
//!         (),
//!         "Raised when the CVM belongs to another workspace, hiding that it exists.",
//!         (),
//!         None,
//!         None,
//!         None,
//!     )"#
//! ));
//! assert!(module.contains(
//!     "class CvmNotInWorkspaceError(CatalogError):\n    codes = (ErrorCode.ERR_03_003, ErrorCode.ERR_03_004)\n"
//! ));
//! # }
//! ```
//!
//! A client reads a body with it:
//!
//! ```python
//! import catalog
//!
//! error = catalog.error_from_body(response.json())
//! if isinstance(error, catalog.CvmNotInWorkspaceError):
//!     print(error.code.status, error.message, error.request_id)
//! ```
//!
//! The module runs on Python 3.9 and later. Every text of the catalog is
//! written as a string literal of printable ASCII, anything else escaped
//! (`\n`, `\xNN`, `\uXXXX`, `\UXXXXXXXX`). Class names and codes become
//! identifiers by fixed rules, so that any input gives a valid module:
//!
//! - ASCII letters, digits and `_` are kept, any other character becomes
//!   `_`; a member of `ErrorCode` is upper-cased (`ERR-01-004` is
//!   `ERR_01_004`);
//! - a name that does not start with an ASCII letter gets a prefix, `CODE_`
//!   for a member (`01-004` is `CODE_01_004`), `Error_` for a class (`1Bad`
//!   is `Error_1Bad`, an empty name `Error_`);
//! - a class named like a Python keyword or a name the module itself uses
//!   (`class`, `None`, `CatalogError`, `str`, ...) gets a final `_`;
//! - a name already taken gets `_2`, `_3`, ... in catalog order
//!   (`Foo-Error` then `Foo_Error` are `Foo_Error` and `Foo_Error_2`).
//!
//! Codes of the same class name share one exception class. A code given
//! twice keeps its first entry.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write as _;

use super::facts::{self, Read};
use crate::model::catalog::{CatalogInfo, ModuleInfo};
use crate::model::entry::Entry;

/// Renders the Python module of a catalog.
///
/// `modules` pairs each module with its entries in code order, as
/// [`registry::modules_of`](crate::registry::modules_of) returns them, like
/// [`markdown`](super::markdown). The module defines:
///
/// - `ErrorCode`, an `enum.Enum` (and `str`) whose value is the code, each
///   member with `status` (`int`, or `None`), `class_name`, `message` (the
///   template as declared: `{field}` reads a field, `{{` and `}}` are
///   braces), `fields` (the fields the message reads), `description`,
///   `details` (the fields that reach the body), `severity` (`"error"`,
///   `"warning"`, ... or `None`), `retryable` (`bool` or `None`) and `url`
///   (the code's page from the catalog's `link_template`, or `None`);
/// - `CatalogError(Exception)`, with `error_code` (the code as received),
///   `code` (the `ErrorCode`, `None` for a code the module does not know),
///   `message`, `request_id`, `details` (`Detail(field, value, message)`),
///   `suggestions` and `links` (`Link(url, label)`), and one subclass per
///   class name, whose `codes` lists its codes;
/// - `ERROR_CLASSES`, from code string to class, and `error_class(code)`,
///   `CatalogError` for an unknown code;
/// - `error_from_body(body)`: the exception of a parsed body, or `None` when
///   the body is not one the catalog's errors can have (the rules of
///   [`typescript::source`](super::typescript::source)'s `isCatalogError`,
///   except that an unknown code is kept, as
///   [`client::RemoteError`](crate::client::RemoteError) keeps it);
/// - `__all__`: those names and the catalog's classes, but none named like
///   a Python builtin, so that `from catalog import *` shadows none (a
///   class named `print` stays `catalog.print`).
#[must_use]
pub fn source(info: &CatalogInfo, modules: &[(&ModuleInfo, &[&Entry])]) -> String {
    let entries = facts::entries(modules);
    let mut out = String::new();
    error_code_class(&mut out, info);
    let member_of = members(&mut out, info, &entries);
    out.push_str(BASE);
    let (classes, class_of) = exception_classes(&mut out, &entries, &member_of);
    out.push_str("\n\nERROR_CLASSES: typing.Dict[str, typing.Type[CatalogError]] = {\n");
    for entry in &entries {
        out.push_str("    ");
        push_string(&mut out, entry.code());
        let _ = writeln!(out, ": {},", class_of[entry.code()]);
    }
    out.push_str("}\n");
    out.push_str(LOOKUP);
    push_all(&mut out, classes.iter().map(|(_, codes)| class_of[codes[0]].as_str()));
    out
}

/// The docstring, the imports and the `ErrorCode` enum's facts and
/// constructor.
fn error_code_class(out: &mut String, info: &CatalogInfo) {
    push_string(
        out,
        &alloc::format!(
            "The error codes of {}: ErrorCode, one exception class per class name, and error_from_body.",
            info.page().api
        ),
    );
    let _ = write!(
        out,
        "\n# Generated by error-catalog from the catalog {}: do not edit.\n\n\
         import enum\nimport typing\n\n\n\
         class ErrorCode(str, enum.Enum):\n    \"\"\"A code of the catalog; each member carries its facts.\"\"\"\n\n",
        facts::comment_text(info.name())
    );
    for fact in facts::of(info) {
        let _ = writeln!(out, "    {}: {}", fact.python, python_type(&fact.read));
    }
    out.push_str("\n    def __new__(\n        cls,\n        code: str,\n");
    for fact in facts::of(info) {
        let _ = writeln!(out, "        {}: {},", fact.python, python_type(&fact.read));
    }
    out.push_str("    ) -> \"ErrorCode\":\n        member = str.__new__(cls, code)\n        member._value_ = code\n");
    for fact in facts::of(info) {
        let _ = writeln!(out, "        member.{0} = {0}", fact.python);
    }
    out.push_str("        return member\n\n    def __str__(self) -> str:\n        return str.__str__(self)\n");
}

/// One `ErrorCode` member per code, with its facts; the member of each code.
fn members<'e>(out: &mut String, info: &CatalogInfo, entries: &[&'e Entry]) -> BTreeMap<&'e str, String> {
    let mut members = Names::default();
    let mut member_of = BTreeMap::new();
    for entry in entries {
        let member = members.claim(&member_name(entry.code()));
        out.push_str("\n    ");
        out.push_str(&member);
        out.push_str(" = (\n        ");
        push_string(out, entry.code());
        out.push_str(",\n");
        for fact in facts::of(info) {
            out.push_str("        ");
            push_value(out, &fact.read, entry);
            out.push_str(",\n");
        }
        out.push_str("    )\n");
        member_of.insert(entry.code(), member);
    }
    member_of
}

/// Classes in the order their names first appear, each with its codes: the
/// classes, and the class of each code.
#[allow(clippy::type_complexity)]
fn exception_classes<'e>(
    out: &mut String,
    entries: &[&'e Entry],
    member_of: &BTreeMap<&'e str, String>,
) -> (Vec<(&'e str, Vec<&'e str>)>, BTreeMap<&'e str, String>) {
    let mut classes: Vec<(&str, Vec<&str>)> = Vec::new();
    for entry in entries {
        match classes.iter_mut().find(|(name, _)| *name == entry.class_name()) {
            Some((_, codes)) => codes.push(entry.code()),
            None => classes.push((entry.class_name(), alloc::vec![entry.code()])),
        }
    }
    let mut names = Names::reserving(RESERVED);
    let mut class_of = BTreeMap::new();
    for (name, codes) in &classes {
        let class = names.claim(&class_name(name));
        let _ = write!(out, "\n\nclass {class}(CatalogError):\n    codes = (");
        for (i, code) in codes.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "ErrorCode.{}", member_of[code]);
        }
        if codes.len() == 1 {
            out.push(',');
        }
        out.push_str(")\n");
        for code in codes {
            class_of.insert(*code, class.clone());
        }
    }
    (classes, class_of)
}

/// Writes the value of a fact of `entry` as a Python literal.
fn push_value(out: &mut String, read: &Read, entry: &Entry) {
    match *read {
        Read::Status(read) => match read(entry) {
            Some(status) => {
                let _ = write!(out, "{status}");
            }
            None => out.push_str("None"),
        },
        Read::Number(read) => {
            let _ = write!(out, "{}", read(entry));
        }
        Read::Text(read) => push_string(out, read(entry)),
        Read::Names(read) => push_tuple(out, &read(entry)),
        Read::OptionalText(read) => match read(entry) {
            Some(text) => push_string(out, &text),
            None => out.push_str("None"),
        },
        Read::OptionalBool(read) => out.push_str(match read(entry) {
            Some(true) => "True",
            Some(false) => "False",
            None => "None",
        }),
    }
}

/// What `from catalog import *` brings: the module's API and the catalog's
/// `classes`, but none named like a builtin, which it would shadow (a class
/// `print` stays `catalog.print`).
fn push_all<'a>(out: &mut String, classes: impl Iterator<Item = &'a str>) {
    out.push_str("\n\n__all__ = [\n");
    for name in EXPORTS.iter().copied().chain(classes.filter(|class| BUILTINS.binary_search(class).is_err())) {
        out.push_str("    ");
        push_string(out, name);
        out.push_str(",\n");
    }
    out.push_str("]\n");
}

/// The module's own names that `__all__` lists.
const EXPORTS: &[&str] =
    &["ErrorCode", "CatalogError", "Detail", "Link", "ERROR_CLASSES", "error_class", "error_from_body"];

/// The names of Python's `builtins` module (3.9 to 3.13), sorted: a class
/// of the catalog named so is left out of `__all__`.
const BUILTINS: &[&str] = &[
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "BaseException",
    "BaseExceptionGroup",
    "BlockingIOError",
    "BrokenPipeError",
    "BufferError",
    "BytesWarning",
    "ChildProcessError",
    "ConnectionAbortedError",
    "ConnectionError",
    "ConnectionRefusedError",
    "ConnectionResetError",
    "DeprecationWarning",
    "EOFError",
    "Ellipsis",
    "EncodingWarning",
    "EnvironmentError",
    "Exception",
    "ExceptionGroup",
    "False",
    "FileExistsError",
    "FileNotFoundError",
    "FloatingPointError",
    "FutureWarning",
    "GeneratorExit",
    "IOError",
    "ImportError",
    "ImportWarning",
    "IndentationError",
    "IndexError",
    "InterruptedError",
    "IsADirectoryError",
    "KeyError",
    "KeyboardInterrupt",
    "LookupError",
    "MemoryError",
    "ModuleNotFoundError",
    "NameError",
    "None",
    "NotADirectoryError",
    "NotImplemented",
    "NotImplementedError",
    "OSError",
    "OverflowError",
    "PendingDeprecationWarning",
    "PermissionError",
    "ProcessLookupError",
    "PythonFinalizationError",
    "RecursionError",
    "ReferenceError",
    "ResourceWarning",
    "RuntimeError",
    "RuntimeWarning",
    "StopAsyncIteration",
    "StopIteration",
    "SyntaxError",
    "SyntaxWarning",
    "SystemError",
    "SystemExit",
    "TabError",
    "TimeoutError",
    "True",
    "TypeError",
    "UnboundLocalError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
    "UnicodeError",
    "UnicodeTranslateError",
    "UnicodeWarning",
    "UserWarning",
    "ValueError",
    "Warning",
    "ZeroDivisionError",
    "abs",
    "aiter",
    "all",
    "anext",
    "any",
    "ascii",
    "bin",
    "bool",
    "breakpoint",
    "bytearray",
    "bytes",
    "callable",
    "chr",
    "classmethod",
    "compile",
    "complex",
    "copyright",
    "credits",
    "delattr",
    "dict",
    "dir",
    "divmod",
    "enumerate",
    "eval",
    "exec",
    "exit",
    "filter",
    "float",
    "format",
    "frozenset",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "help",
    "hex",
    "id",
    "input",
    "int",
    "isinstance",
    "issubclass",
    "iter",
    "len",
    "license",
    "list",
    "locals",
    "map",
    "max",
    "memoryview",
    "min",
    "next",
    "object",
    "oct",
    "open",
    "ord",
    "pow",
    "print",
    "property",
    "quit",
    "range",
    "repr",
    "reversed",
    "round",
    "set",
    "setattr",
    "slice",
    "sorted",
    "staticmethod",
    "str",
    "sum",
    "super",
    "tuple",
    "type",
    "vars",
    "zip",
];

/// The names the module defines or uses at its top level, builtins
/// included: a class of the catalog must not shadow them.
const RESERVED: &[&str] = &[
    "CatalogError",
    "Detail",
    "ERROR_CLASSES",
    "ErrorCode",
    "Exception",
    "Link",
    "any",
    "dict",
    "enum",
    "error_class",
    "error_from_body",
    "int",
    "isinstance",
    "list",
    "str",
    "super",
    "tuple",
    "typing",
];

/// Python's keywords, soft ones aside (`match`, `case` and `type` are valid
/// class names).
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

/// The classes every catalog's module has, between the enum and the
/// catalog's classes.
const BASE: &str = r#"

# Not ErrorCode(code), which raises TypeError, not ValueError, on an enum
# without members.
_CODES: typing.Dict[str, ErrorCode] = {member.value: member for member in ErrorCode}


class Detail(typing.NamedTuple):
    """An item of an error body's details: a field of the error and its value."""

    field: str
    value: typing.Any
    message: typing.Optional[str]


class Link(typing.NamedTuple):
    """An item of an error body's links."""

    url: str
    label: str


class CatalogError(Exception):
    """An error body of the catalog as an exception; each class name of the catalog is a subclass.

    error_code is the code as the body wrote it, code its ErrorCode member, or None for a code this
    module does not know (a newer server may send one).
    """

    codes: typing.ClassVar[typing.Tuple[ErrorCode, ...]] = ()

    def __init__(
        self,
        error_code: str,
        message: str,
        request_id: typing.Optional[str] = None,
        details: typing.Sequence[Detail] = (),
        suggestions: typing.Sequence[str] = (),
        links: typing.Sequence[Link] = (),
    ) -> None:
        super().__init__(message)
        self.error_code = error_code
        self.code = _CODES.get(error_code)
        self.message = message
        self.request_id = request_id
        self.details = tuple(details)
        self.suggestions = tuple(suggestions)
        self.links = tuple(links)

    def detail(self, field: str) -> typing.Any:
        """The value of the detail named field, or None."""
        for detail in self.details:
            if detail.field == field:
                return detail.value
        return None

"#;

/// The functions every catalog's module ends with.
const LOOKUP: &str = r#"

def error_class(error_code: str) -> typing.Type[CatalogError]:
    """The exception class of a code: CatalogError itself for a code this module does not know."""
    return ERROR_CLASSES.get(error_code, CatalogError)


def error_from_body(body: typing.Any) -> typing.Optional[CatalogError]:
    """The exception of an error body (parsed JSON), or None when body is not one.

    An error body has string error_code and message and, when present, a string request_id,
    details as a list of {field, value, message}, suggestions as a list of strings and links
    as a list of {url, label}. Other keys are ignored. A code this module does not know gives
    a CatalogError whose code is None.
    """
    if not isinstance(body, dict):
        return None
    error_code = body.get("error_code")
    message = body.get("message")
    if not isinstance(error_code, str) or not isinstance(message, str):
        return None
    request_id = body.get("request_id")
    if "request_id" in body and not isinstance(request_id, str):
        return None
    details = _items(body, "details", _detail)
    suggestions = _items(body, "suggestions", _suggestion)
    links = _items(body, "links", _link)
    if details is None or suggestions is None or links is None:
        return None
    return error_class(error_code)(error_code, message, request_id, details, suggestions, links)


def _items(
    body: typing.Dict[str, typing.Any], key: str, read: typing.Callable[[typing.Any], typing.Any]
) -> typing.Optional[typing.List[typing.Any]]:
    if key not in body:
        return []
    if not isinstance(body[key], list):
        return None
    items = [read(item) for item in body[key]]
    if any(item is None for item in items):
        return None
    return items


def _detail(item: typing.Any) -> typing.Optional[Detail]:
    if not isinstance(item, dict) or not isinstance(item.get("field"), str) or "value" not in item:
        return None
    if "message" not in item or not (item["message"] is None or isinstance(item["message"], str)):
        return None
    return Detail(item["field"], item["value"], item["message"])


def _suggestion(item: typing.Any) -> typing.Optional[str]:
    return item if isinstance(item, str) else None


def _link(item: typing.Any) -> typing.Optional[Link]:
    if not isinstance(item, dict) or not isinstance(item.get("url"), str) or not isinstance(item.get("label"), str):
        return None
    return Link(item["url"], item["label"])
"#;

fn python_type(read: &Read) -> &'static str {
    match read {
        Read::Status(_) => "typing.Optional[int]",
        Read::Number(_) => "int",
        Read::Text(_) => "str",
        Read::Names(_) => "typing.Tuple[str, ...]",
        Read::OptionalText(_) => "typing.Optional[str]",
        Read::OptionalBool(_) => "typing.Optional[bool]",
    }
}

/// The identifiers given so far, and those no name may take.
#[derive(Default)]
struct Names {
    taken: BTreeSet<String>,
}

impl Names {
    fn reserving(reserved: &[&str]) -> Self {
        Self { taken: reserved.iter().map(|name| String::from(*name)).collect() }
    }

    /// `base`, or `base_2`, `base_3`, ... when it is taken; then taken.
    fn claim(&mut self, base: &str) -> String {
        let mut name = String::from(base);
        let mut n = 2u32;
        while self.taken.contains(&name) {
            name = alloc::format!("{base}_{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }
}

/// `text` with every character but ASCII letters, digits and `_` made `_`,
/// and `prefix` in front unless it starts with an ASCII letter.
fn identifier(text: &str, prefix: &str) -> String {
    let mut name = String::new();
    if !text.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.push_str(prefix);
    }
    name.extend(text.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }));
    name
}

/// The `ErrorCode` member of a code: upper case, so that it is never a
/// keyword nor one of the enum's attributes (lower case) or Enum's own
/// names (which start with `_`).
fn member_name(code: &str) -> String {
    identifier(code, "CODE_").to_ascii_uppercase()
}

/// The exception class of a class name, before taken names are counted.
fn class_name(name: &str) -> String {
    let mut class = identifier(name, "Error_");
    if KEYWORDS.contains(&class.as_str()) || RESERVED.contains(&class.as_str()) {
        class.push('_');
    }
    class
}

/// Writes `text` as a double-quoted Python string literal of printable
/// ASCII: `"` and `\` escaped, `\n`, `\r`, `\t`, and any other character as
/// `\xNN`, `\uXXXX` or `\UXXXXXXXX`. `{` stays as it is (not an f-string).
fn push_string(out: &mut String, text: &str) {
    facts::push_quoted(out, text, |out, c| {
        let _ = match u32::from(c) {
            code @ ..=0xff => write!(out, "\\x{code:02x}"),
            code @ ..=0xffff => write!(out, "\\u{code:04x}"),
            code => write!(out, "\\U{code:08x}"),
        };
    });
}

/// Writes `names` as a tuple of strings: `()`, `("a",)`, `("a", "b")`.
fn push_tuple(out: &mut String, names: &[&str]) {
    out.push('(');
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_string(out, name);
    }
    if names.len() == 1 {
        out.push(',');
    }
    out.push(')');
}

#[cfg(test)]
mod tests {
    use alloc::string::String;
    use alloc::vec::Vec;

    use super::{KEYWORDS, Names, RESERVED, class_name, member_name, push_string, push_tuple};

    fn literal(text: &str) -> String {
        let mut out = String::new();
        push_string(&mut out, text);
        out
    }

    /// Reads a literal written by `push_string` back, by Python's rules for
    /// a double-quoted, non-raw, non-f string; `None` for anything Python
    /// would refuse or read differently.
    fn read_literal(literal: &str) -> Option<String> {
        let inner = literal.strip_prefix('"')?.strip_suffix('"')?;
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    let hex = |chars: &mut core::str::Chars<'_>, n: usize| {
                        let digits: String = chars.by_ref().take(n).collect();
                        (digits.len() == n && digits.chars().all(|d| d.is_ascii_hexdigit()))
                            .then(|| u32::from_str_radix(&digits, 16).ok())
                            .flatten()
                            .and_then(char::from_u32)
                    };
                    let escaped = match chars.next()? {
                        '\\' => '\\',
                        '"' => '"',
                        '\'' => '\'',
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        'x' => hex(&mut chars, 2)?,
                        'u' => hex(&mut chars, 4)?,
                        'U' => hex(&mut chars, 8)?,
                        _ => return None,
                    };
                    out.push(escaped);
                }
                '"' | '\n' | '\r' | '\0' => return None,
                c => out.push(c),
            }
        }
        Some(out)
    }

    fn is_identifier(name: &str) -> bool {
        name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !KEYWORDS.contains(&name)
    }

    #[test]
    fn strings_are_python_literals_of_printable_ascii() {
        let cases = [
            ("", r#""""#),
            ("A CVM with name '{name}' already exists", r#""A CVM with name '{name}' already exists""#),
            (r#"""" triple \N{DASH} \x41"#, r#""\"\"\" triple \\N{DASH} \\x41""#),
            ("line\nfeed\rtab\t", r#""line\nfeed\rtab\t""#),
            ("nul\0 del\u{7f} c1\u{85}", r#""nul\x00 del\x7f c1\x85""#),
            ("ls\u{2028} rlo\u{202e} bom\u{feff}", r#""ls\u2028 rlo\u202e bom\ufeff""#),
            ("é Ошибка", r#""\xe9 \u041e\u0448\u0438\u0431\u043a\u0430""#),
            ("😀", r#""\U0001f600""#),
        ];
        for (text, expected) in cases {
            let written = literal(text);
            assert_eq!(written, expected, "{text:?}");
            assert_eq!(read_literal(&written).as_deref(), Some(text));
        }
        let mut tuple = String::new();
        push_tuple(&mut tuple, &["name"]);
        assert_eq!(tuple, r#"("name",)"#);
        tuple.clear();
        push_tuple(&mut tuple, &[]);
        assert_eq!(tuple, "()");
        tuple.clear();
        push_tuple(&mut tuple, &["a", "b\""]);
        assert_eq!(tuple, r#"("a", "b\"")"#);
    }

    #[test]
    fn members_are_upper_case_identifiers() {
        let cases = [
            ("ERR-01-004", "ERR_01_004"),
            ("err.1.4", "ERR_1_4"),
            ("01-004", "CODE_01_004"),
            ("_01", "CODE__01"),
            ("", "CODE_"),
            ("é01", "CODE__01"),
            ("E\"\\'\u{2028}01", "E____01"),
        ];
        for (code, expected) in cases {
            let member = member_name(code);
            assert_eq!(member, expected, "{code:?}");
            assert!(is_identifier(&member));
        }
    }

    #[test]
    fn classes_are_identifiers_that_shadow_nothing() {
        let cases = [
            ("DuplicateCvmNameError", "DuplicateCvmNameError"),
            ("class", "class_"),
            ("None", "None_"),
            ("True", "True_"),
            ("match", "match"),
            ("CatalogError", "CatalogError_"),
            ("ErrorCode", "ErrorCode_"),
            ("str", "str_"),
            ("1Bad", "Error_1Bad"),
            ("_Private", "Error__Private"),
            ("__proto__", "Error___proto__"),
            ("", "Error_"),
            ("Ошибка", "Error_______"),
            ("Ошибка1", "Error_______1"),
            ("Foo-Error", "Foo_Error"),
            ("Foo Error\n", "Foo_Error_"),
        ];
        for (name, expected) in cases {
            let class = class_name(name);
            assert_eq!(class, expected, "{name:?}");
            assert!(is_identifier(&class));
            assert!(!RESERVED.contains(&class.as_str()));
        }
    }

    #[test]
    fn a_taken_name_is_counted_up() {
        let mut names = Names::reserving(RESERVED);
        let claimed: Vec<String> =
            ["Foo-Error", "Foo_Error", "Foo Error", "Foo_Error_2", "CatalogError", "CatalogError_"]
                .into_iter()
                .map(|name| names.claim(&class_name(name)))
                .collect();
        assert_eq!(
            claimed,
            ["Foo_Error", "Foo_Error_2", "Foo_Error_3", "Foo_Error_2_2", "CatalogError_", "CatalogError__2"]
        );
    }

    proptest::proptest! {
        #[test]
        fn any_string_reads_back(text in proptest::prelude::any::<String>()) {
            let written = literal(&text);
            proptest::prop_assert!(written.bytes().all(|byte| (b' '..=b'~').contains(&byte)), "{}", written);
            proptest::prop_assert_eq!(read_literal(&written), Some(text));
        }

        #[test]
        fn any_name_is_an_identifier(name in proptest::prelude::any::<String>(), code in proptest::prelude::any::<String>()) {
            let class = class_name(&name);
            proptest::prop_assert!(is_identifier(&class) && !RESERVED.contains(&class.as_str()), "{}", class);
            let member = member_name(&code);
            proptest::prop_assert!(is_identifier(&member), "{}", member);
        }
    }
}

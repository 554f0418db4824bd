//! Published codes never change meaning.
//!
//! A service commits a lock of the codes it has published: for each, its
//! class, status and message template, or that it is retired. The check
//! compares the lock with the code and refuses a code that was removed
//! without being retired, one whose class, status or message changed, and
//! one that came back after its retirement. Retired and reserved codes are
//! declared in the catalog (`#[module(3, name = "...", retired(3, 4),
//! reserved(9))]`), where using one again is a compile error.
//!
//! The lock is a text file, one code a line, so that a review shows a
//! change as one line. Its fields are separated by tabs (shown here as `→`):
//!
//! ```text
//! # error catalog lock, catalog `Catalog`: the codes published so far
//! ERR-01-001→404→NodeNotFoundError→The requested node is not available
//! ERR-03-003→retired
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::fmt::Write as _;
use std::string::{String, ToString};
use std::vec::Vec;

use crate::model::catalog::CatalogInfo;
use crate::model::entry::Entry;
use crate::{CodeFormat, MAX_CODE_LEN};

/// What the lock records of one code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Locked {
    /// Published and in use.
    Active {
        /// HTTP status; 0 (written `-`) in a catalog outside HTTP.
        status: u16,
        /// Class name.
        class_name: String,
        /// Message template.
        message: String,
    },
    /// Published once, retired for good.
    Retired,
}

/// A lock file, read: the published codes of a catalog, each with what
/// it promises, or retired.
///
/// ```
/// # use error_catalog::{CatalogError, ErrorCatalog};
/// # #[derive(ErrorCatalog)]
/// # #[catalog(format = "ERR-{module:02}-{code:03}")]
/// # pub enum Catalog { #[module(1, name = "CVM API / Preflight")] Preflight }
/// #[derive(Debug, CatalogError)]
/// #[catalog(module = 1, code = 4, status = 409, message = "A CVM with name '{name}' already exists")]
/// pub struct DuplicateCvmNameError {
///     #[catalog(detail)]
///     pub name: String,
/// }
/// # fn main() {
/// use error_catalog::{ErrorCatalog, registry, stability::{Lock, Locked}};
///
/// let lock = Lock::of(Catalog::INFO, registry::entries_of::<Catalog>());
/// let text = lock.render("Catalog");
/// let read = Lock::parse(&text).unwrap();
/// assert_eq!(read, lock);
/// assert!(matches!(read.get("ERR-01-004"), Some(Locked::Active { status: 409, .. })));
/// # }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lock {
    codes: BTreeMap<String, Locked>,
}

/// A line of a lock file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockParseError {
    /// The line number, from 1.
    pub line: usize,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl fmt::Display for LockParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {} of the lock: {}", self.line, self.reason)
    }
}

impl std::error::Error for LockParseError {}

impl Lock {
    /// Reads a lock file's text.
    ///
    /// # Errors
    /// The first line that is neither a comment, blank, `CODE<TAB>retired`
    /// nor `CODE<TAB>STATUS<TAB>CLASS<TAB>MESSAGE`, with a code of 1 to
    /// [`MAX_CODE_LEN`] bytes without spaces or control characters, a status
    /// from 100 to 999 and a class name; or a code locked twice.
    pub fn parse(text: &str) -> Result<Self, LockParseError> {
        Self::parse_codes(text, |_| true)
    }

    /// Reads a lock file's text, as [`parse`](Self::parse), and checks that
    /// every code is written in `format`.
    ///
    /// # Errors
    /// As [`parse`](Self::parse), and a code that `format` does not write.
    pub fn parse_in(text: &str, format: &CodeFormat) -> Result<Self, LockParseError> {
        Self::parse_codes(text, |code| format.parse(code).is_ok())
    }

    fn parse_codes(text: &str, in_format: impl Fn(&str) -> bool) -> Result<Self, LockParseError> {
        let mut codes = BTreeMap::new();
        for (index, line) in text.lines().enumerate() {
            let error = |reason| LockParseError { line: index + 1, reason };
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let code = fields[0];
            let locked = match fields[..] {
                [_, "retired"] => Locked::Retired,
                [_, status, class_name, message] => Locked::Active {
                    status: if status == "-" {
                        0
                    } else {
                        status
                            .parse()
                            .ok()
                            .filter(|status| (100..=999).contains(status))
                            .ok_or_else(|| error("the status is not a number from 100 to 999, or `-`"))?
                    },
                    class_name: Some(unescape(class_name))
                        .filter(|class_name| !class_name.trim().is_empty())
                        .ok_or_else(|| error("the class name is empty"))?,
                    message: unescape(message),
                },
                _ => return Err(error("expected `CODE<TAB>STATUS<TAB>CLASS<TAB>MESSAGE` or `CODE<TAB>retired`")),
            };
            if code.is_empty() || code.len() > MAX_CODE_LEN || code.chars().any(|c| c.is_whitespace() || c.is_control())
            {
                return Err(error("the code is empty, too long, or has spaces or control characters"));
            }
            if !in_format(code) {
                return Err(error("the code is not written in the catalog's format"));
            }
            if codes.insert(code.to_string(), locked).is_some() {
                return Err(error("the code is locked twice"));
            }
        }
        Ok(Self { codes })
    }

    /// A lock of these codes, as [`of`](Self::of) makes it from a
    /// catalog; any text of a class or message is written so that it reads
    /// back the same.
    ///
    /// ```
    /// use error_catalog::stability::{Lock, Locked};
    ///
    /// let active = Locked::Active { status: 409, class_name: "Taken".into(), message: "taken\r".into() };
    /// let lock = Lock::from_codes([("ERR-01-004".to_owned(), active)]);
    /// assert_eq!(Lock::parse(&lock.render("Catalog")).ok(), Some(lock));
    /// ```
    #[must_use]
    pub fn from_codes(codes: impl IntoIterator<Item = (String, Locked)>) -> Self {
        Self { codes: codes.into_iter().collect() }
    }

    /// The lock of a catalog as its code is now: every entry, and every code
    /// the catalog declares retired.
    #[must_use]
    pub fn of(info: &CatalogInfo, entries: &[&Entry]) -> Self {
        let mut codes = BTreeMap::new();
        for entry in entries {
            codes.insert(
                entry.code().to_string(),
                Locked::Active {
                    status: entry.http_status().unwrap_or(0),
                    class_name: entry.class_name().to_string(),
                    message: entry.message().template().to_string(),
                },
            );
        }
        for retired in info.retired() {
            codes.insert(retired.code().to_string(), Locked::Retired);
        }
        Self { codes }
    }

    /// What the lock records of `code`.
    #[must_use]
    pub fn get(&self, code: &str) -> Option<&Locked> {
        self.codes.get(code)
    }

    /// The lock file's text.
    #[must_use]
    pub fn render(&self, catalog: &str) -> String {
        let mut out = std::format!(
            "# error catalog lock, catalog `{catalog}`: the codes published so far\n\
             # code\tstatus\tclass\tmessage (or: code\tretired)\n"
        );
        for (code, locked) in &self.codes {
            match locked {
                Locked::Active { status, class_name, message } => {
                    // A catalog outside HTTP has no statuses: `-`.
                    let status = if *status == 0 { String::from("-") } else { status.to_string() };
                    let _ = writeln!(out, "{code}\t{status}\t{}\t{}", escape(class_name), escape(message));
                }
                Locked::Retired => {
                    let _ = writeln!(out, "{code}\tretired");
                }
            }
        }
        out
    }

    /// Compares this committed lock with `current`, the lock of the code as
    /// it is. Violations break the promise of stable codes; a lock that is
    /// merely behind (new codes, codes retired as they should be) is
    /// [`Comparison::outdated`].
    #[must_use]
    pub fn compare(&self, current: &Self) -> Comparison {
        let mut comparison = Comparison::default();
        for (code, locked) in &self.codes {
            match (locked, current.codes.get(code)) {
                (Locked::Active { .. }, None) => comparison.violations.push(Violation::Removed { code: code.clone() }),
                (
                    Locked::Active { status, class_name, message },
                    Some(Locked::Active { status: s, class_name: c, message: m }),
                ) => {
                    for (what, was, now) in [
                        ("status", status.to_string(), s.to_string()),
                        ("class", class_name.clone(), c.clone()),
                        ("message", message.clone(), m.clone()),
                    ] {
                        if was != now {
                            comparison.violations.push(Violation::Changed { code: code.clone(), what, was, now });
                        }
                    }
                }
                (Locked::Active { .. }, Some(Locked::Retired)) => comparison.outdated.push(code.clone()),
                (Locked::Retired, Some(Locked::Active { class_name, .. })) => {
                    comparison
                        .violations
                        .push(Violation::Reused { code: code.clone(), class_name: class_name.clone() });
                }
                (Locked::Retired, None) => comparison.violations.push(Violation::Unretired { code: code.clone() }),
                (Locked::Retired, Some(Locked::Retired)) => {}
            }
        }
        for code in current.codes.keys() {
            if !self.codes.contains_key(code) {
                comparison.outdated.push(code.clone());
            }
        }
        comparison
    }
}

/// The result of [`Lock::compare`].
#[derive(Debug, Default)]
pub struct Comparison {
    /// Changes that break published codes.
    pub violations: Vec<Violation>,
    /// Codes the lock does not record as they now are, without breaking
    /// anything: new codes, and codes retired as they should be.
    pub outdated: Vec<String>,
}

/// A change that breaks the promise of stable codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    /// A published code is gone and the catalog does not say it is retired.
    Removed {
        /// The code.
        code: String,
    },
    /// A published code's class, status or message changed.
    Changed {
        /// The code.
        code: String,
        /// `status`, `class` or `message`.
        what: &'static str,
        /// As locked.
        was: String,
        /// As the code has it now.
        now: String,
    },
    /// A retired code is in use again.
    Reused {
        /// The code.
        code: String,
        /// The class that uses it now.
        class_name: String,
    },
    /// A retired code is no longer declared retired in the catalog.
    Unretired {
        /// The code.
        code: String,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Removed { code } => write!(
                f,
                "{code} was published and is gone: declare it in its module's `retired(...)` instead of deleting it"
            ),
            Self::Changed { code, what, was, now } => {
                write!(
                    f,
                    "{code} changed its {what} from {was:?} to {now:?}: a published code keeps its meaning; give the new meaning a new code"
                )
            }
            Self::Reused { code, class_name } => {
                write!(f, "{code} was retired and is used again by `{class_name}`: a retired code never comes back")
            }
            Self::Unretired { code } => {
                write!(
                    f,
                    "{code} was retired and the catalog no longer says so: keep it in its module's `retired(...)`"
                )
            }
        }
    }
}

/// The text of a field as the lock writes it: `\\`, `\t`, `\n`, `\r`, and
/// every other control character as `\u{..}`, so that a field is one line
/// with no tab, whatever a reader takes for a line's end.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('u') if chars.as_str().starts_with('{') => {
                    let rest = chars.as_str();
                    let decoded = rest.find('}').and_then(|end| {
                        let c = u32::from_str_radix(&rest[1..end], 16).ok().and_then(char::from_u32)?;
                        Some((c, end))
                    });
                    match decoded {
                        Some((c, end)) => {
                            out.push(c);
                            chars = rest[end + 1..].chars();
                        }
                        None => out.push('u'),
                    }
                }
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

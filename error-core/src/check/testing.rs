//! Test helpers that keep published files in step with the code: the
//! catalog document and the stability lock. Each compares a committed file
//! with what the code renders and fails with a readable diff; run the tests
//! with `ERROR_CATALOG_BLESS=1` to write the rendered text instead.
//!
//! ```no_run
//! // tests/catalog.rs of a service
//! #[test]
//! fn the_published_catalog_is_current() {
//!     # #[cfg(any())]
//!     error_catalog::testing::assert_document_current::<my_service::Catalog>("docs/error-codes.mdx");
//! }
//! ```

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;
use std::string::String;
use std::time::Duration;

/// The environment variable that makes the helpers write files instead of
/// comparing them.
pub const BLESS_VAR: &str = "ERROR_CATALOG_BLESS";

fn blessing() -> bool {
    std::env::var_os(BLESS_VAR).is_some_and(|value| !value.is_empty() && value != "0")
}

/// Panics with a diff when the file at `path` is not `rendered`; with
/// `ERROR_CATALOG_BLESS=1`, writes `rendered` to it instead.
///
/// # Panics
/// When the file differs or cannot be read or written.
#[track_caller]
pub fn assert_file_current(path: impl AsRef<Path>, rendered: &str) {
    let path = path.as_ref();
    if blessing() {
        if let Err(error) = std::fs::write(path, rendered) {
            panic!("cannot write {}: {error}", path.display());
        }
        return;
    }
    let committed = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => panic!("cannot read {}: {error}\nrun the tests with {BLESS_VAR}=1 to write it", path.display()),
    };
    assert!(
        committed == rendered,
        "{} is not what the code renders; run the tests with {BLESS_VAR}=1 to update it\n{}",
        path.display(),
        diff(&committed, rendered)
    );
}

/// A unified diff of two texts, line by line, with two lines of context.
///
/// Texts whose line endings differ (`\r\n` against `\n`, as a checkout
/// with `core.autocrlf` gives) are compared without them, after a first
/// line that says so: a file that differs only in its line endings is not
/// shown as every line changed.
///
/// ```
/// let diff = error_catalog::testing::diff("a\r\nb\r\n", "a\nb\n");
/// assert_eq!(diff, "line endings differ: old text CRLF, new text LF; nothing else differs\n");
///
/// let diff = error_catalog::testing::diff("a\nb\nc\n", "a\nB\nc\n");
/// assert_eq!(diff, "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
/// ```
#[must_use]
pub fn diff(old: &str, new: &str) -> String {
    let mut out = String::new();
    let (old_endings, new_endings) = (LineEndings::of(old), LineEndings::of(new));
    let (old, new) = if old_endings == new_endings {
        (Cow::Borrowed(old), Cow::Borrowed(new))
    } else {
        let (old, new) = (old.replace("\r\n", "\n"), new.replace("\r\n", "\n"));
        let rest = if old == new { "nothing else differs" } else { "the lines are compared without them" };
        let _ = writeln!(out, "line endings differ: old text {old_endings}, new text {new_endings}; {rest}");
        (Cow::Owned(old), Cow::Owned(new))
    };
    // Patience diff anchors on unique lines: linear in the common case
    // (two 10,000-line files that differ everywhere take milliseconds), and
    // the timeout bounds the rest, at the cost of a coarser diff.
    let lines = similar::TextDiff::configure()
        .algorithm(similar::Algorithm::Patience)
        .timeout(Duration::from_secs(2))
        .diff_lines(&*old, &*new);
    let _ = write!(out, "{}", lines.unified_diff().context_radius(2));
    out
}

/// How a text ends its lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineEndings {
    /// No line break at all.
    None,
    Lf,
    CrLf,
    /// Both.
    Mixed,
}

impl LineEndings {
    fn of(text: &str) -> Self {
        let breaks = text.matches('\n').count();
        let crlf = text.matches("\r\n").count();
        match (breaks, crlf) {
            (0, _) => Self::None,
            (_, 0) => Self::Lf,
            (all, crlf) if all == crlf => Self::CrLf,
            _ => Self::Mixed,
        }
    }
}

impl core::fmt::Display for LineEndings {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Self::None => "without line breaks",
            Self::Lf => "LF",
            Self::CrLf => "CRLF",
            Self::Mixed => "mixed CRLF and LF",
        })
    }
}

/// Panics with a diff when the committed catalog document at `path` is not
/// the Markdown that catalog `C` renders.
///
/// # Panics
/// As [`assert_file_current`].
#[cfg(feature = "registry")]
#[track_caller]
pub fn assert_document_current<C: crate::ErrorCatalog + ?Sized>(path: impl AsRef<Path>) {
    let modules = crate::model::registry::modules_of::<C>();
    assert_file_current(path, &crate::render::markdown(C::INFO, &modules));
}

/// Panics when the codes of catalog `C` break the committed lock at `path`:
/// a code removed without being retired, one whose class, status or message
/// changed, one used again after its retirement. A lock that is only behind
/// (new codes, codes properly retired) fails too, so that it stays current;
/// `ERROR_CATALOG_BLESS=1` records those, and never a violation.
///
/// A lock that cannot be read (not UTF-8, say) or that does not parse is an
/// error in every mode, named with its file and line: blessing it would
/// erase what it records. Only a missing lock is written by blessing.
///
/// # Panics
/// On a violation, an outdated lock, or a lock that cannot be read.
///
/// ```no_run
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
/// // tests/stability.rs: the lock is committed beside the tests; run once
/// // with ERROR_CATALOG_BLESS=1 to write it.
/// # fn main() {
/// error_catalog::testing::assert_stable::<Catalog>("tests/data/catalog.lock");
/// # }
/// ```
#[cfg(feature = "registry")]
#[track_caller]
pub fn assert_stable<C: crate::ErrorCatalog + ?Sized>(path: impl AsRef<Path>) {
    use crate::check::stability::Lock;

    let path = path.as_ref();
    let current = Lock::of(C::INFO, crate::model::registry::entries_of::<C>());
    let rendered = current.render(C::INFO.name());
    let committed = match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => {
                let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
                let line = valid.split(|&byte| byte == b'\n').count();
                panic!("{}:{line}: the lock is not UTF-8; restore it from version control", path.display());
            }
        },
        Err(error) if error.kind() == std::io::ErrorKind::NotFound && blessing() => String::new(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            panic!("cannot read {}: {error}\nrun the tests with {BLESS_VAR}=1 to write it", path.display())
        }
        Err(error) => panic!("cannot read {}: {error}", path.display()),
    };
    let locked = match Lock::parse_in(&committed, C::INFO.format()) {
        Ok(lock) => lock,
        Err(error) => panic!("{}:{}: {}", path.display(), error.line, error.reason),
    };
    let comparison = locked.compare(&current);
    if !comparison.violations.is_empty() {
        let lines: std::vec::Vec<String> = comparison.violations.iter().map(std::string::ToString::to_string).collect();
        panic!("published error codes changed ({}):\n{}", path.display(), lines.join("\n"));
    }
    if committed != rendered {
        assert_file_current(path, &rendered);
    }
}

/// The entries among `entries` whose gRPC status code is the documented
/// default ([`GrpcCode::fallback_for_http`](crate::GrpcCode::fallback_for_http)):
/// they state no `grpc = "..."` and their HTTP status is outside the table
/// of AIP-193 (465, 402...), or they have none. A test pins the list, so
/// that a new such code is a decision, not an accident:
///
/// ```
/// use error_catalog::{CatalogError, ErrorCatalog};
/// # #[derive(ErrorCatalog)]
/// # #[catalog(format = "ERR-{module:02}-{code:03}")]
/// # pub enum Catalog { #[module(4, name = "Workspace")] Workspace }
///
/// #[derive(Debug, CatalogError)]
/// #[catalog(module = 4)]
/// enum WorkspaceError {
///     #[catalog(code = 1, status = 402, message = "Your account balance is too low")]
///     InsufficientBalance,
///     #[catalog(code = 2, status = 403, message = "Your account has reached its limit")]
///     LimitReached,
///     #[catalog(code = 3, status = 423, grpc = "FAILED_PRECONDITION", message = "The workspace is locked")]
///     Locked,
/// }
///
/// # fn main() {
/// let fallbacks = error_catalog::testing::grpc_fallbacks(WorkspaceError::entries());
/// let codes: Vec<&str> = fallbacks.iter().map(|entry| entry.code()).collect();
/// assert_eq!(codes, ["ERR-04-001"]);
/// # }
/// ```
///
/// It is a helper for a test rather than a compile error on purpose: Cargo
/// turns a feature on for the whole build when one crate asks for it, so a
/// crate that never speaks gRPC would fail to compile the day another
/// crate of the build enables `tonic`.
#[must_use]
pub fn grpc_fallbacks(
    entries: &[&'static crate::model::entry::Entry],
) -> std::vec::Vec<&'static crate::model::entry::Entry> {
    entries.iter().copied().filter(|entry| crate::GrpcCode::is_fallback(entry)).collect()
}

/// Panics, listing each problem, when a translation of catalog `C` is
/// missing or broken: a code without a message in one of the translations'
/// languages, a message that does not format with the placeholders the
/// catalog's message has (it names another variable, or a message that
/// does not exist), a placeholder that no detail of the same name fills,
/// or two codes with the same Fluent id.
///
/// ```no_run
/// // tests/translations.rs of a service
/// #[test]
/// fn every_message_is_translated() {
///     # #[cfg(any())]
///     error_catalog::testing::assert_translated::<my_service::Catalog>(&my_service::translations());
/// }
/// ```
///
/// # Panics
/// On any such problem.
#[cfg(all(feature = "fluent", feature = "registry"))]
#[track_caller]
pub fn assert_translated<C: crate::ErrorCatalog + ?Sized>(translations: &crate::model::fluent::Translations) {
    use std::collections::HashMap;
    use std::vec::Vec;

    let entries = crate::model::registry::entries_of::<C>();
    let mut problems = Vec::new();
    let mut ids: HashMap<std::borrow::Cow<'_, str>, &str> = HashMap::new();
    for entry in entries {
        if let Some(other) = ids.insert(translations.id_of(entry.code()), entry.code()) {
            problems.push(std::format!(
                "{} and {other} have the same Fluent id {}: give `message_ids` another scheme",
                entry.code(),
                translations.id_of(entry.code())
            ));
        }
        for placeholder in entry.message().fields().filter(|field| !entry.details().contains(field)) {
            problems.push(std::format!(
                "{} ({}): placeholder {{{placeholder}}} is not a detail of the same name, so no translation can show it",
                entry.code(),
                entry.class_name()
            ));
        }
    }
    for language in translations.locales() {
        for entry in entries {
            if let Err(failure) = translations.check(entry, language) {
                problems.push(std::format!("{language}: {} ({}): {failure}", entry.code(), entry.class_name()));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "translations of {} are missing or broken ({} problems):\n{}",
        C::INFO.name(),
        problems.len(),
        problems.join("\n")
    );
}

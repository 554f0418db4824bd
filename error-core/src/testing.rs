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

use std::fmt::Write as _;
use std::path::Path;
use std::string::String;
use std::vec;
use std::vec::Vec;

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
#[must_use]
pub fn diff(old: &str, new: &str) -> String {
    let old: Vec<&str> = old.split_inclusive('\n').collect();
    let new: Vec<&str> = new.split_inclusive('\n').collect();
    let prefix = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..].iter().rev().zip(new[prefix..].iter().rev()).take_while(|(a, b)| a == b).count();
    let (a, b) = (&old[prefix..old.len() - suffix], &new[prefix..new.len() - suffix]);
    // Longest common subsequence of the differing middle, which is small
    // for the edits a review makes.
    let mut table = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            table[i][j] = if a[i] == b[j] { table[i + 1][j + 1] + 1 } else { table[i + 1][j].max(table[i][j + 1]) };
        }
    }
    let mut lines: Vec<(char, &str)> = Vec::new();
    let context = 2;
    lines.extend(old[prefix.saturating_sub(context)..prefix].iter().map(|line| (' ', *line)));
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            lines.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || table[i][j + 1] >= table[i + 1][j]) {
            lines.push(('+', b[j]));
            j += 1;
        } else {
            lines.push(('-', a[i]));
            i += 1;
        }
    }
    let tail = old.len() - suffix;
    lines.extend(old[tail..(tail + context).min(old.len())].iter().map(|line| (' ', *line)));
    let mut out = std::format!("@@ line {} @@\n", prefix.saturating_sub(context) + 1);
    for (mark, line) in lines {
        let _ = write!(out, "{mark}{}", line.strip_suffix('\n').unwrap_or(line));
        out.push('\n');
    }
    out
}

/// Panics with a diff when the committed catalog document at `path` is not
/// the Markdown that catalog `C` renders.
///
/// # Panics
/// As [`assert_file_current`].
#[cfg(feature = "registry")]
#[track_caller]
pub fn assert_document_current<C: crate::ErrorCatalog + ?Sized>(path: impl AsRef<Path>) {
    let modules = crate::registry::modules_of::<C>();
    assert_file_current(path, &crate::render::markdown(C::INFO, &modules));
}

/// Panics when the codes of catalog `C` break the committed lock at `path`:
/// a code removed without being retired, one whose class, status or message
/// changed, one used again after its retirement. A lock that is only behind
/// (new codes, codes properly retired) fails too, so that it stays current;
/// `ERROR_CATALOG_BLESS=1` records those, and never a violation.
///
/// # Panics
/// On a violation, an outdated lock, or a lock that cannot be read.
#[cfg(feature = "registry")]
#[track_caller]
pub fn assert_stable<C: crate::ErrorCatalog + ?Sized>(path: impl AsRef<Path>) {
    use crate::stability::Lock;

    let path = path.as_ref();
    let current = Lock::of(C::INFO, crate::registry::entries_of::<C>());
    let rendered = current.render(C::INFO.name());
    let committed = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(_) if blessing() => String::new(),
        Err(error) => panic!("cannot read {}: {error}\nrun the tests with {BLESS_VAR}=1 to write it", path.display()),
    };
    let locked = match Lock::parse(&committed) {
        Ok(lock) => lock,
        Err(error) => panic!("{}: {error}", path.display()),
    };
    let comparison = locked.compare(&current);
    if !comparison.violations.is_empty() {
        let lines: Vec<String> = comparison.violations.iter().map(std::string::ToString::to_string).collect();
        panic!("published error codes changed ({}):\n{}", path.display(), lines.join("\n"));
    }
    if committed != rendered {
        assert_file_current(path, &rendered);
    }
}

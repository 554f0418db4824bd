//! Every catalog error linked into the program, without a hand-written list.
//!
//! Each `#[derive(CatalogError)]` adds its entries to one
//! [linkme](https://docs.rs/linkme) distributed slice: the linker gathers
//! them from every crate, so the list costs nothing at start-up and nothing
//! can be forgotten. linkme works on Linux, macOS, iOS, Windows, FreeBSD,
//! OpenBSD, illumos, Android and wasm32 (see its documentation); elsewhere
//! the `registry` feature does not build.
//!
//! A crate is only linked when the program uses something from it: a test
//! that checks the codes of a workspace names one item of each crate.
//!
//! The index is built once, on first use: entries sorted by catalog, module
//! and code for [`lookup_code`], and by code string for [`lookup`], both
//! answered by binary search.

use std::collections::BTreeMap;
use std::string::String;
use std::sync::OnceLock;
use std::vec::Vec;

use crate::model::catalog::{CatalogInfo, ErrorCatalog, ModuleInfo};
use crate::model::code::Code;
use crate::model::entry::Entry;

/// Every entry linked into the program, in no particular order: each
/// derive adds its own (through `__private::ENTRIES`).
#[doc(hidden)]
#[linkme::distributed_slice]
#[allow(unsafe_code)]
pub static ENTRIES: [&'static Entry];

struct Index {
    /// By catalog, then module (codes without one last), number and code.
    by_catalog: Vec<&'static Entry>,
    /// By code string, then catalog address.
    by_text: Vec<&'static Entry>,
}

fn catalog_key(entry: &Entry) -> usize {
    core::ptr::from_ref(entry.catalog()) as usize
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut by_catalog: Vec<&'static Entry> = ENTRIES.iter().copied().collect();
        by_catalog.sort_by_key(|entry| {
            let group = entry.module().map(ModuleInfo::number);
            (
                entry.catalog().name(),
                catalog_key(entry),
                group.is_none(),
                group,
                entry.number(),
                entry.code(),
                entry.type_path(),
            )
        });
        let mut by_text = by_catalog.clone();
        by_text.sort_by_key(|entry| (entry.code(), catalog_key(entry), entry.type_path()));
        Index { by_catalog, by_text }
    })
}

/// Every registered entry, ordered by catalog, module and code.
#[must_use]
pub fn entries() -> &'static [&'static Entry] {
    &index().by_catalog
}

/// The entries of catalog `C`, in code order.
#[must_use]
pub fn entries_of<C: ErrorCatalog + ?Sized>() -> &'static [&'static Entry] {
    let all = entries();
    let key = core::ptr::from_ref(C::INFO) as usize;
    let start = all.partition_point(|entry| (entry.catalog().name(), catalog_key(entry)) < (C::INFO.name(), key));
    let end = all.partition_point(|entry| (entry.catalog().name(), catalog_key(entry)) <= (C::INFO.name(), key));
    &all[start..end]
}

/// The entry whose code is written `code` (`ERR-01-004`), in any catalog.
/// When two catalogs write the same string, the first by catalog name wins.
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
/// let entry = error_catalog::registry::lookup("ERR-01-004").unwrap();
/// assert_eq!((entry.class_name(), entry.status()), ("DuplicateCvmNameError", 409));
/// assert!(error_catalog::registry::lookup("ERR-01-999").is_none());
/// # }
/// ```
#[must_use]
pub fn lookup(code: &str) -> Option<&'static Entry> {
    let by_text = &index().by_text;
    let at = by_text.partition_point(|entry| entry.code() < code);
    by_text.get(at).copied().filter(|entry| entry.code() == code)
}

/// The entry of `code` in catalog `C`.
#[must_use]
pub fn lookup_code<C: ErrorCatalog + ?Sized>(code: Code<C>) -> Option<&'static Entry> {
    let by_text = &index().by_text;
    let code = code.as_str();
    let at = by_text.partition_point(|entry| entry.code() < code);
    by_text[at..]
        .iter()
        .take_while(|entry| entry.code() == code)
        .find(|entry| core::ptr::eq(entry.catalog(), C::INFO))
        .copied()
}

/// The modules of catalog `C`, each with its entries in code order. Every
/// declared module is listed, with or without entries; codes without a
/// module (flat codes, ungrouped text codes) come last, under
/// [`ModuleInfo::UNGROUPED`], when there are any.
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
/// let modules = error_catalog::registry::modules_of::<Catalog>();
/// let (module, entries) = modules[0];
/// assert_eq!((module.number(), module.name()), (1, "CVM API / Preflight"));
/// assert_eq!(entries[0].code(), "ERR-01-004");
/// # }
/// ```
#[must_use]
pub fn modules_of<C: ErrorCatalog + ?Sized>() -> Vec<(&'static ModuleInfo, &'static [&'static Entry])> {
    group_by_module(C::INFO, entries_of::<C>())
}

pub(crate) fn group_by_module(
    info: &'static CatalogInfo,
    entries: &'static [&'static Entry],
) -> Vec<(&'static ModuleInfo, &'static [&'static Entry])> {
    // `entries` is sorted with grouped codes first, by module number.
    let grouped = entries.partition_point(|entry| entry.module().is_some());
    let (grouped, ungrouped) = entries.split_at(grouped);
    let mut modules: Vec<(&'static ModuleInfo, &'static [&'static Entry])> = info
        .modules()
        .iter()
        .map(|module| {
            let number = |entry: &&Entry| entry.module().map_or(u16::MAX, ModuleInfo::number);
            let start = grouped.partition_point(|entry| number(entry) < module.number());
            let end = grouped.partition_point(|entry| number(entry) <= module.number());
            (module, &grouped[start..end])
        })
        .collect();
    if !ungrouped.is_empty() {
        modules.push((&ModuleInfo::UNGROUPED, ungrouped));
    }
    modules
}

/// Two types that registered the same code of the same catalog.
#[derive(Debug, Clone, Copy)]
pub struct Duplicate {
    /// The entry of the first type, by type path.
    pub first: &'static Entry,
    /// The entry of the second.
    pub second: &'static Entry,
}

impl core::fmt::Display for Duplicate {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "error code {} of catalog `{}` is defined twice: by `{}` (crate `{}`) and by `{}` (crate `{}`)",
            self.first.code(),
            self.first.catalog().name(),
            self.first.type_path(),
            crate_of(self.first),
            self.second.type_path(),
            crate_of(self.second),
        )
    }
}

fn crate_of(entry: &Entry) -> &'static str {
    entry.type_path().split("::").next().unwrap_or_default()
}

/// Codes registered by more than one type. Within one crate the compiler
/// already refuses them; across crates only this can see them.
#[must_use]
pub fn duplicates() -> Vec<Duplicate> {
    let mut by_code: BTreeMap<(usize, &'static str), Vec<&'static Entry>> = BTreeMap::new();
    for entry in entries() {
        by_code.entry((catalog_key(entry), entry.code())).or_default().push(entry);
    }
    by_code
        .into_values()
        .filter(|group| group.len() > 1)
        .flat_map(|group| {
            let first = group[0];
            group.into_iter().skip(1).map(move |second| Duplicate { first, second })
        })
        .collect()
}

/// Panics, naming both types and their crates, when two types of the
/// program registered the same code. The one line a workspace's test needs:
///
/// ```
/// // tests/error_codes.rs of a workspace: name one item of each crate so
/// // that the linker keeps it, then
/// error_catalog::registry::assert_unique_codes();
/// ```
///
/// # Panics
/// When [`duplicates`] finds any.
#[track_caller]
pub fn assert_unique_codes() {
    let duplicates = duplicates();
    if !duplicates.is_empty() {
        let lines: Vec<String> = duplicates.iter().map(ToString::to_string).collect();
        panic!("{}", lines.join("\n"));
    }
}

use std::string::ToString;

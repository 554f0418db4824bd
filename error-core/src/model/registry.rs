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
//! and code for [`lookup_code`] (binary search), and by code string, with
//! a hash table over the code strings for [`lookup`]: one hash of at most
//! 64 bytes and one probe sequence whatever the number of codes.

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
    /// Open addressing over the distinct code strings of `by_text`, at most
    /// half full: each slot is 0 (empty) or the position in `by_text` of
    /// the first entry of its code, plus one, beside the high half of the
    /// code's hash. The keys are the linked codes, never the input: a
    /// lookup's probe sequence is bounded by the clusters they form.
    slots: Vec<(u32, u32)>,
}

/// The hash of a code string, 8 bytes at a time (codes have at most 64).
fn hash(code: &[u8]) -> u64 {
    const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;
    let mix = |hash: u64, word: u64| (hash.rotate_left(23) ^ word).wrapping_mul(MULTIPLIER);
    let mut hash = code.len() as u64;
    let mut words = code.chunks_exact(8);
    for chunk in &mut words {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        hash = mix(hash, u64::from_le_bytes(word));
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut word = [0; 8];
        word[..rest.len()].copy_from_slice(rest);
        hash = mix(hash, u64::from_le_bytes(word));
    }
    hash ^ (hash >> 29)
}

/// The hash's high half, kept in a slot to skip most comparisons.
fn tag(hash: u64) -> u32 {
    // The high 32 bits.
    #[allow(clippy::cast_possible_truncation)]
    {
        (hash >> 32) as u32
    }
}

/// The slots of [`Index::slots`] for `by_text`.
fn hash_slots(by_text: &[&'static Entry]) -> Vec<(u32, u32)> {
    let size = (by_text.len() * 2).next_power_of_two().max(2);
    let mask = size - 1;
    let mut slots = std::vec![(0, 0); size];
    for (at, entry) in by_text.iter().enumerate() {
        if at > 0 && by_text[at - 1].code() == entry.code() {
            continue;
        }
        let hash = hash(entry.code().as_bytes());
        // Truncation keeps the low bits, which the mask keeps anyway.
        #[allow(clippy::cast_possible_truncation)]
        let mut slot = hash as usize & mask;
        while slots[slot].1 != 0 {
            slot = (slot + 1) & mask;
        }
        // The program's entries number far fewer than 2^32.
        #[allow(clippy::cast_possible_truncation)]
        {
            slots[slot] = (tag(hash), at as u32 + 1);
        }
    }
    slots
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
        let slots = hash_slots(&by_text);
        Index { by_catalog, by_text, slots }
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
    if code.len() > crate::model::format::MAX_CODE_LEN {
        return None;
    }
    let index = index();
    let hash = hash(code.as_bytes());
    let (tag, mask) = (tag(hash), index.slots.len() - 1);
    // Truncation keeps the low bits, which the mask keeps anyway.
    #[allow(clippy::cast_possible_truncation)]
    let mut slot = hash as usize & mask;
    loop {
        let (slot_tag, at) = index.slots[slot];
        if at == 0 {
            return None;
        }
        if slot_tag == tag {
            let entry = index.by_text[at as usize - 1];
            if entry.code() == code {
                return Some(entry);
            }
        }
        slot = (slot + 1) & mask;
    }
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

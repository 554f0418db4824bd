//! The catalog: one declaration per crate of the code format, the default
//! HTTP status and the modules, written with `#[derive(ErrorCatalog)]`.

use crate::code::CodeFormat;

/// A catalog of error codes, declared once per crate with
/// `#[derive(ErrorCatalog)]` on an enum whose variants are the modules.
///
/// ```
/// use error_catalog::ErrorCatalog;
///
/// #[derive(ErrorCatalog)]
/// #[catalog(format = "ERR-{module:02}-{code:03}", default_status = 400)]
/// pub enum Catalog {
///     #[module(1, name = "CVM API / Preflight")]
///     Preflight,
///     #[module(2, name = "Inventory")]
///     Inventory,
/// }
///
/// let info = <Catalog as error_catalog::ErrorCatalog>::INFO;
/// assert_eq!(info.format().template(), "ERR-{module:02}-{code:03}");
/// assert_eq!(info.default_status(), 400);
/// assert_eq!(info.module(2).map(|m| m.name()), Some("Inventory"));
/// ```
///
/// `#[derive(CatalogError)]` uses the type named `Catalog` at the root of the
/// crate unless an error says `#[catalog(catalog = path::To)]`.
pub trait ErrorCatalog: 'static {
    /// Everything the catalog declares.
    const INFO: &'static CatalogInfo;
}

/// What a catalog declares: its format, default status, modules, and the
/// codes it has retired or reserved.
#[derive(Debug)]
pub struct CatalogInfo {
    name: &'static str,
    format: CodeFormat,
    default_status: u16,
    modules: &'static [ModuleInfo],
    document: Document,
    /// Whether any module retired or reserved a code: when none did, the
    /// compile-time check of each code skips the search.
    closed_codes: bool,
}

/// Text of the published catalog page that does not come from the errors.
#[derive(Debug, Clone, Copy)]
pub struct Document {
    /// The page title (`Error Codes`).
    pub title: &'static str,
    /// The page description (`Reference for Phala Cloud API error codes`).
    pub description: &'static str,
    /// The name of the API the codes belong to (`Phala Cloud API`).
    pub api: &'static str,
}

impl CatalogInfo {
    #[doc(hidden)]
    #[must_use]
    pub const fn __new(
        name: &'static str,
        format: CodeFormat,
        default_status: u16,
        modules: &'static [ModuleInfo],
        document: Document,
    ) -> Self {
        let mut closed_codes = false;
        let mut i = 0;
        while i < modules.len() {
            closed_codes |= !modules[i].retired.is_empty() || !modules[i].reserved.is_empty();
            i += 1;
        }
        Self { name, format, default_status, modules, document, closed_codes }
    }

    /// The name of the catalog type (`Catalog`).
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// How codes of this catalog are written.
    #[must_use]
    pub const fn format(&self) -> &CodeFormat {
        &self.format
    }

    /// The HTTP status of an error that does not give one (400 unless the
    /// catalog says otherwise).
    #[must_use]
    pub const fn default_status(&self) -> u16 {
        self.default_status
    }

    /// The modules, in the order of their numbers.
    #[must_use]
    pub const fn modules(&self) -> &'static [ModuleInfo] {
        self.modules
    }

    /// The module with this number, if the catalog declares it.
    #[must_use]
    pub fn module(&self, number: u16) -> Option<&'static ModuleInfo> {
        self.modules.binary_search_by_key(&number, ModuleInfo::number).ok().map(|index| &self.modules[index])
    }

    /// The text of the published page that does not come from the errors.
    #[must_use]
    pub const fn document(&self) -> &Document {
        &self.document
    }

    /// Whether `code` of `module` is retired: published once, never to be
    /// used again.
    #[must_use]
    pub const fn is_retired(&self, module: u16, code: u16) -> bool {
        match self.find_module(module) {
            Some(m) => contains(m.retired, code),
            None => false,
        }
    }

    /// Whether `code` of `module` is reserved: kept free for a later use.
    #[must_use]
    pub const fn is_reserved(&self, module: u16, code: u16) -> bool {
        match self.find_module(module) {
            Some(m) => contains(m.reserved, code),
            None => false,
        }
    }

    /// Binary search: the derive sorts the modules by number.
    const fn find_module(&self, number: u16) -> Option<&'static ModuleInfo> {
        if !self.closed_codes {
            return None;
        }
        let (mut low, mut high) = (0, self.modules.len());
        while low < high {
            let middle = low + (high - low) / 2;
            let found = self.modules[middle].number;
            if found == number {
                return Some(&self.modules[middle]);
            } else if found < number {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        None
    }
}

const fn contains(codes: &[u16], code: u16) -> bool {
    let mut i = 0;
    while i < codes.len() {
        if codes[i] == code {
            return true;
        }
        i += 1;
    }
    false
}

/// A module of a catalog: a number and a name (`1`, `CVM API / Preflight`).
#[derive(Debug)]
pub struct ModuleInfo {
    number: u16,
    name: &'static str,
    retired: &'static [u16],
    reserved: &'static [u16],
}

impl ModuleInfo {
    #[doc(hidden)]
    #[must_use]
    pub const fn __new(number: u16, name: &'static str, retired: &'static [u16], reserved: &'static [u16]) -> Self {
        Self { number, name, retired, reserved }
    }

    /// The module number (`1` in `ERR-01-004`).
    #[must_use]
    pub const fn number(&self) -> u16 {
        self.number
    }

    /// The module's name.
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// Codes of this module that were published and are retired.
    #[must_use]
    pub const fn retired(&self) -> &'static [u16] {
        self.retired
    }

    /// Codes of this module kept free for later use.
    #[must_use]
    pub const fn reserved(&self) -> &'static [u16] {
        self.reserved
    }
}

//! The catalog: one declaration per crate of the code format, the HTTP
//! statuses, the modules and the codes retired, written with
//! `#[derive(ErrorCatalog)]`.

use crate::model::format::{CodeFormat, CodeText, Segment, Shape, bytes_eq};

/// A catalog of error codes, declared once per crate with
/// `#[derive(ErrorCatalog)]` on an enum whose variants are its modules.
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
/// crate unless an error says `#[catalog(catalog = path::To)]`. The keys of
/// the derive are listed in the [crate documentation](crate#the-catalog).
pub trait ErrorCatalog: 'static {
    /// Everything the catalog declares.
    const INFO: &'static CatalogInfo;
}

/// What a catalog declares: its format, statuses, modules, and the codes it
/// has retired or reserved.
#[derive(Debug)]
pub struct CatalogInfo(CatalogParts);

#[doc(hidden)]
#[derive(Debug)]
pub struct CatalogParts {
    pub name: &'static str,
    pub format: CodeFormat,
    /// `None` for a catalog outside HTTP (`http = false`).
    pub default_status: Option<u16>,
    pub modules: &'static [ModuleInfo],
    pub page: PageInfo,
    pub domain: &'static str,
    pub link_template: Option<&'static str>,
    pub retired: &'static [RetiredCode],
    pub reserved: &'static [CodeText],
    /// The catalog of a declaration that failed to compile: it accepts
    /// every code, so that the errors of the crate add nothing to the one
    /// that matters.
    pub stand_in: bool,
}

/// Text of the published catalog page that does not come from the errors.
#[derive(Debug, Clone, Copy)]
pub struct PageInfo {
    /// The page title (`Error Codes`).
    pub title: &'static str,
    /// The page description (`Reference for Phala Cloud API error codes`).
    pub description: &'static str,
    /// The name of the API the codes belong to (`Phala Cloud API`).
    pub api: &'static str,
}

/// A code that was published and is retired for good: it stays in the
/// documents, and using it again does not compile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetiredCode {
    #[doc(hidden)]
    pub code: CodeText,
    #[doc(hidden)]
    pub successor: Option<CodeText>,
    #[doc(hidden)]
    pub note: &'static str,
}

impl RetiredCode {
    /// The code as it was written (`E0001`).
    #[must_use]
    pub const fn code(&self) -> &str {
        self.code.as_str()
    }

    /// The code that took over its meaning, if any (`E0005`).
    #[must_use]
    pub const fn successor(&self) -> Option<&str> {
        match &self.successor {
            Some(code) => Some(code.as_str()),
            None => None,
        }
    }

    /// Why it was retired (`merged into E0005`); empty when the catalog does
    /// not say.
    #[must_use]
    pub const fn note(&self) -> &'static str {
        self.note
    }
}

impl CatalogInfo {
    #[doc(hidden)]
    #[must_use]
    pub const fn __new(parts: CatalogParts) -> Self {
        Self(parts)
    }

    /// The declaration of a catalog whose `#[derive(ErrorCatalog)]` failed:
    /// it accepts every code and every module, so that the crate's errors
    /// add nothing to the errors of the declaration. Also the catalog of
    /// `EntryParts::DEFAULT`, which every entry overrides.
    #[doc(hidden)]
    #[must_use]
    pub const fn __stand_in(name: &'static str) -> Self {
        Self(CatalogParts {
            name,
            format: CodeFormat::__new("{code}", Shape::Flat, &[Segment::Number { name: "code", width: 0 }], 0),
            default_status: Some(500),
            modules: &[],
            page: PageInfo { title: "", description: "", api: "" },
            domain: "",
            link_template: None,
            retired: &[],
            reserved: &[],
            stand_in: true,
        })
    }

    pub(crate) const STAND_IN: Self = Self::__stand_in("");

    /// The name of the catalog type (`Catalog`).
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.0.name
    }

    /// How codes of this catalog are written.
    #[must_use]
    pub const fn format(&self) -> &CodeFormat {
        &self.0.format
    }

    /// Whether the catalog's errors have HTTP statuses. A catalog declared
    /// with `http = false` (gRPC codes, SQLSTATE, compiler codes) has none.
    #[must_use]
    pub const fn is_http(&self) -> bool {
        self.0.default_status.is_some()
    }

    /// The HTTP status of an error that does not give one (400 unless the
    /// catalog says otherwise); 500 for a catalog outside HTTP, whose errors
    /// have none, should one be answered over HTTP anyway.
    #[must_use]
    pub const fn default_status(&self) -> u16 {
        match self.0.default_status {
            Some(status) => status,
            None => 500,
        }
    }

    /// The modules, in the order of their numbers.
    #[must_use]
    pub const fn modules(&self) -> &'static [ModuleInfo] {
        self.0.modules
    }

    /// The module with this number, if the catalog declares it.
    #[must_use]
    pub const fn module(&self, number: u16) -> Option<&'static ModuleInfo> {
        self.find_module(number)
    }

    /// The text of the published page that does not come from the errors.
    #[must_use]
    pub const fn page(&self) -> &PageInfo {
        &self.0.page
    }

    /// The domain of the service that owns the codes (`api.example.com`),
    /// for gRPC's `ErrorInfo`; empty when the catalog does not say.
    #[must_use]
    pub const fn domain(&self) -> &'static str {
        self.0.domain
    }

    /// The documentation URL of every code, `{code}` standing for the code
    /// (`https://doc.rust-lang.org/error_codes/{code}.html`).
    #[must_use]
    pub const fn link_template(&self) -> Option<&'static str> {
        self.0.link_template
    }

    /// Writes the documentation URL of `code` from the catalog's
    /// [`link_template`](Self::link_template); writes nothing when it has none.
    ///
    /// # Errors
    /// Only those of the writer.
    pub fn write_link(&self, code: &str, out: &mut dyn core::fmt::Write) -> core::fmt::Result {
        let Some(template) = self.0.link_template else { return Ok(()) };
        let mut parts = template.split("{code}");
        if let Some(first) = parts.next() {
            out.write_str(first)?;
        }
        for part in parts {
            out.write_str(code)?;
            out.write_str(part)?;
        }
        Ok(())
    }

    /// The codes the catalog has retired, in the order declared.
    #[must_use]
    pub const fn retired(&self) -> &'static [RetiredCode] {
        self.0.retired
    }

    /// The codes the catalog keeps free for later use.
    #[must_use]
    pub const fn reserved(&self) -> &'static [CodeText] {
        self.0.reserved
    }

    /// Whether the catalog retired the code written `code`.
    #[must_use]
    pub const fn is_retired_code(&self, code: &str) -> bool {
        let mut i = 0;
        while i < self.0.retired.len() {
            if bytes_eq(self.0.retired[i].code.as_str().as_bytes(), code.as_bytes()) {
                return true;
            }
            i += 1;
        }
        false
    }

    /// Whether the catalog reserved the code written `code`.
    #[must_use]
    pub const fn is_reserved_code(&self, code: &str) -> bool {
        let mut i = 0;
        while i < self.0.reserved.len() {
            if bytes_eq(self.0.reserved[i].as_str().as_bytes(), code.as_bytes()) {
                return true;
            }
            i += 1;
        }
        false
    }

    /// Whether `code` of `module` is retired: published once, never to be
    /// used again.
    #[must_use]
    pub const fn is_retired(&self, module: u16, code: i64) -> bool {
        match self.find_module(module) {
            Some(m) => contains(m.retired, code),
            None => false,
        }
    }

    /// Whether `code` of `module` is reserved: kept free for a later use.
    #[must_use]
    pub const fn is_reserved(&self, module: u16, code: i64) -> bool {
        match self.find_module(module) {
            Some(m) => contains(m.reserved, code),
            None => false,
        }
    }

    /// Whether a flat code falls in a range some module reserves
    /// (`reserved(range(-32099, -32050))`).
    #[must_use]
    pub const fn is_in_reserved_range(&self, code: i64) -> bool {
        let modules = self.0.modules;
        let mut i = 0;
        while i < modules.len() {
            let mut k = 0;
            while k < modules[i].reserved_ranges.len() {
                let (low, high) = modules[i].reserved_ranges[k];
                if low <= code && code <= high {
                    return true;
                }
                k += 1;
            }
            i += 1;
        }
        false
    }

    /// The module declared with this text id (`#[module("0A", ...)]`).
    #[must_use]
    pub const fn module_by_id(&self, id: &str) -> Option<&'static ModuleInfo> {
        let modules = self.0.modules;
        let mut i = 0;
        while i < modules.len() {
            if !modules[i].id.is_empty() && bytes_eq(modules[i].id.as_bytes(), id.as_bytes()) {
                return Some(&modules[i]);
            }
            i += 1;
        }
        None
    }

    /// The module whose range holds the flat code `code`, if any.
    #[must_use]
    pub const fn module_of_number(&self, code: i64) -> Option<&'static ModuleInfo> {
        let modules = self.0.modules;
        let mut i = 0;
        while i < modules.len() {
            if let Some((low, high)) = modules[i].range
                && low <= code
                && code <= high
            {
                return Some(&modules[i]);
            }
            i += 1;
        }
        None
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn is_stand_in(&self) -> bool {
        self.0.stand_in
    }

    /// Binary search: the derive sorts the modules by number.
    pub(crate) const fn find_module(&self, number: u16) -> Option<&'static ModuleInfo> {
        let modules = self.0.modules;
        let (mut low, mut high) = (0, modules.len());
        while low < high {
            let middle = low + (high - low) / 2;
            let found = modules[middle].number;
            if found == number {
                return Some(&modules[middle]);
            } else if found < number {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        None
    }
}

const fn contains(codes: &[i64], code: i64) -> bool {
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
/// In a catalog of numbered codes the module is part of the code; in a
/// catalog of text codes it is a group, known by a number or by a text id
/// (`0A` for SQLSTATE's class `0A`), which is part of each code when the
/// format has a `{module}`; in a catalog of flat codes it is a range of
/// numbers (`-32099` to `-32000`, JSON-RPC's server errors).
#[derive(Debug)]
pub struct ModuleInfo {
    number: u16,
    name: &'static str,
    retired: &'static [i64],
    reserved: &'static [i64],
    id: &'static str,
    range: Option<(i64, i64)>,
    reserved_ranges: &'static [(i64, i64)],
}

impl ModuleInfo {
    /// Where the documents list codes that have no module: the codes of a
    /// flat catalog (`E0308`), and text codes an error does not group with
    /// `module = N`. [`registry::modules_of`](crate::registry::modules_of)
    /// puts them last, under this module; renderers give them no module
    /// heading.
    pub const UNGROUPED: Self = Self::__new(u16::MAX, "", &[], &[]);

    /// The first number the derive gives a module known by a text id or a
    /// range, in the order of their ids and ranges: numbered modules come
    /// first.
    pub const FIRST_UNNUMBERED: u16 = 10_000;

    /// Whether this is [`ModuleInfo::UNGROUPED`].
    #[must_use]
    pub const fn is_ungrouped(&self) -> bool {
        self.number == u16::MAX && self.name.is_empty()
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __new(number: u16, name: &'static str, retired: &'static [i64], reserved: &'static [i64]) -> Self {
        Self { number, name, retired, reserved, id: "", range: None, reserved_ranges: &[] }
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __with_id(self, id: &'static str) -> Self {
        Self { id, ..self }
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __with_range(self, low: i64, high: i64, reserved_ranges: &'static [(i64, i64)]) -> Self {
        Self { range: Some((low, high)), reserved_ranges, ..self }
    }

    /// The module number (`1` in `ERR-01-004`); for a module known by a
    /// text id or a range, its place among those, from
    /// [`ModuleInfo::FIRST_UNNUMBERED`].
    #[must_use]
    pub const fn number(&self) -> u16 {
        self.number
    }

    /// The module's text id (`0A`); empty for a module known by its number
    /// or its range.
    #[must_use]
    pub const fn id(&self) -> &'static str {
        self.id
    }

    /// The first and last code of a module of flat codes (`(-32099, -32000)`).
    #[must_use]
    pub const fn range(&self) -> Option<(i64, i64)> {
        self.range
    }

    /// The ranges of this module kept free for later use.
    #[must_use]
    pub const fn reserved_ranges(&self) -> &'static [(i64, i64)] {
        self.reserved_ranges
    }

    /// Whether the module is known by its number: neither a text id nor a range.
    #[must_use]
    pub const fn is_numbered(&self) -> bool {
        self.id.is_empty() && self.range.is_none()
    }

    /// How the documents name the module: its number padded to `width`
    /// digits (`01`), its id (`0A`), or its range (`-32099 to -32000`).
    ///
    /// # Errors
    /// Only those of the writer.
    pub fn write_label(&self, width: usize, out: &mut dyn core::fmt::Write) -> core::fmt::Result {
        match self.range {
            _ if !self.id.is_empty() => out.write_str(self.id),
            Some((low, high)) => write!(out, "{low} to {high}"),
            None => write!(out, "{:0width$}", self.number),
        }
    }

    /// The module's name.
    #[must_use]
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// Codes of this module that were published and are retired.
    #[must_use]
    pub const fn retired(&self) -> &'static [i64] {
        self.retired
    }

    /// Codes of this module kept free for later use.
    #[must_use]
    pub const fn reserved(&self) -> &'static [i64] {
        self.reserved
    }
}

//! The JSON document read back (feature `serde_json`): a catalog that every
//! renderer takes, without the crate that declared it.

use std::boxed::Box;
use std::collections::BTreeSet;
use std::fmt;
use std::string::{String, ToString};
use std::vec::Vec;

use serde::Deserialize;

use super::document::{Document, SCHEMA};
use crate::model::catalog::{CatalogInfo, CatalogParts, ModuleInfo, PageInfo, RetiredCode};
use crate::model::entry::{Entry, EntryParts, Link, MessageTemplate, Piece, Severity};
use crate::model::format::{Case, CodeFormat, CodeText, MAX_CODE_LEN, Segment, Shape};
use crate::model::grpc_code::GrpcCode;

/// The largest document [`Loaded::from_json`] reads: 16 MiB, some hundred
/// times the document of a catalog of a thousand codes.
pub const MAX_DOCUMENT_LEN: usize = 16 << 20;

/// A catalog read back from its JSON document ([`Document`], schema
/// `error-catalog/v1`): what every renderer of this module takes, so that
/// a tool writes the pages, the site and the clients of a catalog from the
/// file a test wrote, without building the crate that declared it.
///
/// The renderers take `'static` facts, as the derive writes them: the
/// texts of a document read are kept for the rest of the program (leaked),
/// at most about four times [`MAX_DOCUMENT_LEN`]. Read a document once per
/// program, as a command-line tool does.
///
/// ```
/// use error_catalog::{CatalogError, ErrorCatalog, registry, render};
///
/// #[derive(ErrorCatalog)]
/// #[catalog(format = "E{code:04}", http = false)]
/// pub enum Rustc {}
///
/// /// Mismatched types.
/// #[derive(Debug, CatalogError)]
/// #[catalog(catalog = Rustc, code = 308, message = "mismatched types")]
/// pub struct MismatchedTypes;
///
/// let modules = registry::modules_of::<Rustc>();
/// let json = serde_json::to_string(&render::Document::new(Rustc::INFO, &modules))?;
/// let loaded = render::Loaded::from_json(&json)?;
/// assert_eq!(render::markdown(loaded.info(), &loaded.modules()), render::markdown(Rustc::INFO, &modules));
/// assert_eq!(serde_json::to_string(&loaded.document())?, json);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Loaded {
    info: &'static CatalogInfo,
    modules: Vec<(&'static ModuleInfo, &'static [&'static Entry])>,
}

/// Why a document could not be read: each says where.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoadError {
    /// The document is longer than [`MAX_DOCUMENT_LEN`].
    TooLarge {
        /// Its length, in bytes.
        len: usize,
    },
    /// Not JSON, or not the shape of the document: `serde_json`'s message.
    Json {
        /// The line, from 1.
        line: usize,
        /// The column, from 1.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The document of another schema than `error-catalog/v1`.
    Schema {
        /// The schema it names.
        found: String,
    },
    /// A value that the catalog cannot have: a format that is not one, a
    /// code that is not of the format, a module that is not declared.
    Invalid {
        /// The line of the value, from 1 (the first line that has it).
        line: usize,
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge { len } => {
                write!(f, "the document has {len} bytes, more than the {MAX_DOCUMENT_LEN} a catalog document may have")
            }
            Self::Json { line, column, message } => write!(f, "line {line}, column {column}: {message}"),
            Self::Schema { found } => {
                write!(f, "line 1: the document's schema is {found:?}, not {SCHEMA:?}: write it with this version")
            }
            Self::Invalid { line, message } => write!(f, "line {line}: {message}"),
        }
    }
}

impl std::error::Error for LoadError {}

#[derive(Deserialize)]
struct RawDocument {
    schema: String,
    catalog: RawCatalog,
    #[serde(default)]
    modules: Vec<RawModule>,
    #[serde(default)]
    entries: Vec<RawEntry>,
    #[serde(default)]
    retired: Vec<RawRetired>,
}

#[derive(Deserialize)]
struct RawCatalog {
    name: String,
    format: String,
    default_status: Option<u16>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    api: String,
    #[serde(default = "yes")]
    http: bool,
    #[serde(default = "one")]
    start: i64,
    #[serde(default)]
    domain: String,
    link_template: Option<String>,
}

const fn yes() -> bool {
    true
}

const fn one() -> i64 {
    1
}

#[derive(Deserialize)]
struct RawModule {
    number: u16,
    #[serde(default)]
    name: String,
    #[serde(default)]
    retired: Vec<i64>,
    #[serde(default)]
    reserved: Vec<i64>,
    #[serde(default)]
    id: String,
    range: Option<(i64, i64)>,
    #[serde(default)]
    reserved_ranges: Vec<(i64, i64)>,
}

#[derive(Deserialize)]
struct RawEntry {
    code: String,
    module: Option<u16>,
    #[serde(default)]
    number: i64,
    class: String,
    status: Option<u16>,
    message: String,
    #[serde(default)]
    details: Vec<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    explanation: String,
    #[serde(default)]
    suggestions: Vec<String>,
    #[serde(default)]
    links: Vec<RawLink>,
    #[serde(default)]
    aliases: Vec<String>,
    severity: Option<Severity>,
    retryable: Option<bool>,
    grpc: Option<String>,
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize)]
struct RawLink {
    url: String,
    #[serde(default)]
    label: String,
}

#[derive(Deserialize)]
struct RawRetired {
    code: String,
    successor: Option<String>,
    #[serde(default)]
    note: String,
}

impl Loaded {
    /// Reads a JSON document, as [`Document`] writes it.
    ///
    /// # Errors
    /// [`LoadError`]: a document too large, not JSON or not a catalog's,
    /// with the line where it goes wrong.
    pub fn from_json(text: &str) -> Result<Self, LoadError> {
        if text.len() > MAX_DOCUMENT_LEN {
            return Err(LoadError::TooLarge { len: text.len() });
        }
        let raw: RawDocument = serde_json::from_str(text).map_err(|error| LoadError::Json {
            line: error.line(),
            column: error.column(),
            message: error.to_string().split(" at line ").next().unwrap_or_default().to_string(),
        })?;
        if raw.schema != SCHEMA {
            return Err(LoadError::Schema { found: raw.schema });
        }
        build(text, raw)
    }

    /// What the catalog declares.
    #[must_use]
    pub fn info(&self) -> &'static CatalogInfo {
        self.info
    }

    /// The modules and their codes, as [`registry::modules_of`](crate::registry::modules_of)
    /// gives them: what every renderer takes.
    #[must_use]
    pub fn modules(&self) -> Vec<(&'static ModuleInfo, &'static [&'static Entry])> {
        self.modules.clone()
    }

    /// Every code, in the document's order.
    pub fn entries(&self) -> impl Iterator<Item = &'static Entry> + '_ {
        self.modules.iter().flat_map(|(_, entries)| entries.iter().copied())
    }

    /// The catalog as a document again.
    #[must_use]
    pub fn document(&self) -> Document<'_> {
        Document::new(self.info, &self.modules)
    }
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

fn leak_all(texts: Vec<String>) -> &'static [&'static str] {
    Box::leak(texts.into_iter().map(leak).collect::<Vec<_>>().into_boxed_slice())
}

fn slice<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

/// The first line of `text` that has `needle`, from 1; 1 when none has.
fn line_of(text: &str, needle: &str) -> usize {
    text.find(needle).map_or(1, |at| text[..at].matches('\n').count() + 1)
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn build(text: &str, raw: RawDocument) -> Result<Loaded, LoadError> {
    let info = read_catalog(text, raw.catalog, raw.modules, raw.retired)?;
    let mut entries = Vec::with_capacity(raw.entries.len());
    let mut codes = BTreeSet::new();
    for entry in raw.entries {
        entries.push(read_entry(text, info, &mut codes, entry)?);
    }
    Ok(Loaded { info, modules: grouped(info, &entries) })
}

/// The error of a value whose text is `needle`, at the line that holds it.
fn invalid(text: &str, needle: &str, message: String) -> LoadError {
    LoadError::Invalid { line: line_of(text, needle), message }
}

/// `code` read in the catalog's `format`.
fn read_code(text: &str, format: &CodeFormat, code: &str) -> Result<CodeText, LoadError> {
    CodeText::parse(format, code).map_err(|error| invalid(text, &quoted(code), alloc::format!("{code:?}: {error}")))
}

/// The catalog: its format, modules and retired codes, for the program's life.
fn read_catalog(
    text: &str,
    catalog: RawCatalog,
    modules: Vec<RawModule>,
    retired_codes: Vec<RawRetired>,
) -> Result<&'static CatalogInfo, LoadError> {
    let format = read_format(&catalog.format, catalog.start).map_err(|message| {
        invalid(text, &quoted(&catalog.format), alloc::format!("the catalog's format: {message}"))
    })?;
    let modules = read_modules(text, modules)?;
    let mut retired = Vec::with_capacity(retired_codes.len());
    for old in retired_codes {
        let successor = old.successor.as_deref().map(|code| read_code(text, &format, code)).transpose()?;
        retired.push(RetiredCode { code: read_code(text, &format, &old.code)?, successor, note: leak(old.note) });
    }
    let http = catalog.http;
    Ok(Box::leak(Box::new(CatalogInfo::__new(CatalogParts {
        name: leak(catalog.name),
        format,
        default_status: if http { Some(catalog.default_status.unwrap_or(400)) } else { None },
        modules: slice(modules),
        page: PageInfo { title: leak(catalog.title), description: leak(catalog.description), api: leak(catalog.api) },
        domain: leak(catalog.domain),
        link_template: catalog.link_template.map(leak),
        retired: slice(retired),
        reserved: &[],
        stand_in: false,
    }))))
}

/// One entry of `info`, its code not yet in `codes`.
fn read_entry(
    text: &str,
    info: &'static CatalogInfo,
    codes: &mut BTreeSet<String>,
    entry: RawEntry,
) -> Result<&'static Entry, LoadError> {
    let code_text = read_code(text, info.format(), &entry.code)?;
    let needle = quoted(&entry.code);
    if !codes.insert(entry.code.clone()) {
        return Err(invalid(text, &needle, alloc::format!("{:?} is in the document twice", entry.code)));
    }
    if let Some(module) = entry.module
        && info.module(module).is_none()
    {
        return Err(invalid(
            text,
            &needle,
            alloc::format!("{:?} is in module {module}, which is not declared", entry.code),
        ));
    }
    let pieces = read_message(&entry.message)
        .map_err(|message| invalid(text, &needle, alloc::format!("the message of {:?}: {message}", entry.code)))?;
    let grpc = match entry.grpc {
        Some(name) => Some(GrpcCode::from_name(&name).ok_or_else(|| {
            invalid(text, &needle, alloc::format!("the gRPC code of {:?}, {name:?}, is not a gRPC code", entry.code))
        })?),
        None => None,
    };
    let links = entry.links.into_iter().map(|link| Link { __url: leak(link.url), __label: leak(link.label) });
    let parts = EntryParts {
        catalog: info,
        module: entry.module,
        number: entry.number,
        code: code_text,
        class_name: leak(entry.class),
        aliases: leak_all(entry.aliases),
        // `null` in an HTTP catalog: a code that says `status = none`.
        status: entry.status,
        message: MessageTemplate { __template: leak(entry.message), __pieces: slice(pieces) },
        description: leak(entry.description),
        explanation: leak(entry.explanation),
        details: leak_all(entry.details),
        suggestions: leak_all(entry.suggestions),
        links: slice(links.collect()),
        severity: entry.severity,
        retryable: entry.retryable,
        // The document does not carry a fixed delay (a wire fact).
        retry_after: None,
        grpc,
        reason: leak(entry.reason),
        type_path: "",
    };
    Ok(Box::leak(Box::new(Entry(parts))))
}

/// Each declared module with its codes, in the document's order, then the
/// codes without a module: as the registry groups them.
fn grouped(
    info: &'static CatalogInfo,
    entries: &[&'static Entry],
) -> Vec<(&'static ModuleInfo, &'static [&'static Entry])> {
    let mut modules: Vec<(&'static ModuleInfo, &'static [&'static Entry])> = info
        .modules()
        .iter()
        .map(|module| {
            let own =
                entries.iter().copied().filter(|entry| entry.module().is_some_and(|m| m.number() == module.number()));
            (module, slice(own.collect()))
        })
        .collect();
    let ungrouped: Vec<&'static Entry> = entries.iter().copied().filter(|entry| entry.module().is_none()).collect();
    if !ungrouped.is_empty() {
        modules.push((&ModuleInfo::UNGROUPED, slice(ungrouped)));
    }
    modules
}

/// The declared modules, each number once.
fn read_modules(text: &str, raw: Vec<RawModule>) -> Result<Vec<ModuleInfo>, LoadError> {
    let invalid = |needle: &str, message: String| LoadError::Invalid { line: line_of(text, needle), message };
    let mut numbers = BTreeSet::new();
    let mut modules = Vec::with_capacity(raw.len());
    for module in raw {
        if !numbers.insert(module.number) || module.number == u16::MAX {
            return Err(invalid(
                &alloc::format!("\"number\": {}", module.number),
                alloc::format!("module {} is declared twice", module.number),
            ));
        }
        let mut info =
            ModuleInfo::__new(module.number, leak(module.name), slice(module.retired), slice(module.reserved));
        if !module.id.is_empty() {
            info = info.__with_id(leak(module.id));
        }
        if let Some((low, high)) = module.range {
            info = info.__with_range(low, high, slice(module.reserved_ranges));
        }
        modules.push(info);
    }
    Ok(modules)
}

/// Literal text and placeholders, `{{` and `}}` read as braces.
fn split_braces(template: &str) -> Result<Vec<(bool, String)>, String> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '{' => {
                let mut inner = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some('{') | None => return Err("an unclosed `{`".into()),
                        Some(c) => inner.push(c),
                    }
                }
                if !text.is_empty() {
                    pieces.push((false, core::mem::take(&mut text)));
                }
                pieces.push((true, inner));
            }
            '}' => return Err("an unmatched `}`".into()),
            c => text.push(c),
        }
    }
    if !text.is_empty() {
        pieces.push((false, text));
    }
    Ok(pieces)
}

fn read_message(template: &str) -> Result<Vec<Piece>, String> {
    Ok(split_braces(template)?
        .into_iter()
        .map(|(field, text)| {
            if field {
                let name = text.split(':').next().unwrap_or_default().trim().to_string();
                Piece::Field(leak(name))
            } else {
                Piece::Text(leak(text))
            }
        })
        .collect())
}

const CASES: [(&str, Case); 5] = [
    ("snake_case", Case::Snake),
    ("SCREAMING_SNAKE_CASE", Case::ScreamingSnake),
    ("PascalCase", Case::Pascal),
    ("camelCase", Case::Camel),
    ("kebab-case", Case::Kebab),
];

/// A format as the derive reads one, with its rules: every placeholder
/// once, a part of no fixed width followed by what cannot continue it, no
/// code longer than [`MAX_CODE_LEN`].
fn read_format(template: &str, start: i64) -> Result<CodeFormat, String> {
    let mut segments = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut longest = 0usize;
    for (placeholder, text) in split_braces(template)? {
        if !placeholder {
            longest += text.len();
            segments.push(Segment::Literal(leak(text)));
            continue;
        }
        let (name, spec) = match text.split_once(':') {
            Some((name, spec)) => (name.trim(), Some(spec.trim())),
            None => (text.trim(), None),
        };
        let is_ident = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !is_ident || names.iter().any(|seen| seen == name) {
            return Err(alloc::format!("`{{{text}}}` is not a placeholder, or names a part twice"));
        }
        names.push(name.to_string());
        let bad = || alloc::format!("`{{{text}}}` is not a part a format has");
        let width = |digits: &str, most: u8| digits.parse::<u8>().ok().filter(|width| (1..=most).contains(width));
        let name = leak(name.to_string());
        let segment = match spec {
            None => {
                longest += 20;
                Segment::Number { name, width: 0 }
            }
            Some(spec) if spec.starts_with('0') => {
                let width = width(&spec[1..], 19).ok_or_else(bad)?;
                longest += usize::from(width);
                Segment::Number { name, width }
            }
            Some(spec) if spec.starts_with(['X', 'x']) => {
                let width = width(&spec[1..], 15).ok_or_else(bad)?;
                longest += usize::from(width);
                Segment::Hex { name, width, lower: spec.starts_with('x') }
            }
            Some(spec) if spec.starts_with('A') => {
                let width = width(&spec[1..], 16).ok_or_else(bad)?;
                longest += usize::from(width);
                Segment::Alphanumeric { name, width }
            }
            Some(spec) => {
                let case = CASES.iter().find(|(word, _)| *word == spec).ok_or_else(bad)?.1;
                Segment::Word { name, case }
            }
        };
        segments.push(segment);
    }
    if names.is_empty() {
        return Err("it has no placeholder".into());
    }
    if longest > MAX_CODE_LEN {
        return Err(alloc::format!("it writes codes longer than {MAX_CODE_LEN} bytes"));
    }
    for pair in segments.windows(2) {
        let next_is_text = matches!(pair[1], Segment::Literal(_));
        let open = matches!(pair[0], Segment::Number { width: 0, .. } | Segment::Word { .. });
        if open && !next_is_text {
            return Err("a part of no fixed width is followed by another part".into());
        }
    }
    let numbers: Vec<&str> = segments
        .iter()
        .filter_map(|segment| match segment {
            Segment::Number { name, .. } | Segment::Hex { name, .. } => Some(*name),
            _ => None,
        })
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let shape = match (names.as_slice(), numbers.as_slice()) {
        (["module", "code"] | ["code", "module"], [_, _]) => Shape::Numbered,
        (["code"], ["code"]) => Shape::Flat,
        _ => Shape::Text,
    };
    Ok(CodeFormat::__new(leak(template.to_string()), shape, slice(segments), start))
}

//! The catalog as data, with a versioned schema.

use alloc::vec::Vec;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::model::catalog::{CatalogInfo, ModuleInfo, RetiredCode};
use crate::model::entry::Entry;
use crate::model::format::Shape;

/// The catalog as data, for JSON (`serde_json::to_string_pretty(&document)`)
/// or any serde format. Schema `error-catalog/v1`:
///
/// ```json
/// {
///   "schema": "error-catalog/v1",
///   "catalog": { "name": "Catalog", "format": "ERR-{module:02}-{code:03}",
///                "default_status": 400, "title": "Error Codes",
///                "description": "Reference for Phala Cloud API error codes",
///                "api": "Phala Cloud API" },
///   "modules": [ { "number": 1, "name": "CVM API / Preflight",
///                  "retired": [], "reserved": [] } ],
///   "entries": [ { "code": "ERR-01-004", "module": 1,
///                  "module_name": "CVM API / Preflight", "number": 4,
///                  "class": "DuplicateCvmNameError", "status": 409,
///                  "message": "A CVM with name '{name}' already exists",
///                  "dynamic": true, "fields": ["name"], "details": ["name"],
///                  "description": "Raised when a CVM name already exists in the workspace (HTTP 409)",
///                  "suggestions": [], "links": [ { "url": "...", "label": "..." } ],
///                  "aliases": [], "severity": null, "retryable": null,
///                  "grpc": null, "reason": "DUPLICATE_CVM_NAME_ERROR", "url": null } ],
///   "retired": [ { "code": "ERR-03-003", "successor": null, "note": "" } ]
/// }
/// ```
///
/// `catalog` also has `shape` (`numbered`, `flat` or `text`), `http` (false
/// for a catalog outside HTTP, whose `default_status` and entries' `status`
/// are then `null`), `start`, `domain` and `link_template`.
///
/// An entry whose doc comment has more than one paragraph also has
/// `explanation`: the paragraphs after the first, as Markdown.
///
/// `message` is the template as declared, `{field}` placeholders included;
/// `fields` lists the fields it reads and `details` the fields that reach the
/// public body. `module` is `null` for a code without a module. `grpc` is
/// the gRPC code an error states with `grpc = "..."`, `url` its page from the
/// catalog's `link_template`. A later schema that changes the meaning of a
/// key gets a new `schema` value; new keys may be added within `v1`.
pub struct Document<'a> {
    info: &'a CatalogInfo,
    modules: &'a [(&'a ModuleInfo, &'a [&'a Entry])],
}

/// The schema identifier of [`Document`].
pub const SCHEMA: &str = "error-catalog/v1";

impl<'a> Document<'a> {
    /// The document of a catalog and its modules' entries.
    #[must_use]
    pub fn new(info: &'a CatalogInfo, modules: &'a [(&'a ModuleInfo, &'a [&'a Entry])]) -> Self {
        Self { info, modules }
    }
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(5))?;
        map.serialize_entry("schema", SCHEMA)?;
        map.serialize_entry("catalog", &CatalogView(self.info))?;
        let modules: Vec<ModuleView<'_>> = self
            .modules
            .iter()
            .filter(|(module, _)| !module.is_ungrouped())
            .map(|(module, _)| ModuleView(module, None))
            .collect();
        map.serialize_entry("modules", &modules)?;
        let entries: Vec<EntryView<'_>> =
            self.modules.iter().flat_map(|(_, entries)| entries.iter()).map(|entry| EntryView(entry)).collect();
        map.serialize_entry("entries", &entries)?;
        let retired: Vec<RetiredView<'_>> = self.info.retired().iter().map(RetiredView).collect();
        map.serialize_entry("retired", &retired)?;
        map.end()
    }
}

pub(super) struct CatalogView<'a>(pub &'a CatalogInfo);

impl Serialize for CatalogView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let info = self.0;
        let mut map = serializer.serialize_map(Some(11))?;
        map.serialize_entry("name", info.name())?;
        map.serialize_entry("format", info.format().template())?;
        map.serialize_entry("default_status", &info.is_http().then(|| info.default_status()))?;
        map.serialize_entry("title", info.page().title)?;
        map.serialize_entry("description", info.page().description)?;
        map.serialize_entry("api", info.page().api)?;
        let shape = match info.format().shape() {
            Shape::Numbered => "numbered",
            Shape::Flat => "flat",
            Shape::Text => "text",
        };
        map.serialize_entry("shape", shape)?;
        map.serialize_entry("http", &info.is_http())?;
        map.serialize_entry("start", &info.format().start())?;
        map.serialize_entry("domain", info.domain())?;
        map.serialize_entry("link_template", &info.link_template())?;
        map.end()
    }
}

/// A module; with its entries (a key of the template context, not of the
/// document) when the second field has them.
pub(super) struct ModuleView<'a>(pub &'a ModuleInfo, pub Option<&'a [&'a Entry]>);

impl Serialize for ModuleView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("number", &self.0.number())?;
        map.serialize_entry("name", self.0.name())?;
        map.serialize_entry("retired", self.0.retired())?;
        map.serialize_entry("reserved", self.0.reserved())?;
        // Only the modules that have them: the documents of other catalogs
        // stay as they were.
        if !self.0.id().is_empty() {
            map.serialize_entry("id", self.0.id())?;
        }
        if let Some(range) = self.0.range() {
            map.serialize_entry("range", &range)?;
            map.serialize_entry("reserved_ranges", self.0.reserved_ranges())?;
        }
        if let Some(entries) = self.1 {
            let entries: Vec<EntryView<'_>> = entries.iter().map(|entry| EntryView(entry)).collect();
            map.serialize_entry("entries", &entries)?;
        }
        map.end()
    }
}

pub(super) struct EntryView<'a>(pub &'a Entry);

impl Serialize for EntryView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let entry = self.0;
        let mut map = serializer.serialize_map(Some(20))?;
        map.serialize_entry("code", entry.code())?;
        map.serialize_entry("module", &entry.module().map(ModuleInfo::number))?;
        if let Some(id) = entry.module().map(ModuleInfo::id).filter(|id| !id.is_empty()) {
            map.serialize_entry("module_id", id)?;
        }
        map.serialize_entry("module_name", entry.module_name())?;
        map.serialize_entry("number", &entry.number())?;
        map.serialize_entry("class", entry.class_name())?;
        map.serialize_entry("status", &entry.http_status())?;
        map.serialize_entry("message", entry.message().template())?;
        map.serialize_entry("dynamic", &entry.message().is_dynamic())?;
        map.serialize_entry("fields", &Strings(entry.message().fields()))?;
        map.serialize_entry("details", entry.details())?;
        map.serialize_entry("description", entry.description())?;
        // Only the codes that have one: the documents of others stay as
        // they were.
        if !entry.explanation().is_empty() {
            map.serialize_entry("explanation", entry.explanation())?;
        }
        map.serialize_entry("suggestions", entry.suggestions())?;
        map.serialize_entry("links", entry.links())?;
        map.serialize_entry("aliases", entry.aliases())?;
        map.serialize_entry("severity", &entry.severity().map(crate::Severity::as_str))?;
        map.serialize_entry("retryable", &entry.retryable())?;
        map.serialize_entry("grpc", &entry.grpc().map(crate::GrpcCode::as_str))?;
        map.serialize_entry("reason", entry.reason())?;
        let url = entry.doc_url().map(|url| alloc::string::ToString::to_string(&url));
        map.serialize_entry("url", &url)?;
        map.end()
    }
}

pub(super) struct RetiredView<'a>(pub &'a RetiredCode);

impl Serialize for RetiredView<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("code", self.0.code())?;
        map.serialize_entry("successor", &self.0.successor())?;
        map.serialize_entry("note", self.0.note())?;
        map.end()
    }
}

struct Strings<I>(I);

impl<I: Iterator<Item = &'static str> + Clone> Serialize for Strings<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.clone())
    }
}

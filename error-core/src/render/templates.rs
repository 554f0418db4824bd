//! A catalog page of the user's own layout, through a
//! [minijinja](https://docs.rs/minijinja) template (feature `templates`).

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::Serialize;
use serde::ser::SerializeMap;

use super::document::{CatalogView, EntryView, ModuleView, RetiredView};
use crate::model::catalog::{CatalogInfo, ModuleInfo};
use crate::model::entry::Entry;

/// Renders `source`, a minijinja template, with the catalog as its context.
///
/// The built-in [`markdown`](super::markdown) page keeps the layout of a
/// published catalog; a team whose page says other words, has other
/// columns or is not Markdown at all writes a template instead. Every fact
/// of every entry is in the context, with the keys of the JSON
/// [`Document`](super::Document):
///
/// | name | what it is |
/// |---|---|
/// | `catalog` | `name`, `format`, `shape`, `http`, `default_status`, `start`, `title`, `description`, `api`, `domain`, `link_template` |
/// | `modules` | the declared modules: `number`, `name`, `retired`, `reserved`, and `entries`, the module's codes |
/// | `ungrouped` | the codes without a module |
/// | `entries` | every code: `code`, `module`, `module_name`, `number`, `class`, `status`, `message`, `dynamic`, `fields`, `details`, `description`, `explanation` (where it has one), `suggestions`, `links`, `aliases`, `severity`, `retryable`, `grpc`, `reason`, `url` |
/// | `retired` | the retired codes: `code`, `successor`, `note` |
///
/// The output is what the template writes: nothing is escaped for you
/// (minijinja writes a boolean `True` and a missing value `None`, as Jinja
/// does).
///
/// ```
/// use error_catalog::{CatalogError, ErrorCatalog};
///
/// #[derive(ErrorCatalog)]
/// #[catalog(format = "E{code:04}", http = false,
///           link_template = "https://doc.rust-lang.org/error_codes/{code}.html")]
/// pub enum Rustc {}
///
/// /// Expected type did not match the received type.
/// #[derive(Debug, CatalogError)]
/// #[catalog(catalog = Rustc, code = 308, message = "mismatched types")]
/// pub struct MismatchedTypes;
///
/// let page = error_catalog::render::template(
///     "{% for e in entries %}* [{{ e.code }}]({{ e.url }}): {{ e.message }}\n{% endfor %}",
///     <Rustc as ErrorCatalog>::INFO,
///     &error_catalog::registry::modules_of::<Rustc>(),
/// )?;
/// assert_eq!(page, "* [E0308](https://doc.rust-lang.org/error_codes/E0308.html): mismatched types\n");
/// # Ok::<(), error_catalog::render::TemplateError>(())
/// ```
///
/// # Errors
/// A [`TemplateError`] when the template does not parse or fails to render
/// (an unknown filter, say); it names the line.
pub fn template(
    source: &str,
    info: &CatalogInfo,
    modules: &[(&ModuleInfo, &[&Entry])],
) -> Result<String, TemplateError> {
    let context = minijinja::Value::from_serialize(Context { info, modules });
    let mut environment = minijinja::Environment::new();
    // Text in, text out: a page is not HTML unless the template makes it so.
    environment.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
    environment.render_str(source, context).map_err(TemplateError)
}

/// Why a template could not render the catalog.
#[derive(Debug)]
pub struct TemplateError(minijinja::Error);

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the catalog template failed: {}", self.0)?;
        if let Some(line) = self.0.line() {
            write!(f, " (line {line})")?;
        }
        Ok(())
    }
}

impl core::error::Error for TemplateError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        Some(&self.0)
    }
}

struct Context<'a> {
    info: &'a CatalogInfo,
    modules: &'a [(&'a ModuleInfo, &'a [&'a Entry])],
}

impl Serialize for Context<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(5))?;
        map.serialize_entry("catalog", &CatalogView(self.info))?;
        let modules: Vec<ModuleView<'_>> = self
            .modules
            .iter()
            .filter(|(module, _)| !module.is_ungrouped())
            .map(|(module, entries)| ModuleView(module, Some(entries)))
            .collect();
        map.serialize_entry("modules", &modules)?;
        let ungrouped: Vec<EntryView<'_>> = self
            .modules
            .iter()
            .filter(|(module, _)| module.is_ungrouped())
            .flat_map(|(_, entries)| entries.iter().map(|entry| EntryView(entry)))
            .collect();
        map.serialize_entry("ungrouped", &ungrouped)?;
        let entries: Vec<EntryView<'_>> =
            self.modules.iter().flat_map(|(_, entries)| entries.iter().map(|entry| EntryView(entry))).collect();
        map.serialize_entry("entries", &entries)?;
        let retired: Vec<RetiredView<'_>> = self.info.retired().iter().map(RetiredView).collect();
        map.serialize_entry("retired", &retired)?;
        map.end()
    }
}

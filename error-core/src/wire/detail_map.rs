//! The details of an error as one JSON object, field → value: how the
//! error objects of JSON-RPC (`data.details`) and GraphQL (`extensions`)
//! carry them, where the bodies carry a list.

use serde_json::{Map, Value};
use std::string::{String, ToString};

use crate::model::error::CatalogError;
use crate::wire::bounded::{BoundedValue, DetailLimits};

/// The public details of `error`, each value within
/// [`DetailLimits::DEFAULT`] and `null` past it or when it cannot be
/// serialized; of two details of the same name, the first.
pub(crate) fn detail_map<E: CatalogError + ?Sized>(error: &E) -> Map<String, Value> {
    let mut details = Map::new();
    error.visit_details(&mut |detail| {
        if details.contains_key(detail.field()) {
            return;
        }
        let bounded = BoundedValue { value: detail.value(), limits: DetailLimits::DEFAULT };
        let value = serde_json::to_value(&bounded).unwrap_or(Value::Null);
        details.insert(detail.field().to_string(), value);
    });
    details
}

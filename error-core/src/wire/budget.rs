//! JSON read into a `serde_json::Value` within a budget of memory: each
//! value, string and map entry is charged what it costs on the heap (with
//! the slack of a growing `Vec` and a map's first node) while it is read,
//! and the read fails as soon as the budget is spent, so that no input can
//! make the reader hold more than the budget, whatever its shape.

use core::cell::Cell;
use core::fmt;
use std::string::String;
use std::vec::Vec;

use serde::de::{DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// What a value costs: itself, and its slot's share of a `Vec`'s slack.
const VALUE_COST: usize = 2 * core::mem::size_of::<Value>();
/// What a map's first entry costs: the node of its tree.
const MAP_COST: usize = 640;
/// What a map entry costs besides its key's bytes and its value.
const ENTRY_COST: usize = 64;
/// What a string costs besides its bytes.
const STRING_COST: usize = core::mem::size_of::<String>();

/// Bytes of memory a read may still take.
pub(crate) struct Budget {
    left: Cell<usize>,
    spent: Cell<bool>,
}

impl Budget {
    pub(crate) fn new(bytes: usize) -> Self {
        Self { left: Cell::new(bytes), spent: Cell::new(false) }
    }

    /// Whether a read failed because the budget ran out.
    pub(crate) fn is_spent(&self) -> bool {
        self.spent.get()
    }

    fn charge<E: serde::de::Error>(&self, bytes: usize) -> Result<(), E> {
        if let Some(left) = self.left.get().checked_sub(bytes) {
            self.left.set(left);
            Ok(())
        } else {
            self.spent.set(true);
            Err(E::custom("the JSON costs more memory than its budget"))
        }
    }
}

/// `text` read as one JSON value within `budget` (`serde_json`'s limit of 127
/// levels of nesting still applies).
pub(crate) fn from_slice(text: &[u8], budget: &Budget) -> Result<Value, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(text);
    let value = Budgeted(budget).deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

#[derive(Clone, Copy)]
struct Budgeted<'a>(&'a Budget);

impl<'de> DeserializeSeed<'de> for Budgeted<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Budgeted<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: serde::de::Error>(self, value: bool) -> Result<Value, E> {
        self.0.charge(VALUE_COST)?;
        Ok(Value::Bool(value))
    }

    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Value, E> {
        self.0.charge(VALUE_COST)?;
        Ok(Value::from(value))
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Value, E> {
        self.0.charge(VALUE_COST)?;
        Ok(Value::from(value))
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Value, E> {
        self.0.charge(VALUE_COST)?;
        Ok(serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Value, E> {
        self.0.charge(VALUE_COST + STRING_COST + value.len())?;
        Ok(Value::String(value.into()))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Value, E> {
        self.0.charge(VALUE_COST)?;
        Ok(Value::Null)
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Value, E> {
        self.visit_unit()
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.0.charge(VALUE_COST)?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.0.charge(VALUE_COST)?;
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let first = if object.is_empty() { MAP_COST } else { 0 };
            self.0.charge(first + ENTRY_COST + STRING_COST + key.len())?;
            let value = map.next_value_seed(self)?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::{Budget, from_slice};

    #[test]
    fn a_value_within_its_budget_reads_as_serde_json_reads_it() {
        let text = br#"{"a": [1, -2, 3.5, "x", null, true, {"b": {}}], "c": ""}"#;
        let expected: serde_json::Value = serde_json::from_slice(text).unwrap();
        assert_eq!(from_slice(text, &Budget::new(1 << 20)).unwrap(), expected);
    }

    #[test]
    fn a_value_past_its_budget_fails_and_says_so() {
        let budget = Budget::new(1000);
        assert!(from_slice(b"[[],[],[],[],[],[],[],[],[],[],[],[],[],[],[],[],[]]", &budget).is_err());
        assert!(budget.is_spent());
        let budget = Budget::new(1000);
        assert!(from_slice(b"[1,", &budget).is_err());
        assert!(!budget.is_spent());
    }
}

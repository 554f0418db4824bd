//! A detail's value written within its [`DetailLimits`]: a serializer
//! adapter that counts the nesting and the bytes of JSON of every value on
//! the way to the real serializer, and fails before it recurses past a
//! limit, so that no value can overflow the stack or grow a body without
//! bound.

use core::cell::Cell;
use core::fmt;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use crate::model::entry::DetailValue;

/// How far a detail's value may go in a body: its depth of nesting and its
/// size, counted as the length of its JSON text (string lengths without
/// escapes, number digits, quotes, brackets and separators).
///
/// ```
/// use error_catalog::body::DetailLimits;
///
/// let limits = DetailLimits::new().with_max_depth(8).with_max_bytes(4096);
/// assert_eq!((limits.max_depth(), limits.max_bytes()), (8, 4096));
/// assert_eq!(DetailLimits::new().with_max_depth(1_000).max_depth(), DetailLimits::MAX_DEPTH);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DetailLimits {
    depth: usize,
    bytes: usize,
}

impl DetailLimits {
    /// The default: 32 levels, 64 KiB.
    pub const DEFAULT: Self = Self { depth: 32, bytes: 64 * 1024 };

    /// The deepest nesting [`max_depth`](Self::max_depth) accepts, 124:
    /// with the three levels of a body around the value (the body, `details`,
    /// the detail), 127, the deepest JSON `serde_json` reads, so that a
    /// client of this crate can read every body. The stack this takes fits
    /// in the smallest a server runs on (tokio's workers have 2 MiB).
    pub const MAX_DEPTH: usize = 124;

    /// The default limits.
    #[must_use]
    pub const fn new() -> Self {
        Self::DEFAULT
    }

    /// At most `depth` levels of arrays and objects in a value (a string
    /// has none, `[1]` has one); clamped to [`MAX_DEPTH`](Self::MAX_DEPTH).
    #[must_use]
    pub const fn with_max_depth(mut self, depth: usize) -> Self {
        self.depth = if depth > Self::MAX_DEPTH { Self::MAX_DEPTH } else { depth };
        self
    }

    /// At most `bytes` bytes of JSON per value.
    #[must_use]
    pub const fn with_max_bytes(mut self, bytes: usize) -> Self {
        self.bytes = bytes;
        self
    }

    /// The depth limit.
    #[must_use]
    pub const fn max_depth(&self) -> usize {
        self.depth
    }

    /// The size limit, in bytes.
    #[must_use]
    pub const fn max_bytes(&self) -> usize {
        self.bytes
    }
}

impl Default for DetailLimits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// A detail's value, serialized within `limits`.
pub(crate) struct BoundedValue<'a> {
    pub(crate) value: DetailValue<'a>,
    pub(crate) limits: DetailLimits,
}

impl Serialize for BoundedValue<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let budget = Budget::new(self.limits);
        Bounded { value: &self.value, budget: &budget }.serialize(serializer)
    }
}

/// Why a detail's value was left out of a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Omitted {
    /// Nested deeper than the limit.
    TooDeep,
    /// Larger than the limit.
    TooLarge,
    /// Its `Serialize` failed, or the format cannot write it (a map with
    /// keys JSON cannot have).
    Unserializable,
}

impl fmt::Display for Omitted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::TooDeep => "nested too deep",
            Self::TooLarge => "too large",
            Self::Unserializable => "not serializable",
        })
    }
}

/// Serializes `value` within `limits` with `serializer` and says why it
/// failed, if it did: how `http::respond` finds the detail at fault.
#[cfg(feature = "http")]
pub(crate) fn check_detail<S: Serializer>(
    value: DetailValue<'_>,
    limits: DetailLimits,
    serializer: S,
) -> Result<(), Omitted> {
    let budget = Budget::new(limits);
    match (Bounded { value: &value, budget: &budget }).serialize(serializer) {
        Ok(_) => Ok(()),
        Err(_) => Err(budget.exceeded.get().unwrap_or(Omitted::Unserializable)),
    }
}

/// What is left of a detail's limits while it is written.
struct Budget {
    max_depth: usize,
    depth: Cell<usize>,
    bytes_left: Cell<usize>,
    exceeded: Cell<Option<Omitted>>,
}

impl Budget {
    fn new(limits: DetailLimits) -> Self {
        Self {
            max_depth: limits.depth,
            depth: Cell::new(0),
            bytes_left: Cell::new(limits.bytes),
            exceeded: Cell::new(None),
        }
    }

    fn spend<E: serde::ser::Error>(&self, bytes: usize) -> Result<(), E> {
        match self.bytes_left.get().checked_sub(bytes) {
            Some(left) => {
                self.bytes_left.set(left);
                Ok(())
            }
            None => self.exceed(Omitted::TooLarge),
        }
    }

    /// One level deeper, and the two bytes of its brackets.
    fn enter<E: serde::ser::Error>(&self) -> Result<(), E> {
        if self.depth.get() >= self.max_depth {
            return self.exceed(Omitted::TooDeep);
        }
        self.depth.set(self.depth.get() + 1);
        self.spend(2)
    }

    fn leave(&self) {
        self.depth.set(self.depth.get().saturating_sub(1));
    }

    fn exceed<T, E: serde::ser::Error>(&self, why: Omitted) -> Result<T, E> {
        self.exceeded.set(Some(why));
        Err(E::custom(match why {
            Omitted::TooDeep => "a detail's value is nested deeper than its limit",
            Omitted::TooLarge => "a detail's value is larger than its limit",
            Omitted::Unserializable => "a detail's value could not be serialized",
        }))
    }
}

/// A value written within a budget: what every nested value of a detail
/// goes through, so that each level is counted before it recurses.
struct Bounded<'a, T: ?Sized> {
    value: &'a T,
    budget: &'a Budget,
}

impl<T: Serialize + ?Sized> Serialize for Bounded<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(Limited { inner: serializer, budget: self.budget })
    }
}

/// A serializer that counts depth and bytes on the way to `inner`.
struct Limited<'a, S> {
    inner: S,
    budget: &'a Budget,
}

/// A sequence, tuple, map or struct of a [`Limited`] serializer.
struct Compound<'a, C> {
    inner: C,
    budget: &'a Budget,
}

/// The length of `n` in decimal.
fn digits(mut n: u128) -> usize {
    let mut digits = 1;
    while n >= 10 {
        n /= 10;
        digits += 1;
    }
    digits
}

fn signed_digits(n: i128) -> usize {
    digits(n.unsigned_abs()) + usize::from(n < 0)
}

/// The longest text of a float in JSON (`-2.2250738585072014e-308`).
const FLOAT_LEN: usize = 24;

impl<'a, S: Serializer> Serializer for Limited<'a, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Compound<'a, S::SerializeSeq>;
    type SerializeTuple = Compound<'a, S::SerializeTuple>;
    type SerializeTupleStruct = Compound<'a, S::SerializeTupleStruct>;
    type SerializeTupleVariant = Compound<'a, S::SerializeTupleVariant>;
    type SerializeMap = Compound<'a, S::SerializeMap>;
    type SerializeStruct = Compound<'a, S::SerializeStruct>;
    type SerializeStructVariant = Compound<'a, S::SerializeStructVariant>;

    fn serialize_bool(self, v: bool) -> Result<S::Ok, S::Error> {
        self.budget.spend(5)?;
        self.inner.serialize_bool(v)
    }

    fn serialize_i8(self, v: i8) -> Result<S::Ok, S::Error> {
        self.budget.spend(signed_digits(v.into()))?;
        self.inner.serialize_i8(v)
    }

    fn serialize_i16(self, v: i16) -> Result<S::Ok, S::Error> {
        self.budget.spend(signed_digits(v.into()))?;
        self.inner.serialize_i16(v)
    }

    fn serialize_i32(self, v: i32) -> Result<S::Ok, S::Error> {
        self.budget.spend(signed_digits(v.into()))?;
        self.inner.serialize_i32(v)
    }

    fn serialize_i64(self, v: i64) -> Result<S::Ok, S::Error> {
        self.budget.spend(signed_digits(v.into()))?;
        self.inner.serialize_i64(v)
    }

    fn serialize_i128(self, v: i128) -> Result<S::Ok, S::Error> {
        self.budget.spend(signed_digits(v))?;
        self.inner.serialize_i128(v)
    }

    fn serialize_u8(self, v: u8) -> Result<S::Ok, S::Error> {
        self.budget.spend(digits(v.into()))?;
        self.inner.serialize_u8(v)
    }

    fn serialize_u16(self, v: u16) -> Result<S::Ok, S::Error> {
        self.budget.spend(digits(v.into()))?;
        self.inner.serialize_u16(v)
    }

    fn serialize_u32(self, v: u32) -> Result<S::Ok, S::Error> {
        self.budget.spend(digits(v.into()))?;
        self.inner.serialize_u32(v)
    }

    fn serialize_u64(self, v: u64) -> Result<S::Ok, S::Error> {
        self.budget.spend(digits(v.into()))?;
        self.inner.serialize_u64(v)
    }

    fn serialize_u128(self, v: u128) -> Result<S::Ok, S::Error> {
        self.budget.spend(digits(v))?;
        self.inner.serialize_u128(v)
    }

    fn serialize_f32(self, v: f32) -> Result<S::Ok, S::Error> {
        self.budget.spend(FLOAT_LEN)?;
        self.inner.serialize_f32(v)
    }

    fn serialize_f64(self, v: f64) -> Result<S::Ok, S::Error> {
        self.budget.spend(FLOAT_LEN)?;
        self.inner.serialize_f64(v)
    }

    fn serialize_char(self, v: char) -> Result<S::Ok, S::Error> {
        self.budget.spend(v.len_utf8() + 2)?;
        self.inner.serialize_char(v)
    }

    fn serialize_str(self, v: &str) -> Result<S::Ok, S::Error> {
        self.budget.spend(v.len() + 2)?;
        self.inner.serialize_str(v)
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<S::Ok, S::Error> {
        // JSON writes bytes as an array of numbers.
        self.budget.spend(v.len().saturating_mul(4) + 2)?;
        self.inner.serialize_bytes(v)
    }

    fn serialize_none(self) -> Result<S::Ok, S::Error> {
        self.budget.spend(4)?;
        self.inner.serialize_none()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        self.inner.serialize_some(&Bounded { value, budget: self.budget })
    }

    fn serialize_unit(self) -> Result<S::Ok, S::Error> {
        self.budget.spend(4)?;
        self.inner.serialize_unit()
    }

    fn serialize_unit_struct(self, name: &'static str) -> Result<S::Ok, S::Error> {
        self.budget.spend(4)?;
        self.inner.serialize_unit_struct(name)
    }

    fn serialize_unit_variant(self, name: &'static str, index: u32, variant: &'static str) -> Result<S::Ok, S::Error> {
        self.budget.spend(variant.len() + 2)?;
        self.inner.serialize_unit_variant(name, index, variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, name: &'static str, value: &T) -> Result<S::Ok, S::Error> {
        self.inner.serialize_newtype_struct(name, &Bounded { value, budget: self.budget })
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        // `{"variant": value}`: one level.
        self.budget.enter()?;
        self.budget.spend(variant.len() + 3)?;
        let written =
            self.inner.serialize_newtype_variant(name, index, variant, &Bounded { value, budget: self.budget });
        self.budget.leave();
        written
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        self.budget.enter()?;
        Ok(Compound { inner: self.inner.serialize_seq(len)?, budget: self.budget })
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
        self.budget.enter()?;
        Ok(Compound { inner: self.inner.serialize_tuple(len)?, budget: self.budget })
    }

    fn serialize_tuple_struct(self, name: &'static str, len: usize) -> Result<Self::SerializeTupleStruct, S::Error> {
        self.budget.enter()?;
        Ok(Compound { inner: self.inner.serialize_tuple_struct(name, len)?, budget: self.budget })
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        self.budget.enter()?;
        self.budget.spend(variant.len() + 5)?;
        Ok(Compound { inner: self.inner.serialize_tuple_variant(name, index, variant, len)?, budget: self.budget })
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        self.budget.enter()?;
        Ok(Compound { inner: self.inner.serialize_map(len)?, budget: self.budget })
    }

    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Self::SerializeStruct, S::Error> {
        self.budget.enter()?;
        Ok(Compound { inner: self.inner.serialize_struct(name, len)?, budget: self.budget })
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        self.budget.enter()?;
        self.budget.spend(variant.len() + 5)?;
        Ok(Compound { inner: self.inner.serialize_struct_variant(name, index, variant, len)?, budget: self.budget })
    }

    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        // Measured first, so that the serializer never sees a `Display`
        // cut short (serde_json panics on one that fails by itself).
        let mut counter = Counter { budget: self.budget.bytes_left.get().saturating_sub(2), written: 0 };
        if fmt::write(&mut counter, format_args!("{value}")).is_err() {
            let why = if counter.written > counter.budget { Omitted::TooLarge } else { Omitted::Unserializable };
            return self.budget.exceed(why);
        }
        self.budget.spend(counter.written + 2)?;
        self.inner.collect_str(&Finished(value))
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// Counts what a `Display` writes, and stops it past `budget` bytes.
struct Counter {
    budget: usize,
    written: usize,
}

impl fmt::Write for Counter {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        self.written = self.written.saturating_add(text.len());
        if self.written > self.budget { Err(fmt::Error) } else { Ok(()) }
    }
}

/// A `Display` that already wrote once without failing: written again, a
/// failure of its own (it should have none) ends it instead of reaching the
/// serializer.
struct Finished<'a, T: ?Sized>(&'a T);

impl<T: fmt::Display + ?Sized> fmt::Display for Finished<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = crate::model::error::Watched::new(f);
        let written = fmt::write(&mut out, format_args!("{}", self.0));
        if written.is_err() && out.failed() { Err(fmt::Error) } else { Ok(()) }
    }
}

/// The four sequence-like compounds of serde count and bound each element
/// alike: one byte of separator, then the element within the budget.
macro_rules! bounded_sequence {
    ($($compound:path => $method:ident),* $(,)?) => {$(
        impl<C: $compound> $compound for Compound<'_, C> {
            type Ok = C::Ok;
            type Error = C::Error;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
                self.budget.spend(1)?;
                self.inner.$method(&Bounded { value, budget: self.budget })
            }

            fn end(self) -> Result<C::Ok, C::Error> {
                self.budget.leave();
                self.inner.end()
            }
        }
    )*};
}

bounded_sequence! {
    SerializeSeq => serialize_element,
    serde::ser::SerializeTuple => serialize_element,
    serde::ser::SerializeTupleStruct => serialize_field,
    serde::ser::SerializeTupleVariant => serialize_field,
}

impl<C: SerializeMap> SerializeMap for Compound<'_, C> {
    type Ok = C::Ok;
    type Error = C::Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), C::Error> {
        // The separator, and the quotes and colon of a key that is a number.
        self.budget.spend(4)?;
        self.inner.serialize_key(&Bounded { value: key, budget: self.budget })
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
        self.inner.serialize_value(&Bounded { value, budget: self.budget })
    }

    fn serialize_entry<K: Serialize + ?Sized, V: Serialize + ?Sized>(
        &mut self,
        key: &K,
        value: &V,
    ) -> Result<(), C::Error> {
        self.budget.spend(4)?;
        self.inner
            .serialize_entry(&Bounded { value: key, budget: self.budget }, &Bounded { value, budget: self.budget })
    }

    fn end(self) -> Result<C::Ok, C::Error> {
        self.budget.leave();
        self.inner.end()
    }
}

/// The two struct-like compounds: a field costs its key, quoted, and its
/// separators.
macro_rules! bounded_struct {
    ($($compound:path),* $(,)?) => {$(
        impl<C: $compound> $compound for Compound<'_, C> {
            type Ok = C::Ok;
            type Error = C::Error;

            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), C::Error> {
                self.budget.spend(key.len() + 4)?;
                self.inner.serialize_field(key, &Bounded { value, budget: self.budget })
            }

            fn skip_field(&mut self, key: &'static str) -> Result<(), C::Error> {
                self.inner.skip_field(key)
            }

            fn end(self) -> Result<C::Ok, C::Error> {
                self.budget.leave();
                self.inner.end()
            }
        }
    )*};
}

bounded_struct!(serde::ser::SerializeStruct, serde::ser::SerializeStructVariant);

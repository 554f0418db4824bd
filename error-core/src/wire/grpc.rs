//! The contract of a catalog error carried by a gRPC status, shared by
//! the writer ([`tonic`](crate::tonic)) and the reader
//! ([`RemoteError::from_status`](crate::client::RemoteError::from_status)):
//! the metadata keys of its `ErrorInfo` and the bounds of what it carries.
//! (Feature `client`, which `tonic` turns on: the client reads the keys of
//! a status that may come from another program.)

use alloc::string::String;

/// The key of the `ErrorInfo` metadata that holds the catalog code.
#[cfg(feature = "tonic")]
pub const ERROR_CODE_KEY: &str = "errorCode";

/// The longest public message a status carries, in bytes.
#[cfg(feature = "tonic")]
pub const MAX_MESSAGE_LEN: usize = 1024;

/// The most bytes of JSON that the detail values of one status hold
/// together.
#[cfg(feature = "tonic")]
pub const MAX_DETAILS_LEN: usize = 4096;

/// The longest metadata key of an `ErrorInfo`, by AIP-193.
const MAX_METADATA_KEY_LEN: usize = 64;

/// The `ErrorInfo` metadata key of a detail field: its name in
/// lowerCamelCase (`node_id` is `nodeId`, `kms info` is `kmsInfo`), of the
/// ASCII letters and digits AIP-193 allows, at most 64 characters;
/// `detail` for a name with none.
pub(crate) fn metadata_key(field: &str) -> String {
    let mut key = String::with_capacity(field.len());
    for (index, word) in field.split(|c: char| !c.is_ascii_alphanumeric()).filter(|word| !word.is_empty()).enumerate() {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            key.push(if index == 0 { first.to_ascii_lowercase() } else { first.to_ascii_uppercase() });
            key.extend(chars);
        }
    }
    key.truncate(MAX_METADATA_KEY_LEN);
    if key.is_empty() {
        key.push_str("detail");
    }
    key
}

/// Checks, on the wire and before anything is decoded, that an encoded
/// `google.rpc.Status` has at most `MAX_STATUS_DETAILS` details and each
/// detail at most `MAX_ITEMS` fields (the repeated ones counted item by
/// item): what decoding it allocates is then bounded by its length.
#[cfg(feature = "tonic")]
pub(crate) fn check_status_items(status: &[u8]) -> Result<(), crate::client::ParseBodyError> {
    use crate::client::{MAX_ITEMS, MAX_STATUS_DETAILS, ParseBodyError};

    let mut details = 0;
    for field in Fields(status) {
        let (number, value) = field.ok_or(ParseBodyError::NotStatusDetails)?;
        if number != 3 {
            continue;
        }
        details += 1;
        if details > MAX_STATUS_DETAILS {
            return Err(ParseBodyError::TooMany { key: "details", limit: MAX_STATUS_DETAILS });
        }
        // `google.protobuf.Any`: its `value` (2) is the detail's message.
        for any_field in Fields(value.unwrap_or_default()) {
            let (number, value) = any_field.ok_or(ParseBodyError::NotStatusDetails)?;
            if number == 2 {
                let mut items = 0;
                for item in Fields(value.unwrap_or_default()) {
                    item.ok_or(ParseBodyError::NotStatusDetails)?;
                    items += 1;
                    if items > MAX_ITEMS {
                        return Err(ParseBodyError::TooMany { key: "details", limit: MAX_ITEMS });
                    }
                }
            }
        }
    }
    Ok(())
}

/// The fields of a protobuf message: each its number and, when it is
/// length-delimited, its bytes; `None` where the bytes are not protobuf.
#[cfg(feature = "tonic")]
struct Fields<'a>(&'a [u8]);

#[cfg(feature = "tonic")]
impl<'a> Iterator for Fields<'a> {
    type Item = Option<(u64, Option<&'a [u8]>)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.0.is_empty() {
            return None;
        }
        let field = self.field();
        if field.is_none() {
            self.0 = &[];
        }
        Some(field)
    }
}

#[cfg(feature = "tonic")]
impl<'a> Fields<'a> {
    fn varint(&mut self) -> Option<u64> {
        let mut value = 0_u64;
        for shift in (0..64).step_by(7) {
            let (&byte, rest) = self.0.split_first()?;
            self.0 = rest;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    fn take(&mut self, len: usize) -> Option<&'a [u8]> {
        let bytes = self.0.get(..len)?;
        self.0 = &self.0[len..];
        Some(bytes)
    }

    fn field(&mut self) -> Option<(u64, Option<&'a [u8]>)> {
        let key = self.varint()?;
        let number = key >> 3;
        match key & 7 {
            0 => self.varint().map(|_| (number, None)),
            1 => self.take(8).map(|_| (number, None)),
            2 => {
                let len = usize::try_from(self.varint()?).ok()?;
                self.take(len).map(|bytes| (number, Some(bytes)))
            }
            5 => self.take(4).map(|_| (number, None)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::metadata_key;

    #[test]
    fn metadata_keys_are_lower_camel_case() {
        for (field, key) in [
            ("node_id", "nodeId"),
            ("balance_cents", "balanceCents"),
            ("compose_hash", "composeHash"),
            ("name", "name"),
            ("NodeId", "nodeId"),
            ("item_2", "item2"),
            ("kms info", "kmsInfo"),
            ("é_x", "x"),
            ("", "detail"),
            ("__", "detail"),
        ] {
            assert_eq!(metadata_key(field), key, "{field}");
        }
        assert_eq!(metadata_key(&"a".repeat(100)).len(), 64);
    }
}

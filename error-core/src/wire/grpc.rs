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

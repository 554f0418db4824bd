//! A detail's key in an AIP-193 `ErrorInfo`, written here apart from the
//! library's own rule so that the tests check it: shared by `grpc.rs` and
//! `no_leak.rs`.

/// `node_id` as `nodeId`: enough for the snake_case field names the tests'
/// errors have.
pub fn lower_camel(field: &str) -> String {
    let mut words = field.split('_');
    let mut key = words.next().unwrap_or_default().to_owned();
    for word in words {
        let mut chars = word.chars();
        key.extend(chars.next().map(|c| c.to_ascii_uppercase()));
        key.push_str(chars.as_str());
    }
    key
}

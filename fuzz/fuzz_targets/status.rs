//! Any message and details of a gRPC status given to the client's reader:
//! a typed error or a remote error, never a panic, and its `Display` one
//! line.
#![no_main]

use error_catalog::client::RemoteError;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &[u8])| {
    let (message, details) = input;
    let status = tonic::Status::with_details(tonic::Code::Unknown, message, details.to_vec().into());
    if let Ok(error) = RemoteError::from_status(&status) {
        let shown = error.to_string();
        assert!(!shown.contains(['\n', '\r', '\u{2028}', '\u{2029}']), "{shown:?}");
    }
});

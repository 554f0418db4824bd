//! Any bytes given to the client's body parser: a typed error or a remote
//! error, never a panic; and a parsed error's code is the body's.
#![no_main]

use error_catalog::client::RemoteError;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(error) = RemoteError::parse(400, data) {
        assert!(!error.code().is_empty() || data.windows(12).any(|w| w == b"\"error_code\""));
        let _ = error.to_string();
    }
});

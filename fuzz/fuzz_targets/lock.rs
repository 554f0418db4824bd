//! Any text read as a stability lock: a typed error with its line, or a
//! lock that writes back as a text that reads back as the same lock.
#![no_main]

use error_catalog::stability::Lock;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(lock) = Lock::parse(text) {
        let written = lock.render("Fuzz");
        assert_eq!(Lock::parse(&written).as_ref(), Ok(&lock), "{written}");
    }
});

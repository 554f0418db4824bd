//! What `tracing_subscriber`'s fmt subscriber writes, captured: the log
//! lines an operator reads. Shared by the tests that check log events.
//!
//! One global subscriber writes each thread's lines to a buffer of that
//! thread. A subscriber per test (`with_default`) would race: tracing caches
//! per call site whether anyone listens, and a test thread that logs
//! without a subscriber can make another's events vanish.

use std::cell::RefCell;
use std::sync::Once;

thread_local! {
    static WRITTEN: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Writes to the buffer of the thread that logs.
struct ThisThread;

impl std::io::Write for ThisThread {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        WRITTEN.with_borrow_mut(|written| written.extend_from_slice(bytes));
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs `run` and returns what the fmt subscriber (no colours, no time)
/// wrote on this thread meanwhile.
#[allow(dead_code)] // not by the binaries that add layers
pub fn fmt_lines(run: impl FnOnce()) -> String {
    lines_of(fmt_subscriber, run)
}

/// The fmt subscriber of [`fmt_lines`], to build on (with more layers).
pub fn fmt_subscriber() -> impl tracing::Subscriber + Send + Sync + for<'a> tracing_subscriber::registry::LookupSpan<'a>
{
    tracing_subscriber::fmt().with_writer(|| ThisThread).with_ansi(false).without_time().finish()
}

/// As [`fmt_lines`], with the subscriber `make` gives, installed once for
/// the test binary (the first call's).
pub fn lines_of<S: tracing::Subscriber + Send + Sync + 'static>(
    make: impl FnOnce() -> S,
    run: impl FnOnce(),
) -> String {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        tracing::subscriber::set_global_default(make()).expect("the one global subscriber of this test binary");
    });
    WRITTEN.with_borrow_mut(Vec::clear);
    run();
    String::from_utf8(WRITTEN.with_borrow_mut(std::mem::take)).expect("UTF-8 log")
}

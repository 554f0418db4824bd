//! What `tracing_subscriber`'s fmt subscriber writes, captured: the log
//! lines an operator reads. Shared by the tests that check log events.

use std::sync::{Arc, Mutex};

/// The bytes the subscriber wrote.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("not poisoned").extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Self;

    fn make_writer(&'a self) -> Self {
        self.clone()
    }
}

/// Runs `run` on this thread with a fmt subscriber (no colours, no time)
/// and returns what it wrote.
pub fn fmt_lines(run: impl FnOnce()) -> String {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt().with_writer(captured.clone()).with_ansi(false).without_time().finish();
    tracing::subscriber::with_default(subscriber, run);
    let bytes = captured.0.lock().expect("not poisoned").clone();
    String::from_utf8(bytes).expect("UTF-8 log")
}

//! What reading a hostile body or status costs in memory, counted by a
//! global allocator of this test binary: the peak of the heap above what
//! it held before, against the input's length.
#![allow(unsafe_code)] // a global allocator is an unsafe trait

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use error_catalog::client::RemoteError;

struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call goes to the system allocator with the same arguments;
// the counters are only read.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = CURRENT.fetch_add(layout.size(), Ordering::SeqCst) + layout.size();
        PEAK.fetch_max(now, Ordering::SeqCst);
        // SAFETY: the caller's layout, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Ordering::SeqCst);
        // SAFETY: the caller's pointer and layout, passed on.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let now = CURRENT.fetch_add(new_size - layout.size(), Ordering::SeqCst) + new_size - layout.size();
            // A move may hold both blocks for a moment.
            PEAK.fetch_max(now + layout.size(), Ordering::SeqCst);
        } else {
            CURRENT.fetch_sub(layout.size() - new_size, Ordering::SeqCst);
        }
        // SAFETY: the caller's pointer, layout and size, passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The peak heap `read` takes above what was held before it, with what it
/// returned.
fn peak_of<T>(read: impl FnOnce() -> T) -> (usize, T) {
    let before = CURRENT.load(Ordering::SeqCst);
    PEAK.store(before, Ordering::SeqCst);
    let result = read();
    (PEAK.load(Ordering::SeqCst) - before, result)
}

const MIB: usize = 1024 * 1024;

/// The stated bound: a read takes at most this many times its input's
/// length, and 512 KiB, of heap (the documented budget is four times and
/// 256 KiB; the rest is what is copied out of the tree).
fn bound(len: usize) -> usize {
    8 * len + 512 * 1024
}

/// A JSON body of about `len` bytes: `{"error_code": ..., "message": ...,
/// KEY: [[], [], ...]}`, the array of empty arrays under `key`.
fn body_with_empty_arrays(key: &str, len: usize) -> Vec<u8> {
    let mut body = format!(r#"{{"error_code":"E","message":"m","{key}":["#).into_bytes();
    while body.len() < len - 4 {
        body.extend_from_slice(b"[],");
    }
    body.extend_from_slice(b"[]]}");
    body
}

// One test: the counters are the whole binary's, so no other test may run
// beside it.
#[test]
fn every_reader_stays_within_its_memory_bound() {
    let mut report = Vec::new();
    let mut check = |name: &str, len: usize, peak: usize, outcome: String| {
        println!("{name}: input {len} bytes, peak heap {peak} bytes: {outcome}");
        report.push(format!(
            "{name}: input {len} bytes, peak heap {peak} bytes ({:.1}x): {outcome}",
            peak as f64 / len as f64
        ));
    };

    // parse: an array of a million empty arrays, in a member it ignores
    // and in a detail's value.
    for key in ["ignored", "details"] {
        let body = if key == "details" {
            let mut body = body_with_empty_arrays("details", MIB - 64);
            let at = body.windows(11).position(|window| window == br#""details":["#).unwrap() + 11;
            body.splice(at..at, br#"{"field":"f","value":"#.iter().copied());
            body.truncate(body.len() - 1);
            body.extend_from_slice(b"}]}");
            body
        } else {
            body_with_empty_arrays(key, MIB - 64)
        };
        let (peak, result) = peak_of(|| RemoteError::parse(400, &body).map(drop));
        check(&format!("parse, empty arrays in `{key}`"), body.len(), peak, format!("{result:?}"));
        assert!(peak < bound(body.len()), "{report:?}");
    }

    // parse: a message of 1 MiB, which is read.
    let body = format!(r#"{{"error_code":"E","message":"{}"}}"#, "m".repeat(MIB - 40)).into_bytes();
    let (peak, result) = peak_of(|| RemoteError::parse(400, &body).map(drop));
    check("parse, a 1 MiB message", body.len(), peak, format!("{result:?}"));
    assert!(result.is_ok() && peak < bound(body.len()), "{report:?}");

    #[cfg(feature = "tonic")]
    {
        // from_status: 1 MiB of empty `Any` details (field 3, length 0).
        let details: Vec<u8> = [0x1a, 0x00].repeat(MIB / 2 - 32);
        let status = tonic::Status::with_details(tonic::Code::Unknown, "m", details.clone().into());
        let (peak, result) = peak_of(|| RemoteError::from_status(&status).map(drop));
        check("from_status, empty Any details", details.len(), peak, format!("{result:?}"));
        assert!(result.is_err() && peak < bound(details.len()), "{report:?}");

        // from_status: one ErrorInfo with half a million empty metadata entries.
        let type_url = b"type.googleapis.com/google.rpc.ErrorInfo";
        let info: Vec<u8> = [0x1a, 0x00].repeat(MIB / 2 - 64);
        let mut any = vec![0x0a, type_url.len() as u8];
        any.extend_from_slice(type_url);
        any.push(0x12);
        push_varint(&mut any, info.len());
        any.extend_from_slice(&info);
        let mut details = vec![0x1a];
        push_varint(&mut details, any.len());
        details.extend_from_slice(&any);
        let status = tonic::Status::with_details(tonic::Code::Unknown, "m", details.clone().into());
        let (peak, result) = peak_of(|| RemoteError::from_status(&status).map(drop));
        check("from_status, empty ErrorInfo metadata entries", details.len(), peak, format!("{result:?}"));
        assert!(result.is_err() && peak < bound(details.len()), "{report:?}");
    }
    println!("{}", report.join("\n"));
}

#[cfg(feature = "tonic")]
fn push_varint(bytes: &mut Vec<u8>, mut value: usize) {
    while value >= 0x80 {
        bytes.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    bytes.push(value as u8);
}

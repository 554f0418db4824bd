//! What reading a hostile body or status costs in memory, counted by a
//! global allocator of this test binary: the peak of the heap above what
//! it held before, against the input's length.
#![allow(unsafe_code)] // a global allocator is an unsafe trait

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use error_catalog::client::RemoteError;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

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
            // `"details":[{"field":"f","value":[[],[],...]}]`
            let mut body = br#"{"error_code":"E","message":"m","details":[{"field":"f","value":["#.to_vec();
            while body.len() < MIB - 64 {
                body.extend_from_slice(b"[],");
            }
            body.extend_from_slice(b"[]]}]}");
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
    // Any body, within the same bound: random JSON of every shape, as a
    // member the reader ignores, as a detail's value and as the body
    // itself, and random bytes; the bytes as a gRPC status's details too.
    let mut runner = TestRunner::new(Config { cases: 256, failure_persistence: None, ..Config::default() });
    let outcome = runner.run(&(json(), any::<Vec<u8>>()), |(value, bytes)| {
        let value = value.to_string();
        for body in [
            format!(r#"{{"error_code":"E","message":"m","ignored":{value}}}"#).into_bytes(),
            format!(r#"{{"error_code":"E","message":"m","details":[{{"field":"f","value":{value}}}]}}"#).into_bytes(),
            value.clone().into_bytes(),
            bytes.clone(),
        ] {
            let (peak, _) = peak_of(|| RemoteError::parse(400, &body).map(drop));
            prop_assert!(peak < bound(body.len()), "peak {peak} for {} bytes", body.len());
        }
        // The same bytes as a gRPC status's details, and the JSON as its
        // message.
        #[cfg(feature = "tonic")]
        {
            let status = tonic::Status::with_details(tonic::Code::Unknown, value.clone(), bytes.clone().into());
            let len = bytes.len() + value.len();
            let (peak, _) = peak_of(|| RemoteError::from_status(&status).map(drop));
            prop_assert!(peak < bound(len), "peak {peak} for a status of {len} bytes");
        }
        Ok(())
    });
    assert!(outcome.is_ok(), "{outcome:?}");
    println!("{}", report.join("\n"));
}

/// Any JSON value, nested up to 6 levels, with wide arrays and objects:
/// the shapes that cost a tree reader most per byte.
fn json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        ".{0,40}".prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 4096, 64, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..64).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z]{0,8}", inner, 0..64)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

#[cfg(feature = "tonic")]
fn push_varint(bytes: &mut Vec<u8>, mut value: usize) {
    while value >= 0x80 {
        bytes.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    bytes.push(value as u8);
}

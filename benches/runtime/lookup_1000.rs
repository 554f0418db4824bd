//! `lookup/by-code` at 1,000 codes: the registry holds the 1,000 errors of
//! `thousand.rs` (and nothing else), against a `HashMap` of the same codes.
//! The same interface as `instructions.rs`, which `instructions.py` runs
//! beside it: no argument lists the cases, `CASE ITERATIONS` runs one.
//!
//! `cargo bench --bench lookup_1000 -- CASE ITERATIONS`

use std::collections::HashMap;
use std::hint::black_box;

mod thousand;

// The derives name `crate::Catalog`.
use thousand::Catalog;

const CASES: [&str; 2] = ["lookup/by-code-1000/registry", "lookup/by-code-1000/hashmap"];

fn main() {
    let mut args = std::env::args().skip(1).filter(|arg| arg != "--bench");
    let (Some(name), Some(iterations)) = (args.next(), args.next()) else {
        for case in CASES {
            println!("{case}");
        }
        return;
    };
    let iterations: u64 = iterations.parse().expect("ITERATIONS is a number");
    let entries = error_catalog::registry::entries_of::<Catalog>();
    assert_eq!(entries.len(), 1000);
    let map: HashMap<&'static str, &'static error_catalog::Entry> =
        entries.iter().map(|entry| (entry.code(), *entry)).collect();
    // Built on first use: not part of a lookup.
    assert!(error_catalog::registry::lookup("ERR-07-042").is_some());
    let code = "ERR-07-042";
    match name.as_str() {
        "lookup/by-code-1000/registry" => {
            for _ in 0..iterations {
                black_box(error_catalog::registry::lookup(black_box(code)));
            }
        }
        "lookup/by-code-1000/hashmap" => {
            for _ in 0..iterations {
                black_box(map.get(black_box(code)).copied());
            }
        }
        other => panic!("no case {other}"),
    }
}

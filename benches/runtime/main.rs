//! Runtime costs with criterion, each case against its hand-written
//! equivalent (see `cases.rs`): `cargo bench --bench runtime`. See
//! BENCHMARKS.md for the results and `instructions.rs` for counts that do
//! not depend on the machine's load.

mod cases;

// The derives name `crate::Catalog`.
use cases::phala::Catalog;

use criterion::{Criterion, criterion_group, criterion_main};

fn runtime(c: &mut Criterion) {
    let fixtures = cases::Fixtures::new();
    cases::assert_same_bodies(&fixtures);
    for case in cases::CASES {
        c.bench_function(case.name, |b| b.iter(|| (case.run)(&fixtures)));
    }
}

criterion_group!(benches, runtime);
criterion_main!(benches);

//! What `find_in_chain` costs per link of a chain: `cargo bench --bench
//! chain`. The program links the 29 error types of the Phala example and
//! two more, so the search tries every registered type at every link; the
//! chains are `depth` links of an application error, then (or not) a
//! catalog error. Divide a case's time by its links for the cost per link.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

#[allow(dead_code, clippy::enum_variant_names)]
#[path = "../examples/phala.rs"]
pub mod phala;

// The derives name `crate::Catalog`.
use phala::Catalog;

/// A link of the chain that is no catalog error.
#[derive(Debug)]
struct Layer(Option<Box<dyn std::error::Error + Send + Sync>>);

impl std::fmt::Display for Layer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("layer")
    }
}

impl std::error::Error for Layer {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.as_deref().map(|source| source as &(dyn std::error::Error + 'static))
    }
}

/// `depth` layers over a catalog error (`found`) or over nothing.
fn chain(depth: usize, found: bool) -> Box<dyn std::error::Error + Send + Sync> {
    let mut error: Box<dyn std::error::Error + Send + Sync> = if found {
        Box::new(phala::cvm::CvmNotFoundError { identifier: "app_1".into() })
    } else {
        Box::new(Layer(None))
    };
    for _ in 1..depth {
        error = Box::new(Layer(Some(error)));
    }
    error
}

fn search(c: &mut Criterion) {
    let mut group = c.benchmark_group("find_in_chain");
    for links in [1, 4, 16] {
        let found = chain(links, true);
        assert!(error_catalog::find_in_chain(&*found).is_some());
        group.bench_with_input(BenchmarkId::new("found at link", links), &found, |b, error| {
            b.iter(|| error_catalog::find_in_chain(black_box(&**error)).map(|found| found.status()));
        });
        let none = chain(links, false);
        assert!(error_catalog::find_in_chain(&*none).is_none());
        group.bench_with_input(BenchmarkId::new("none in links", links), &none, |b, error| {
            b.iter(|| error_catalog::find_in_chain(black_box(&**error)).map(|found| found.status()));
        });
    }
    group.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);

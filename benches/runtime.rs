//! Runtime costs, each against what a team would write by hand for the same
//! output in the same run: building the HTTP body (static message,
//! templated message with two fields, details) against a serde struct and
//! `format!`; writing and parsing codes; looking an entry up by code.
//!
//! `cargo bench --bench runtime`; see BENCHMARKS.md.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use error_core::{Code, ErrorCatalog};
use serde::Serialize;

#[allow(dead_code)]
#[path = "../examples/phala.rs"]
mod phala;

use phala::Catalog;

#[derive(Debug, error_core::CatalogError)]
#[catalog(module = 4, code = 8, status = 404, message = "The requested CVM was not found")]
struct StaticError;

#[derive(Debug, error_core::CatalogError)]
#[catalog(module = 4, code = 9, status = 403, message = "Team {team} reached its limit of {limit} CVMs")]
struct LimitError {
    team: String,
    limit: u32,
}

/// What a hand-written service sends: the same keys, values and order.
#[derive(Serialize)]
struct HandBody<'a> {
    error_code: &'a str,
    message: std::borrow::Cow<'a, str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    details: Vec<HandDetail<'a>>,
}

#[derive(Serialize)]
struct HandDetail<'a> {
    field: &'a str,
    value: &'a str,
    message: Option<&'a str>,
}

fn bodies(c: &mut Criterion) {
    same_bytes();
    let mut group = c.benchmark_group("body");

    let static_error = StaticError;
    group.bench_function("static/catalog", |b| {
        b.iter(|| serde_json::to_vec(&error_core::body::Body::new(black_box(&static_error))).unwrap());
    });
    group.bench_function("static/hand-written", |b| {
        b.iter(|| {
            let body = HandBody {
                error_code: "ERR-04-008",
                message: "The requested CVM was not found".into(),
                details: Vec::new(),
            };
            serde_json::to_vec(black_box(&body)).unwrap()
        });
    });

    let templated = LimitError { team: "team-7".into(), limit: 20 };
    group.bench_function("template-two-fields/catalog", |b| {
        b.iter(|| serde_json::to_vec(&error_core::body::Body::new(black_box(&templated))).unwrap());
    });
    group.bench_function("template-two-fields/hand-written", |b| {
        b.iter(|| {
            let error = black_box(&templated);
            let body = HandBody {
                error_code: "ERR-04-009",
                message: format!("Team {} reached its limit of {} CVMs", error.team, error.limit).into(),
                details: Vec::new(),
            };
            serde_json::to_vec(&body).unwrap()
        });
    });

    let detailed = phala::preflight::DuplicateCvmNameError { name: "web-1".into() };
    group.bench_function("template-with-detail/catalog", |b| {
        b.iter(|| serde_json::to_vec(&error_core::body::Body::new(black_box(&detailed))).unwrap());
    });
    group.bench_function("template-with-detail/hand-written", |b| {
        b.iter(|| {
            let error = black_box(&detailed);
            let body = HandBody {
                error_code: "ERR-01-004",
                message: format!("A CVM with name '{}' already exists", error.name).into(),
                details: vec![HandDetail { field: "name", value: &error.name, message: None }],
            };
            serde_json::to_vec(&body).unwrap()
        });
    });
    group.finish();
}

/// Both sides of each body benchmark write the same bytes, or the
/// comparison means nothing.
fn same_bytes() {
    let templated = LimitError { team: "team-7".into(), limit: 20 };
    let detailed = phala::preflight::DuplicateCvmNameError { name: "web-1".into() };
    let cases = [
        (
            serde_json::to_vec(&error_core::body::Body::new(&StaticError)).unwrap(),
            br#"{"error_code":"ERR-04-008","message":"The requested CVM was not found"}"#.to_vec(),
        ),
        (
            serde_json::to_vec(&error_core::body::Body::new(&templated)).unwrap(),
            serde_json::to_vec(&HandBody {
                error_code: "ERR-04-009",
                message: format!("Team {} reached its limit of {} CVMs", templated.team, templated.limit).into(),
                details: Vec::new(),
            })
            .unwrap(),
        ),
        (
            serde_json::to_vec(&error_core::body::Body::new(&detailed)).unwrap(),
            serde_json::to_vec(&HandBody {
                error_code: "ERR-01-004",
                message: format!("A CVM with name '{}' already exists", detailed.name).into(),
                details: vec![HandDetail { field: "name", value: &detailed.name, message: None }],
            })
            .unwrap(),
        ),
    ];
    for (ours, hand) in cases {
        assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(hand).unwrap());
    }
}

fn codes(c: &mut Criterion) {
    let mut group = c.benchmark_group("code");
    let code = Code::<Catalog>::new(1, 4).unwrap();
    group.bench_function("format/catalog", |b| b.iter(|| black_box(code).to_string()));
    group.bench_function("format/hand-written", |b| {
        b.iter(|| {
            let (module, number) = black_box((1u16, 4u16));
            format!("ERR-{module:02}-{number:03}")
        });
    });
    group.bench_function("parse/catalog", |b| b.iter(|| black_box("ERR-01-004").parse::<Code<Catalog>>()));
    group.bench_function("parse/hand-written", |b| {
        b.iter(|| {
            let text = black_box("ERR-01-004");
            let rest = text.strip_prefix("ERR-")?;
            let (module, number) = rest.split_once('-')?;
            (module.len() == 2 && number.len() == 3)
                .then(|| Some((module.parse::<u16>().ok()?, number.parse::<u16>().ok()?)))
                .flatten()
        });
    });
    group.finish();
}

fn lookups(c: &mut Criterion) {
    let mut group = c.benchmark_group("lookup");
    // Built once, on first use; not part of what is measured.
    let _ = error_core::registry::entries();
    let map: std::collections::HashMap<&str, &error_core::Entry> =
        error_core::registry::entries_of::<Catalog>().iter().map(|entry| (entry.code(), *entry)).collect();
    group.bench_function("by-code/registry", |b| b.iter(|| error_core::registry::lookup(black_box("ERR-02-011"))));
    group.bench_function("by-code/hashmap", |b| b.iter(|| map.get(black_box("ERR-02-011")).copied()));
    let code = Code::<Catalog>::new(2, 11).unwrap();
    group.bench_function("by-number/registry", |b| b.iter(|| error_core::registry::lookup_code(black_box(code))));
    group.bench_function("unknown/registry", |b| b.iter(|| error_core::registry::lookup(black_box("ERR-09-999"))));
    group.finish();
    let _ = <Catalog as ErrorCatalog>::INFO;
}

criterion_group!(benches, bodies, codes, lookups);
criterion_main!(benches);

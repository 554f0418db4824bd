//! The runtime cases, each ours against what a team would write by hand for
//! the same output: shared by the criterion benchmark (`main.rs`) and the
//! instruction counter (`instructions.rs`), so that both measure the same code.

use std::borrow::Cow;
use std::hint::black_box;

use error_catalog::{Code, Entry};
use serde::Serialize;

// The example's `CapacityError` variants share a prefix on purpose (they are
// the catalog's class names).
#[allow(dead_code, clippy::enum_variant_names)]
#[path = "../../examples/phala.rs"]
pub mod phala;

use phala::Catalog;

#[derive(Debug, error_catalog::CatalogError)]
#[catalog(module = 4, code = 8, status = 404, message = "The requested CVM was not found")]
pub struct StaticError;

#[derive(Debug, error_catalog::CatalogError)]
#[catalog(module = 4, code = 9, status = 403, message = "Team {team} reached its limit of {limit} CVMs")]
pub struct LimitError {
    team: String,
    limit: u32,
}

/// What a hand-written service sends: the same keys, values and order.
#[derive(Serialize)]
struct HandBody<'a> {
    error_code: &'a str,
    message: Cow<'a, str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    details: Vec<HandDetail<'a>>,
}

#[derive(Serialize)]
struct HandDetail<'a> {
    field: &'a str,
    value: &'a str,
    message: Option<&'a str>,
}

/// The values the cases work on, made once.
pub struct Fixtures {
    limit: LimitError,
    duplicate: phala::preflight::DuplicateCvmNameError,
    code: Code<Catalog>,
    map: std::collections::HashMap<&'static str, &'static Entry>,
}

impl Fixtures {
    pub fn new() -> Self {
        // The registry's index is built on first use: not part of a lookup.
        let map = error_catalog::registry::entries_of::<Catalog>().iter().map(|entry| (entry.code(), *entry)).collect();
        Self {
            limit: LimitError { team: "team-7".into(), limit: 20 },
            duplicate: phala::preflight::DuplicateCvmNameError { name: "web-1".into() },
            code: Code::new(2, 11).unwrap(),
            map,
        }
    }
}

/// A case: its name (`group/what/side`) and one run, whose result is kept
/// from the optimizer.
pub struct Case {
    pub name: &'static str,
    pub run: fn(&Fixtures),
}

fn body<T: Serialize>(value: &T) {
    black_box(serde_json::to_vec(black_box(value)).unwrap());
}

pub const CASES: &[Case] = &[
    Case { name: "body/static/catalog", run: |_| body(&error_catalog::body::Body::new(&StaticError)) },
    Case {
        name: "body/static/hand-written",
        run: |_| {
            body(&HandBody {
                error_code: "ERR-04-008",
                message: "The requested CVM was not found".into(),
                details: Vec::new(),
            });
        },
    },
    Case {
        name: "body/template-two-fields/catalog",
        run: |f| body(&error_catalog::body::Body::new(black_box(&f.limit))),
    },
    Case {
        name: "body/template-two-fields/hand-written",
        run: |f| {
            let error = black_box(&f.limit);
            body(&HandBody {
                error_code: "ERR-04-009",
                message: format!("Team {} reached its limit of {} CVMs", error.team, error.limit).into(),
                details: Vec::new(),
            });
        },
    },
    Case {
        name: "body/template-with-detail/catalog",
        run: |f| body(&error_catalog::body::Body::new(black_box(&f.duplicate))),
    },
    Case {
        name: "body/template-with-detail/hand-written",
        run: |f| {
            let error = black_box(&f.duplicate);
            body(&HandBody {
                error_code: "ERR-01-004",
                message: format!("A CVM with name '{}' already exists", error.name).into(),
                details: vec![HandDetail { field: "name", value: &error.name, message: None }],
            });
        },
    },
    Case { name: "code/format/catalog", run: |f| drop(black_box(black_box(f.code).to_string())) },
    Case {
        name: "code/format/hand-written",
        run: |_| {
            let (module, number) = black_box((2u16, 11u16));
            drop(black_box(format!("ERR-{module:02}-{number:03}")));
        },
    },
    Case {
        name: "code/parse/catalog",
        run: |_| {
            let _ = black_box(black_box("ERR-01-004").parse::<Code<Catalog>>());
        },
    },
    Case {
        name: "code/parse/hand-written",
        run: |_| {
            let parse = |text: &str| {
                let rest = text.strip_prefix("ERR-")?;
                let (module, number) = rest.split_once('-')?;
                (module.len() == 2 && number.len() == 3)
                    .then(|| Some((module.parse::<u16>().ok()?, number.parse::<u16>().ok()?)))
                    .flatten()
            };
            black_box(parse(black_box("ERR-01-004")));
        },
    },
    Case {
        name: "lookup/by-code/registry",
        run: |_| {
            black_box(error_catalog::registry::lookup(black_box("ERR-02-011")));
        },
    },
    Case {
        name: "lookup/by-code/hashmap",
        run: |f| {
            black_box(f.map.get(black_box("ERR-02-011")).copied());
        },
    },
    Case {
        name: "lookup/by-number/registry",
        run: |f| {
            black_box(error_catalog::registry::lookup_code(black_box(f.code)));
        },
    },
    Case {
        name: "lookup/unknown/registry",
        run: |_| {
            black_box(error_catalog::registry::lookup(black_box("ERR-09-999")));
        },
    },
];

/// Both sides of each body case write the same bytes, or the comparison
/// means nothing.
pub fn assert_same_bodies(fixtures: &Fixtures) {
    let bytes = |error: &dyn Fn() -> Vec<u8>| String::from_utf8(error()).unwrap();
    let ours = [
        bytes(&|| serde_json::to_vec(&error_catalog::body::Body::new(&StaticError)).unwrap()),
        bytes(&|| serde_json::to_vec(&error_catalog::body::Body::new(&fixtures.limit)).unwrap()),
        bytes(&|| serde_json::to_vec(&error_catalog::body::Body::new(&fixtures.duplicate)).unwrap()),
    ];
    let hand = [
        r#"{"error_code":"ERR-04-008","message":"The requested CVM was not found"}"#.to_owned(),
        r#"{"error_code":"ERR-04-009","message":"Team team-7 reached its limit of 20 CVMs"}"#.to_owned(),
        r#"{"error_code":"ERR-01-004","message":"A CVM with name 'web-1' already exists","details":[{"field":"name","value":"web-1","message":null}]}"#.to_owned(),
    ];
    assert_eq!(ours, hand);
}

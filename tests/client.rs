//! `error_catalog::client::RemoteError::parse` on every kind of input: flat
//! bodies, RFC 9457 problem documents, codes this program does not know,
//! missing and wrong-typed keys (each `ParseBodyError`), and bytes that are
//! no body at all. It never panics; what it cannot read is a typed error.
//!
//! Needs the `client` feature (`cargo test --features client --test client`);
//! without it the file is empty, so that naming it never fails.
#![cfg(feature = "client")]

#[path = "../examples/phala.rs"]
#[allow(dead_code)]
pub mod phala;

use error_catalog::CatalogError;
use error_catalog::client::{ParseBodyError, RemoteError, RemoteLink};
use serde_json::json;

// The derives name `crate::Catalog`.
use phala::Catalog;
use phala::cvm::{CvmAccessDeniedError, CvmNotFoundError};
use phala::inventory::{CapacityError, GpuAllocationError};
use phala::preflight::{ComposeHashError, DuplicateCvmNameError, HashRegistrationRequiredError};

fn parse(status: u16, body: &serde_json::Value) -> Result<RemoteError, ParseBodyError> {
    RemoteError::parse(status, &serde_json::to_vec(body).expect("JSON"))
}

#[test]
fn flat_body_with_every_key() {
    let body = br#"{
        "error_code": "ERR-01-005",
        "message": "Compose hash registration required on-chain",
        "request_id": "rid-1",
        "details": [
            {"field": "compose_hash", "value": "0xab", "message": null},
            {"field": "kms_info", "value": {"chain_id": 8453}, "message": "register it first"},
            {"field": "no_value"}
        ],
        "suggestions": ["Register the compose hash on-chain"],
        "links": [{"url": "https://docs.example.com", "label": "Docs"}, {"url": "https://x.example"}]
    }"#;
    let error = RemoteError::parse(465, body).expect("a flat body");
    assert_eq!(error.status(), 465);
    assert_eq!(error.code(), "ERR-01-005");
    assert_eq!(error.message(), "Compose hash registration required on-chain");
    assert_eq!(error.request_id(), Some("rid-1"));
    assert_eq!(error.details().len(), 3);
    assert_eq!(error.detail("compose_hash"), Some(&json!("0xab")));
    assert_eq!(error.detail("kms_info"), Some(&json!({ "chain_id": 8453 })));
    assert_eq!(error.details()[1].message.as_deref(), Some("register it first"));
    assert_eq!(error.detail("no_value"), Some(&serde_json::Value::Null));
    assert_eq!(error.detail("absent"), None);
    assert_eq!(error.suggestions(), ["Register the compose hash on-chain"]);
    assert_eq!(
        error.links(),
        [
            RemoteLink { url: "https://docs.example.com".into(), label: "Docs".into() },
            RemoteLink { url: "https://x.example".into(), label: String::new() },
        ]
    );
    assert_eq!(error.to_string(), "ERR-01-005 (465): Compose hash registration required on-chain");
    assert!(error.is::<HashRegistrationRequiredError>());
    assert!(std::ptr::eq(error.entry().expect("registered"), HashRegistrationRequiredError::entries()[0]));
}

#[test]
fn serde_reads_every_body_parse_reads_and_writes_what_it_reads_back() {
    let bodies = [
        json!({"error_code": "ERR-01-005", "message": "m", "request_id": "rid-1",
               "details": [{"field": "kms_info", "value": {"chain_id": 8453}, "message": "first"}],
               "suggestions": ["s"], "links": [{"url": "https://docs.example.com", "label": "Docs"}]}),
        json!({"detail": {"error_code": "ERR-02-001", "message": "wrapped"}}),
        json!({"type": "about:blank", "title": "Not Found", "status": 404, "detail": "gone", "error_code": "ERR-02-001"}),
    ];
    for body in bodies {
        let parsed = parse(0, &body).unwrap();
        let read: RemoteError = serde_json::from_value(body.clone()).unwrap();
        // The status comes from the body's `status` member, when it has one.
        let status = body.get("status").and_then(serde_json::Value::as_u64).map_or(0, |s| u16::try_from(s).unwrap());
        assert_eq!(read.status(), status);
        assert_eq!((read.code(), read.message(), read.details()), (parsed.code(), parsed.message(), parsed.details()));
        let written = serde_json::to_value(&read).unwrap();
        assert_eq!(serde_json::from_value::<RemoteError>(written).unwrap(), read);
    }
    // What parse refuses, serde refuses, with parse's reason.
    let refused = serde_json::from_value::<RemoteError>(json!({"message": "no code"})).unwrap_err();
    assert!(refused.to_string().contains("error_code"), "{refused}");
    assert!(serde_json::from_value::<RemoteError>(json!(["not", "an", "object"])).is_err());
    assert!(serde_json::from_value::<RemoteError>(json!({"error_code": "E", "message": "m", "details": [7]})).is_err());
}

#[test]
fn minimal_flat_body_and_nulls() {
    let error = parse(409, &json!({ "error_code": "ERR-01-004", "message": "taken" })).expect("minimal");
    assert_eq!((error.code(), error.message(), error.request_id()), ("ERR-01-004", "taken", None));
    assert!(error.details().is_empty() && error.suggestions().is_empty() && error.links().is_empty());

    // `null` is absent, for the optional keys.
    let error = parse(
        409,
        &json!({
            "error_code": "ERR-01-004", "message": "taken", "request_id": null,
            "details": null, "suggestions": null, "links": null,
        }),
    )
    .expect("nulls");
    assert_eq!(error.request_id(), None);
    assert!(error.details().is_empty());

    // Keys it does not know are ignored.
    let error = parse(409, &json!({ "error_code": "ERR-01-004", "message": "m", "extra": [1, {"a": 2}] }));
    assert_eq!(error.map(|error| error.code().to_owned()), Ok("ERR-01-004".into()));
}

#[test]
fn problem_document() {
    let body = json!({
        "type": "https://docs.phala.network/errors/ERR-03-001",
        "title": "CvmNotFoundError",
        "status": 404,
        "detail": "The requested CVM was not found",
        "instance": "/api/v1/cvms/app_missing",
        "error_code": "ERR-03-001",
        "request_id": "rid-9",
        "details": [{"field": "identifier", "value": "app_missing", "message": null}],
    });
    let error = parse(404, &body).expect("a problem document");
    assert_eq!(error.code(), "ERR-03-001");
    assert_eq!(error.message(), "The requested CVM was not found");
    assert_eq!(error.request_id(), Some("rid-9"));
    assert_eq!(error.detail("identifier"), Some(&json!("app_missing")));
    assert!(error.is::<CvmNotFoundError>());
    // The same message, another code: not the same type.
    assert!(!error.is::<CvmAccessDeniedError>());

    // `message` wins over `detail` when both are there.
    let error = parse(404, &json!({ "error_code": "E", "message": "flat", "detail": "problem" })).expect("both");
    assert_eq!(error.message(), "flat");
    // A `null` message falls back to `detail`.
    let error = parse(404, &json!({ "error_code": "E", "message": null, "detail": "problem" })).expect("null message");
    assert_eq!(error.message(), "problem");
}

#[test]
fn a_body_wrapped_in_detail() {
    // What FastAPI services send for an HTTPException whose detail is the body.
    let body = json!({ "detail": { "error_code": "ERR-01-004", "message": "A CVM with name 'web' already exists",
                                   "details": [{"field": "name", "value": "web", "message": null}] } });
    let error = parse(409, &body).expect("a wrapped body");
    assert_eq!(error.code(), "ERR-01-004");
    assert_eq!(error.detail("name"), Some(&json!("web")));
    assert!(error.is::<DuplicateCvmNameError>());
    // A `detail` object without a code is not a wrapped body.
    assert_eq!(parse(400, &json!({ "detail": { "message": "m" } })), Err(ParseBodyError::Missing("error_code")));
}

#[test]
fn unknown_codes_are_kept() {
    for code in ["ERR-05-001", "ERR-99-999", "E1", "not a code at all", ""] {
        let error = parse(418, &json!({ "error_code": code, "message": "newer server" })).expect("kept");
        assert_eq!(error.code(), code);
        assert!(error.entry().is_none(), "{code}");
        assert!(!error.is::<DuplicateCvmNameError>());
        assert!(!error.is::<ComposeHashError>());
    }
    let error = parse(400, &json!({ "error_code": "ERR-05-001", "message": "m" })).expect("kept");
    // Written in the catalog's format, but not a code of this program.
    assert_eq!(error.typed_code::<Catalog>().map(|code| code.to_string()), Some("ERR-05-001".into()));
    let error = parse(400, &json!({ "error_code": "E-5-1", "message": "m" })).expect("kept");
    assert!(error.typed_code::<Catalog>().is_none());
}

#[test]
fn is_for_a_struct_and_an_enum() {
    let remote = |code: &str| parse(400, &json!({ "error_code": code, "message": "m" })).expect("a body");

    let error = remote("ERR-01-004");
    assert!(error.is::<DuplicateCvmNameError>());
    assert!(!error.is::<HashRegistrationRequiredError>());
    assert!(!error.is::<ComposeHashError>());

    // Every variant of an enum is the enum.
    for code in ["ERR-01-006", "ERR-01-007", "ERR-01-008"] {
        assert!(remote(code).is::<ComposeHashError>(), "{code}");
        assert!(!remote(code).is::<DuplicateCvmNameError>(), "{code}");
    }
    for code in ["ERR-02-003", "ERR-02-004", "ERR-02-005", "ERR-02-007"] {
        assert!(remote(code).is::<CapacityError>(), "{code}");
    }
    // ERR-02-006 sits between CapacityError's codes and is a struct of its own.
    assert!(!remote("ERR-02-006").is::<CapacityError>());
    assert!(remote("ERR-02-006").is::<GpuAllocationError>());
    // Not a prefix match, not case-insensitive.
    assert!(!remote("ERR-01-00").is::<DuplicateCvmNameError>());
    assert!(!remote("err-01-004").is::<DuplicateCvmNameError>());
    assert!(!remote("ERR-01-0040").is::<DuplicateCvmNameError>());

    // Every error of the catalog is found by its own type's code, and its
    // local entry is the one its value points at.
    for local in phala::all() {
        let error = remote(local.code_str());
        assert!(std::ptr::eq(error.entry().expect("registered"), local.entry()), "{}", local.code_str());
        assert_eq!(error.typed_code::<Catalog>(), Some(local.code()));
    }
}

#[test]
fn missing_keys() {
    assert_eq!(parse(400, &json!({})), Err(ParseBodyError::Missing("error_code")));
    assert_eq!(parse(400, &json!({ "message": "m" })), Err(ParseBodyError::Missing("error_code")));
    assert_eq!(parse(400, &json!({ "error_code": null, "message": "m" })), Err(ParseBodyError::Missing("error_code")));
    assert_eq!(parse(400, &json!({ "error_code": "E" })), Err(ParseBodyError::Missing("message")));
    assert_eq!(
        parse(400, &json!({ "error_code": "E", "message": null, "detail": null })),
        Err(ParseBodyError::Missing("message"))
    );
    // Other formats: FastAPI's, a Phala SDK's `code`.
    assert_eq!(parse(422, &json!({ "detail": "Not Found" })), Err(ParseBodyError::Missing("error_code")));
    assert_eq!(
        parse(404, &json!({ "code": "ERR-03-001", "message": "m" })),
        Err(ParseBodyError::Missing("error_code"))
    );
}

#[test]
fn wrong_types() {
    let cases = [
        (json!({ "error_code": 4, "message": "m" }), "error_code"),
        (json!({ "error_code": ["ERR-01-004"], "message": "m" }), "error_code"),
        (json!({ "error_code": "E", "message": 1 }), "message"),
        (json!({ "error_code": "E", "message": { "text": "m" } }), "message"),
        (json!({ "error_code": "E", "detail": [{ "msg": "m" }] }), "detail"),
        (json!({ "error_code": "E", "message": "m", "request_id": 7 }), "request_id"),
        (json!({ "error_code": "E", "message": "m", "details": {} }), "details"),
        (json!({ "error_code": "E", "message": "m", "details": "name" }), "details"),
        (json!({ "error_code": "E", "message": "m", "details": ["name"] }), "details"),
        (json!({ "error_code": "E", "message": "m", "details": [{ "value": 1 }] }), "details"),
        (json!({ "error_code": "E", "message": "m", "details": [{ "field": 1 }] }), "details"),
        (json!({ "error_code": "E", "message": "m", "details": [{ "field": "f", "message": 1 }] }), "details"),
        (json!({ "error_code": "E", "message": "m", "suggestions": "retry" }), "suggestions"),
        (json!({ "error_code": "E", "message": "m", "suggestions": [1] }), "suggestions"),
        (json!({ "error_code": "E", "message": "m", "links": {} }), "links"),
        (json!({ "error_code": "E", "message": "m", "links": ["https://x"] }), "links"),
        (json!({ "error_code": "E", "message": "m", "links": [{ "label": "no url" }] }), "links"),
        (json!({ "error_code": "E", "message": "m", "links": [{ "url": "u", "label": 1 }] }), "links"),
    ];
    for (body, key) in cases {
        assert_eq!(parse(400, &body), Err(ParseBodyError::WrongType(key)), "{body}");
    }
    // The messages name the key.
    assert_eq!(ParseBodyError::WrongType("links").to_string(), "the error body's `links` has the wrong type");
    assert_eq!(ParseBodyError::Missing("message").to_string(), "the error body has no `message`");
}

#[test]
fn not_an_object() {
    for body in ["[]", "null", "true", "42", "\"ERR-01-004\"", "[{\"error_code\": \"E\", \"message\": \"m\"}]"] {
        assert_eq!(RemoteError::parse(400, body.as_bytes()), Err(ParseBodyError::NotAnObject), "{body}");
    }
}

#[test]
fn not_json() {
    let cases: &[&[u8]] = &[
        b"",
        b" ",
        b"\n\t",
        b"<html><body>502 Bad Gateway</body></html>",
        b"Internal Server Error",
        b"{",
        b"{\"error_code\": \"E\", \"message\": \"m\"",
        b"{\"error_code\": \"E\", \"message\": \"m\"}}",
        b"{\"error_code\": \"E\", \"message\": \"m\"} trailing",
        b"{'error_code': 'E', 'message': 'm'}",
        b"{\"error_code\": \"E\", \"message\": \"m\",}",
        b"\0\0\0\0",
        b"\xff\xfe\xfd",
        // A byte-order mark is not JSON.
        b"\xef\xbb\xbf{\"error_code\": \"E\", \"message\": \"m\"}",
        // Invalid UTF-8 inside a string.
        b"{\"error_code\": \"E\xff\xfe\", \"message\": \"m\"}",
        b"{\"error_code\": \"E\", \"message\": \"\xc3\x28\"}",
        // A lone surrogate escape.
        b"{\"error_code\": \"E\", \"message\": \"\\ud800\"}",
        b"NaN",
        b"{\"error_code\": \"E\", \"message\": \"m\", \"details\": [{\"field\": \"f\", \"value\": NaN}]}",
    ];
    for body in cases {
        assert_eq!(RemoteError::parse(500, body), Err(ParseBodyError::NotJson), "{}", String::from_utf8_lossy(body));
    }
}

#[test]
fn deeply_nested_json() {
    // Far deeper than any recursion would survive: refused, not a stack
    // overflow (past the default size limit too, so read under a larger one).
    let parse = |body: &[u8]| RemoteError::parse_with_limit(400, body, usize::MAX);
    for depth in [200, 10_000, 1_000_000] {
        let body = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(parse(body.as_bytes()), Err(ParseBodyError::NotJson), "{depth}");
        let body = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        // Past the nesting limit or the memory budget, whichever comes first.
        let result = parse(body.as_bytes());
        assert!(
            matches!(result, Err(ParseBodyError::NotJson | ParseBodyError::OverBudget { .. })),
            "{depth}: {result:?}"
        );
        // Unclosed.
        assert_eq!(parse("[".repeat(depth).as_bytes()), Err(ParseBodyError::NotJson));
    }
    // Deep inside a detail's value.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let body = format!(r#"{{"error_code": "E", "message": "m", "details": [{{"field": "f", "value": {deep}}}]}}"#);
    assert_eq!(RemoteError::parse(400, body.as_bytes()), Err(ParseBodyError::NotJson));
    // Nesting a detail may well have is kept.
    let nested = format!("{}{}", "[".repeat(100), "]".repeat(100));
    let body = format!(r#"{{"error_code": "E", "message": "m", "details": [{{"field": "f", "value": {nested}}}]}}"#);
    let error = RemoteError::parse(400, body.as_bytes()).expect("100 levels");
    assert!(error.detail("f").is_some_and(serde_json::Value::is_array));
}

#[test]
fn huge_numbers_and_long_strings() {
    let body = br#"{"error_code": "E", "message": "m", "details": [
        {"field": "big", "value": 123456789012345678901234567890},
        {"field": "max", "value": 18446744073709551615},
        {"field": "min", "value": -9223372036854775808},
        {"field": "tiny", "value": 1e-400}
    ]}"#;
    let error = RemoteError::parse(400, body).expect("numbers in range of f64");
    assert_eq!(error.detail("max"), Some(&json!(u64::MAX)));
    assert_eq!(error.detail("min"), Some(&json!(i64::MIN)));
    assert!(error.detail("big").and_then(serde_json::Value::as_f64).is_some_and(|big| big > 1e29));
    assert_eq!(error.detail("tiny").and_then(serde_json::Value::as_f64), Some(0.0));

    // Out of the range of f64: a typed error, not a panic. (serde_json
    // calls it a syntax error; the body is refused whole.)
    for number in ["1e400", "-1e400", &format!("1{}", "0".repeat(400))] {
        let body =
            format!(r#"{{"error_code": "E", "message": "m", "details": [{{"field": "f", "value": {number}}}]}}"#);
        assert!(RemoteError::parse(400, body.as_bytes()).is_err(), "{number}");
    }

    // A number where a string belongs.
    let body = br#"{"error_code": 1e400, "message": "m"}"#;
    assert!(RemoteError::parse(400, body).is_err());

    // Within the default limit of 1 MiB, with the rest of the body.
    let long = "x".repeat((1 << 20) - 64);
    let error = parse(400, &json!({ "error_code": "E", "message": long })).expect("a long message");
    assert_eq!(error.message().len(), (1 << 20) - 64);
    let many: Vec<_> = (0..256).map(|index| json!({ "field": format!("f{index}"), "value": index })).collect();
    let error = parse(400, &json!({ "error_code": "E", "message": "m", "details": many })).expect("many details");
    assert_eq!(error.details().len(), 256);
    // Past `MAX_ITEMS`, or past the memory budget, a typed error.
    let many: Vec<_> = (0..10_000).map(|index| json!({ "field": format!("f{index}"), "value": index })).collect();
    let error = parse(400, &json!({ "error_code": "E", "message": "m", "details": many })).unwrap_err();
    assert!(matches!(error, ParseBodyError::OverBudget { .. } | ParseBodyError::TooMany { .. }), "{error:?}");
}

#[test]
fn unicode_is_kept() {
    let error = parse(409, &json!({ "error_code": "ERR-01-004", "message": "Une CVM nommée « wéb » existe déjà 🚫" }))
        .expect("UTF-8");
    assert_eq!(error.message(), "Une CVM nommée « wéb » existe déjà 🚫");
    let error =
        RemoteError::parse(409, br#"{"error_code": "E", "message": "\u00e9\ud83d\udeab\u0000"}"#).expect("escapes");
    assert_eq!(error.message(), "é🚫\0");
}

/// Mutations of valid bodies, a few thousand of them, from a fixed seed:
/// whatever comes out, `parse` returns.
#[test]
fn never_panics_on_mutated_bodies() {
    let seeds: Vec<Vec<u8>> = vec![
        br#"{"error_code":"ERR-01-004","message":"A CVM with name 'web-1' already exists","request_id":"rid-123","details":[{"field":"name","value":"web-1","message":null}]}"#.to_vec(),
        br#"{"type":"https://docs.phala.network/errors/ERR-03-001","title":"CvmNotFoundError","status":404,"detail":"The requested CVM was not found","instance":"/api/v1/cvms/x","error_code":"ERR-03-001","suggestions":["a"],"links":[{"url":"u","label":"l"}]}"#.to_vec(),
        // The FastAPI shape some Phala clients also accept.
        br#"{"detail":{"error_code":"ERR-01-004","message":"m","details":[]}}"#.to_vec(),
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let interesting = b"{}[]\":,\\0-e9.ntfu\xff\x00 ";
    let (mut parsed, mut refused) = (0, 0);
    for round in 0..6_000 {
        let mut body = seeds[round % seeds.len()].clone();
        for _ in 0..=next() % 4 {
            let position = (next() as usize) % (body.len() + 1);
            match next() % 4 {
                0 => body.truncate(position),
                1 if position < body.len() => body[position] = interesting[(next() as usize) % interesting.len()],
                2 => body.insert(position, interesting[(next() as usize) % interesting.len()]),
                _ if position < body.len() => {
                    body.remove(position);
                }
                _ => {}
            }
        }
        match RemoteError::parse(400, &body) {
            Ok(error) => {
                assert_eq!(error.status(), 400);
                parsed += 1;
            }
            Err(_) => refused += 1,
        }
    }
    // Both outcomes happen: the mutations are neither all fatal nor all harmless.
    assert!(parsed > 100 && refused > 100, "parsed {parsed}, refused {refused}");
}

#[test]
fn display_escapes_the_servers_control_characters() {
    let body = json!({
        "error_code": "ERR-01-004\u{1b}[2J",
        "message": "taken\nERROR forged line \u{1b}[31mred\u{1b}[0m \u{202e}desrever\t'web'",
    });
    let error = parse(409, &body).expect("a body");
    // The parsed text is the server's; only its display is escaped.
    assert_eq!(error.message(), body["message"]);
    let shown = error.to_string();
    assert_eq!(
        shown,
        r"ERR-01-004\u{1b}[2J (409): taken\nERROR forged line \u{1b}[31mred\u{1b}[0m \u{202e}desrever\t'web'"
    );
    assert!(!shown.chars().any(|c| c.is_control()));
}

#[test]
fn display_escapes_every_format_control_and_separator() {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory as _};
    // Every character of Unicode's categories Cf (format: the bidi marks
    // and isolates, zero widths), Zl and Zp (line and paragraph
    // separators), and Cc (C0 and C1 controls), as the crate
    // unicode-properties classifies them.
    let hidden = |c: char| {
        matches!(
            c.general_category(),
            GeneralCategory::Format
                | GeneralCategory::LineSeparator
                | GeneralCategory::ParagraphSeparator
                | GeneralCategory::Control
        )
    };
    let all: Vec<char> = (0..=0x10_ffff_u32).filter_map(char::from_u32).filter(|&c| hidden(c)).collect();
    for named in ['\u{2028}', '\u{2029}', '\u{200e}', '\u{200f}', '\u{061c}', '\u{85}', '\u{feff}'] {
        assert!(all.contains(&named), "{named:?}");
    }
    for c in all {
        let message = format!("a{c}b");
        let error = parse(409, &json!({ "error_code": "E", "message": message })).expect("a body");
        let shown = error.to_string();
        assert_eq!(shown, format!("E (409): a{}b", c.escape_default()), "{c:?}");
    }
}

#[test]
fn bodies_over_the_limit_are_too_large_and_not_read() {
    use error_catalog::client::DEFAULT_MAX_BODY_LEN;

    // A valid body with a little over 1 MiB of details.
    let detail = r#"{"field":"f","value":1,"message":null},"#;
    let count = DEFAULT_MAX_BODY_LEN / detail.len();
    let body = format!(r#"{{"error_code":"E","message":"m","details":[{}{{"field":"last"}}]}}"#, detail.repeat(count));
    assert!(body.len() > DEFAULT_MAX_BODY_LEN);
    let error = RemoteError::parse(500, body.as_bytes()).unwrap_err();
    assert_eq!(error, ParseBodyError::TooLarge { len: body.len(), limit: DEFAULT_MAX_BODY_LEN });
    assert_eq!(error.to_string(), format!("the error body has {} bytes, more than the limit of 1048576", body.len()));

    // The limit is the caller's: the same body under a higher one, and a
    // small body under a lower one.
    // Under a higher limit it is still refused: its details cost more
    // memory than the budget, and are more than a list may have.
    let error = RemoteError::parse_with_limit(500, body.as_bytes(), body.len()).unwrap_err();
    assert!(matches!(error, ParseBodyError::OverBudget { .. } | ParseBodyError::TooMany { .. }), "{error:?}");
    let small = br#"{"error_code":"E","message":"m"}"#;
    assert!(RemoteError::parse_with_limit(500, small, small.len()).is_ok());
    assert_eq!(
        RemoteError::parse_with_limit(500, small, small.len() - 1),
        Err(ParseBodyError::TooLarge { len: small.len(), limit: small.len() - 1 })
    );
}

#[test]
fn json_128_levels_deep_is_not_json_and_never_overflows() {
    // A body whose one detail's value is `depth` arrays deep: with the body
    // object, `details` and the detail object, 3 + depth levels in all.
    let body = |depth: usize| {
        format!(
            r#"{{"error_code":"E","message":"m","details":[{{"field":"f","value":{}0{}}}]}}"#,
            "[".repeat(depth),
            "]".repeat(depth)
        )
    };
    // On a small stack, as in a worker thread: the parser stops at 128 levels.
    let results = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            [124, 125, 5_000, 1_000_000].map(|depth| {
                RemoteError::parse(500, body(depth).as_bytes()).map(|error| {
                    let mut value = error.detail("f").cloned().unwrap_or_default();
                    let mut depth = 0;
                    while let serde_json::Value::Array(mut items) = value {
                        value = items.pop().unwrap_or_default();
                        depth += 1;
                    }
                    depth
                })
            })
        })
        .unwrap()
        .join()
        .expect("no stack overflow");
    // 127 levels are read, 128 are not.
    assert_eq!(results[0], Ok(124));
    assert_eq!(results[1], Err(ParseBodyError::NotJson));
    assert_eq!(results[2], Err(ParseBodyError::NotJson));
    // Two megabytes of brackets: refused before the parser sees them.
    assert_eq!(results[3], Err(ParseBodyError::TooLarge { len: body(1_000_000).len(), limit: 1 << 20 }));
}

/// JSON-RPC error objects: a catalog's data read, a foreign one kept as one
/// detail, and every malformed object a typed error.
#[test]
fn jsonrpc_error_objects() {
    let read = |value: serde_json::Value| RemoteError::parse_jsonrpc(value.to_string().as_bytes());
    let error = read(json!({"jsonrpc": "2.0", "id": null, "error": {"code": 4, "message": "taken",
        "data": {"error_code": "ERR-01-004", "status": 409, "details": {"name": "web"}}}}))
    .unwrap();
    assert!(error.is::<DuplicateCvmNameError>());
    assert_eq!((error.status(), error.jsonrpc_code(), error.message()), (409, Some(4), "taken"));
    assert_eq!(error.detail("name"), Some(&json!("web")));

    // Another server's data: the integer is the code, the data one detail.
    let error = read(json!({"code": -32000, "message": "boom", "data": ["x"]})).unwrap();
    assert_eq!((error.code(), error.status()), ("-32000", 500));
    assert_eq!(error.detail("data"), Some(&json!(["x"])));
    // A status outside 100..=999 is not one.
    let error = read(json!({"code": 1, "message": "m", "data": {"error_code": "E1", "status": 70000}})).unwrap();
    assert_eq!(error.status(), 500);

    assert_eq!(read(json!({"message": "m"})), Err(ParseBodyError::Missing("code")));
    assert_eq!(read(json!({"code": 1})), Err(ParseBodyError::Missing("message")));
    assert_eq!(read(json!({"code": "1", "message": "m"})), Err(ParseBodyError::WrongType("code")));
    assert_eq!(read(json!({"code": 2_147_483_648_i64, "message": "m"})), Err(ParseBodyError::WrongType("code")));
    assert_eq!(read(json!({"code": 1.5, "message": "m"})), Err(ParseBodyError::WrongType("code")));
    assert_eq!(
        read(json!({"code": 1, "message": "m", "data": {"error_code": "E1", "details": []}})),
        Err(ParseBodyError::WrongType("details"))
    );
    let many: serde_json::Map<String, serde_json::Value> = (0..257).map(|i| (format!("f{i}"), json!(i))).collect();
    assert_eq!(
        read(json!({"code": 1, "message": "m", "data": {"error_code": "E1", "details": many}})),
        Err(ParseBodyError::TooMany { key: "details", limit: 256 })
    );
    assert_eq!(RemoteError::parse_jsonrpc(b"[1]"), Err(ParseBodyError::NotAnObject));
    assert_eq!(RemoteError::parse_jsonrpc(b"{"), Err(ParseBodyError::NotJson));
    let large = vec![b' '; 1024 * 1024 + 1];
    assert_eq!(
        RemoteError::parse_jsonrpc(&large),
        Err(ParseBodyError::TooLarge { len: large.len(), limit: 1024 * 1024 })
    );
}

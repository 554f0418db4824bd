//! Properties over arbitrary input: parsing codes and error bodies never
//! panics, and every code a catalog can write parses back to itself.

use error_catalog::client::RemoteError;
use error_catalog::{Code, ErrorCatalog};
use proptest::prelude::*;

#[derive(ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}")]
pub enum Catalog {
    #[module(1, name = "One")]
    One,
}

#[derive(ErrorCatalog)]
#[catalog(format = "{code:04}.{{x}}{module:01}")]
pub enum CodeFirst {
    #[module(1, name = "One")]
    One,
}

proptest! {
    #[test]
    fn any_string_parses_or_errs(text in ".*") {
        let _ = text.parse::<Code<Catalog>>();
        let _ = text.parse::<Code<CodeFirst>>();
    }

    #[test]
    fn near_codes_parse_or_err(text in "ERR-[0-9a-z٠-٩]{0,3}-[0-9]{0,4}[ -~]{0,2}") {
        if let Ok(code) = text.parse::<Code<Catalog>>() {
            prop_assert_eq!(code.to_string(), text);
        }
    }

    #[test]
    fn written_codes_parse_back(module in 1u16..=99, number in 1i64..=999) {
        let code = Code::<Catalog>::new(module, number).unwrap();
        let text = code.to_string();
        prop_assert_eq!(text.parse::<Code<Catalog>>(), Ok(code));
        let code = Code::<CodeFirst>::new(module % 10 + u16::from(module % 10 == 0), number).unwrap();
        prop_assert_eq!(code.to_string().parse::<Code<CodeFirst>>(), Ok(code));
    }

    #[test]
    fn any_bytes_parse_or_err(bytes in proptest::collection::vec(any::<u8>(), 0..512), status in any::<u16>()) {
        let _ = RemoteError::parse(status, &bytes);
    }

    #[test]
    fn any_json_parses_or_err(value in json(), status in 100u16..=999) {
        let bytes = serde_json::to_vec(&value).unwrap();
        if let Ok(error) = RemoteError::parse(status, &bytes) {
            prop_assert_eq!(Some(error.code()), value.get("error_code").and_then(|code| code.as_str()));
        }
    }

    #[test]
    fn bodies_with_the_right_keys_parse(code in "[ -~]{0,20}", message in ".{0,40}", field in ".{0,10}", value in json()) {
        let body = serde_json::json!({
            "error_code": code, "message": message,
            "details": [{"field": field, "value": value, "message": null}],
        });
        let error = RemoteError::parse(400, &serde_json::to_vec(&body).unwrap()).unwrap();
        prop_assert_eq!(error.code(), code.as_str());
        prop_assert_eq!(error.message(), message.as_str());
        prop_assert_eq!(error.detail(&field), Some(&value));
    }
}

/// Arbitrary JSON, objects with the body's keys included.
fn json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        // Quarters of integers: floats that survive a JSON round trip exactly.
        any::<i32>().prop_map(|n| serde_json::Value::from(f64::from(n) / 4.0)),
        ".{0,12}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        let key = prop_oneof![
            Just("error_code".to_owned()),
            Just("message".to_owned()),
            Just("detail".to_owned()),
            Just("details".to_owned()),
            Just("links".to_owned()),
            Just("suggestions".to_owned()),
            Just("request_id".to_owned()),
            Just("field".to_owned()),
            Just("url".to_owned()),
            ".{0,6}",
        ];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            proptest::collection::btree_map(key, inner, 0..6)
                .prop_map(|map| serde_json::Value::Object(map.into_iter().collect())),
        ]
    })
}

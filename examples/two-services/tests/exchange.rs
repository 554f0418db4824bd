//! The exchange of `cargo run -p two-services`, checked: for each way the
//! inventory fails, what the deploy service read over HTTP and over gRPC,
//! how it answered, and what its client received; and the codes of the
//! three crates are unique across them.

use deploy_service::{Handling, InventoryUnavailableError, PlacementFailedError};
use error_catalog::CatalogError;
use error_catalog::client::RemoteError;
use fleet_catalog::{Catalog, NodeNotFoundError};
use serde_json::{Value, json};

#[tokio::test]
async fn the_deploy_service_passes_codes_through_or_wraps_them_over_both_transports() {
    let fleet = two_services::start().await.expect("loopback ports");
    let exchanges = two_services::exchange(&fleet).await.expect("the services answer");
    println!("{}", two_services::render(&exchanges));
    assert_eq!(exchanges.len(), 8);

    for (transport, answers) in [("HTTP", &exchanges[..4]), ("gRPC", &exchanges[4..])] {
        let id = |index: usize| json!(format!("client-{}-{index}", transport.to_lowercase()));
        for exchange in answers {
            assert_eq!(exchange.transport, transport);
            let text = exchange.body.to_string() + exchange.upstream.as_ref().map_or("", |call| call.wire.as_str());
            assert!(!text.contains("OPS-4411"), "an internal field of the inventory leaked: {text}");
        }

        let [created, not_found, no_capacity, draining] = answers else { unreachable!() };
        assert_eq!(created.status, 201);
        assert_eq!(created.body["reservation_id"], "rsv-1-4");
        assert!(created.upstream.is_none());

        // Passed through: the inventory's code, status and details, as if
        // the deploy service had raised it.
        let call = not_found.upstream.as_ref().expect("a failed call");
        assert_eq!(
            (call.code.as_str(), call.recognised, call.handling),
            ("ERR-01-001", Some("NodeNotFoundError"), Handling::PassedThrough)
        );
        assert_eq!(not_found.status, 404);
        assert_eq!(
            not_found.body,
            json!({
                "error_code": "ERR-01-001",
                "message": "Node 9 does not exist",
                "request_id": id(1),
                "details": [{ "field": "node_id", "value": 9, "message": null }],
            })
        );
        let remote = RemoteError::parse(not_found.status, not_found.body.to_string().as_bytes()).unwrap();
        assert!(remote.is::<NodeNotFoundError>());

        // Wrapped: a code of the deploy service, the cause's code a detail.
        let call = no_capacity.upstream.as_ref().expect("a failed call");
        assert_eq!(
            (call.code.as_str(), call.recognised, call.handling),
            ("ERR-01-002", Some("InsufficientCapacityError"), Handling::Wrapped)
        );
        assert_eq!(no_capacity.status, 409);
        assert_eq!(
            no_capacity.body,
            json!({
                "error_code": "ERR-02-001",
                "message": "Cannot place the deployment on node 1",
                "request_id": id(2),
                "details": [
                    { "field": "node_id", "value": 1, "message": null },
                    { "field": "cause_code", "value": "ERR-01-002", "message": null },
                ],
                "suggestions": ["Ask for fewer vCPUs or another node"],
            })
        );
        let remote = RemoteError::parse(no_capacity.status, no_capacity.body.to_string().as_bytes()).unwrap();
        assert!(remote.is::<PlacementFailedError>() && !remote.is::<NodeNotFoundError>());

        // A code the deploy service has no type for is still read, and kept
        // as the cause.
        let call = draining.upstream.as_ref().expect("a failed call");
        assert_eq!((call.code.as_str(), call.recognised, call.handling), ("ERR-01-003", None, Handling::Wrapped));
        assert_eq!(draining.status, 502);
        assert_eq!(draining.body["error_code"], "ERR-02-002");
        assert_eq!(
            draining.body["details"],
            json!([{ "field": "cause_code", "value": "ERR-01-003", "message": null }])
        );
        let remote = RemoteError::parse(draining.status, draining.body.to_string().as_bytes()).unwrap();
        assert!(remote.is::<InventoryUnavailableError>());
    }

    // What came over the wire: a JSON body over HTTP, a status with its
    // AIP-193 details over gRPC, the client's request id passed along.
    let over_http = exchanges[1].upstream.as_ref().unwrap();
    assert!(over_http.wire.starts_with("404 {\"error_code\":\"ERR-01-001\""), "{}", over_http.wire);
    let over_grpc = exchanges[5].upstream.as_ref().unwrap();
    assert!(
        over_grpc.wire.starts_with("status NOT_FOUND (5), message \"Node 9 does not exist\""),
        "{}",
        over_grpc.wire
    );
    assert!(
        over_grpc.wire.contains(r#"reason: "NODE_NOT_FOUND_ERROR", domain: "fleet.example.com""#),
        "{}",
        over_grpc.wire
    );
    assert!(over_grpc.wire.contains("errorCode: ERR-01-001, nodeId: 9"), "{}", over_grpc.wire);
    assert!(over_grpc.wire.contains(r#"RequestInfo { request_id: "client-grpc-1" }"#), "{}", over_grpc.wire);
    // The capacity error states its gRPC code: FAILED_PRECONDITION, not the
    // ALREADY_EXISTS that the HTTP table gives 409.
    let no_capacity = exchanges[6].upstream.as_ref().unwrap();
    assert!(no_capacity.wire.starts_with("status FAILED_PRECONDITION (9)"), "{}", no_capacity.wire);
    let draining = exchanges[7].upstream.as_ref().unwrap();
    assert!(draining.wire.starts_with("status UNAVAILABLE (14)"), "{}", draining.wire);

    // The client cannot tell which transport the deploy service used.
    for index in 0..4 {
        let without_id = |body: &Value| {
            let mut body = body.clone();
            body.as_object_mut().map(|object| object.remove("request_id"));
            body
        };
        assert_eq!(exchanges[index].status, exchanges[index + 4].status);
        assert_eq!(without_id(&exchanges[index].body), without_id(&exchanges[index + 4].body));
    }
}

/// The catalog crate and both services register codes of one catalog: each
/// crate compiles alone, and the registry sees all three.
#[test]
fn codes_are_unique_across_the_three_crates() {
    let owners = [
        NodeNotFoundError { node_id: 1 }.code_str(),
        inventory_service::NodeDrainingError { node_id: 2, ticket: String::new() }.code_str(),
        PlacementFailedError::entries()[0].code(),
    ];
    assert_eq!(owners, ["ERR-01-001", "ERR-01-003", "ERR-02-001"]);
    let entries = error_catalog::registry::entries_of::<Catalog>();
    let mut crates: Vec<(&str, &str)> =
        entries.iter().map(|entry| (entry.code(), entry.type_path().split("::").next().unwrap_or_default())).collect();
    crates.sort_unstable();
    assert_eq!(
        crates,
        [
            ("ERR-01-001", "fleet_catalog"),
            ("ERR-01-002", "fleet_catalog"),
            ("ERR-01-003", "inventory_service"),
            ("ERR-02-001", "deploy_service"),
            ("ERR-02-002", "deploy_service"),
        ]
    );
    error_catalog::registry::assert_unique_codes();
    assert!(error_catalog::testing::grpc_fallbacks(entries).is_empty(), "every gRPC code of the fleet is chosen");
}

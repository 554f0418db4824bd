//! The exchange: the inventory (HTTP and gRPC) and two deploy services on
//! loopback ports, one calling the inventory over HTTP, the other over gRPC,
//! and a client that asks each for the same four deployments.

use std::net::SocketAddr;

use deploy_service::{Deploy, Handling, Journal, Upstream, UpstreamCall};
use serde_json::Value;

/// The services, running.
#[derive(Debug)]
pub struct Fleet {
    /// The deploy service that calls the inventory over HTTP, and the one
    /// that calls it over gRPC.
    pub deploys: [(&'static str, SocketAddr); 2],
    /// What the deploy services read from the inventory.
    pub journal: Journal,
}

async fn loopback() -> std::io::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind("127.0.0.1:0").await
}

/// Starts the inventory (HTTP and gRPC) and both deploy services on
/// loopback ports, in tasks of the current runtime.
///
/// # Errors
/// When a port cannot be bound.
pub async fn start() -> std::io::Result<Fleet> {
    let (inventory_http, inventory_grpc) = (loopback().await?, loopback().await?);
    let (http_address, grpc_address) = (inventory_http.local_addr()?, inventory_grpc.local_addr()?);
    tokio::spawn(inventory_service::serve_http(inventory_http));
    tokio::spawn(inventory_service::serve_grpc(inventory_grpc));

    let journal = Journal::default();
    let grpc_channel = tonic::transport::Endpoint::from_shared(format!("http://{grpc_address}"))
        .map_err(std::io::Error::other)?
        .connect_lazy();
    let upstreams = [
        Upstream::Http { base: format!("http://{http_address}"), client: reqwest::Client::new() },
        Upstream::Grpc(grpc_channel),
    ];
    let mut deploys = Vec::with_capacity(2);
    for upstream in upstreams {
        let listener = loopback().await?;
        deploys.push((upstream.transport(), listener.local_addr()?));
        tokio::spawn(deploy_service::serve(listener, Deploy::new(upstream, journal.clone())));
    }
    let [over_http, over_grpc] = <[_; 2]>::try_from(deploys).map_err(|_| std::io::Error::other("two deploys"))?;
    Ok(Fleet { deploys: [over_http, over_grpc], journal })
}

/// One request of the client to a deploy service, and what it received.
#[derive(Debug, Clone)]
pub struct Exchange {
    /// How that deploy service calls the inventory: `HTTP` or `gRPC`.
    pub transport: &'static str,
    /// The request's body.
    pub request: Value,
    /// What the inventory answered the deploy service, when it failed.
    pub upstream: Option<UpstreamCall>,
    /// The HTTP status the client received.
    pub status: u16,
    /// The body the client received.
    pub body: Value,
    /// The same, as it came.
    pub text: String,
}

/// The deployments the client asks for: one that succeeds, then one per
/// way of failing (a node that does not exist, a node without capacity, a
/// node being drained).
pub const REQUESTS: [(u32, u32); 4] = [(1, 4), (9, 2), (1, 64), (2, 2)];

/// Asks each deploy service for each of [`REQUESTS`], as a client would
/// (with a request id), and collects the answers.
///
/// # Errors
/// When a deploy service cannot be reached or answers something that is not
/// JSON.
pub async fn exchange(fleet: &Fleet) -> Result<Vec<Exchange>, Box<dyn std::error::Error>> {
    let client = reqwest::Client::new();
    let mut exchanges = Vec::new();
    for (transport, address) in fleet.deploys {
        for (index, (node_id, vcpu)) in REQUESTS.into_iter().enumerate() {
            let request = serde_json::json!({ "node_id": node_id, "vcpu": vcpu });
            let failures_before = fleet.journal.recorded();
            let response = client
                .post(format!("http://{address}/v1/deployments"))
                .header("x-request-id", format!("client-{}-{index}", transport.to_lowercase()))
                .json(&request)
                .send()
                .await?;
            let status = response.status().as_u16();
            let text = response.text().await?;
            let body: Value = serde_json::from_str(&text)?;
            let upstream = fleet.journal.call(failures_before);
            exchanges.push(Exchange { transport, request, upstream, status, body, text });
        }
    }
    Ok(exchanges)
}

/// The exchange as text: per request, what the inventory answered the
/// deploy service, how the deploy service read it, and what the client
/// received.
#[must_use]
pub fn render(exchanges: &[Exchange]) -> String {
    use std::fmt::Write as _;

    let mut text = String::new();
    for exchange in exchanges {
        let _ = writeln!(
            text,
            "client -> deploy (inventory over {}): POST /v1/deployments {}",
            exchange.transport, exchange.request
        );
        if let Some(call) = &exchange.upstream {
            let _ =
                writeln!(text, "  inventory -> deploy over {}: {}", call.transport, call.wire.replace('\n', "\n    "));
            let recognised = call
                .recognised
                .map_or_else(|| "no shared type, the code kept".to_owned(), |name| format!("is::<{name}>()"));
            let handling = match call.handling {
                Handling::PassedThrough => "passes the code through",
                Handling::Wrapped => "wraps it in a code of its own",
            };
            let _ = writeln!(text, "  deploy reads {} ({recognised}) and {handling}", call.code);
        }
        let _ = writeln!(text, "  deploy -> client: {} {}\n", exchange.status, exchange.text);
    }
    text
}

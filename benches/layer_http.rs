//! What `axum::ErrorLayer` costs a 200 over loopback HTTP: three hyper
//! servers (`axum::serve`) on 127.0.0.1, the same router without the
//! layer, with it around the router and with it through `Router::layer`,
//! and a real client (reqwest, one kept-alive connection per server)
//! asking each in turn.
//!
//! `cargo bench --bench layer_http --features axum`; see BENCHMARKS.md.
//! `-- --test` sends a few requests to each server and checks that they
//! answer the same (what CI runs; no timing is asserted).
//!
//! A round sends `PER_ROUND` requests to each server, one after the other,
//! in an order that rotates from round to round; the report is each
//! server's median time per request over the rounds, and the median over
//! the rounds of its ratio to the server without the layer, measured in the
//! same round. A request here is mostly the loopback socket, hyper's
//! parsing and reqwest's: the in-memory benchmark (`benches/layer.rs`) is
//! the one that isolates the layer.

use std::convert::Infallible;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use axum::Router;
use axum::ServiceExt as _;
use axum::extract::Request;
use axum::response::Response;
use axum::routing::get;
use error_catalog::axum::ErrorLayer;
use error_catalog::http::ErrorResponses;
use tower::Layer;

#[derive(error_catalog::ErrorCatalog)]
#[catalog(format = "ERR-{module:02}-{code:03}", default_status = 400)]
pub enum Catalog {
    #[module(1, name = "CVM API / Preflight")]
    Preflight,
}

async fn ok() -> &'static str {
    "ok"
}

fn routes() -> Router {
    Router::new().route("/ok", get(ok))
}

const CASES: [&str; 3] = ["no-layer", "layer-around-router", "router-layer"];

/// Serves `service` on a new loopback port, on the current runtime.
async fn spawn<S>(service: S) -> SocketAddr
where
    S: tower::Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send,
{
    let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await.expect("a loopback port");
    let address = listener.local_addr().expect("the port's address");
    tokio::spawn(async move { axum::serve(listener, service.into_make_service()).await });
    address
}

/// One request, its whole body read.
async fn get_ok(client: &reqwest::Client, url: &str) -> (u16, Option<String>, Vec<u8>) {
    let response = client.get(url).header("x-request-id", "rid-3f2a9c").send().await.expect("an answer");
    let status = response.status().as_u16();
    let content_type = response.headers().get("content-type").and_then(|value| value.to_str().ok()).map(str::to_owned);
    (status, content_type, response.bytes().await.expect("a body").to_vec())
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let test = std::env::args().any(|arg| arg == "--test");
    // `cargo bench` passes `--bench`; a filter or other criterion flags mean nothing here.
    let (rounds, per_round) = if test { (2, 5) } else { (500, 100) };

    // The servers on a thread of their own, the client on this one.
    let (addresses_tx, addresses_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("the servers' runtime");
        runtime.block_on(async move {
            let addresses = [
                spawn(routes()).await,
                spawn(ErrorLayer::new(ErrorResponses::new()).layer(routes())).await,
                spawn(routes().layer(ErrorLayer::new(ErrorResponses::new()))).await,
            ];
            addresses_tx.send(addresses).expect("the client's end");
            std::future::pending::<()>().await;
        });
    });
    let addresses = addresses_rx.recv().expect("the servers' addresses");
    let urls = addresses.map(|address| format!("http://{address}/ok"));

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("the client's runtime");
    // One client per server, each keeping its one connection alive.
    let clients: Vec<reqwest::Client> = (0..CASES.len())
        .map(|_| {
            reqwest::Client::builder()
                .pool_max_idle_per_host(1)
                .pool_idle_timeout(Duration::from_secs(600))
                .no_proxy()
                .build()
                .expect("a client")
        })
        .collect();

    runtime.block_on(async {
        // The same answer from each, or the comparison means nothing.
        let first = get_ok(&clients[0], &urls[0]).await;
        assert_eq!(first.0, 200);
        for (client, url) in clients.iter().zip(&urls) {
            assert_eq!(get_ok(client, url).await, first, "{url}");
        }

        let mut times: Vec<Vec<f64>> = vec![Vec::new(); CASES.len()];
        let mut ratios: Vec<Vec<f64>> = vec![Vec::new(); CASES.len()];
        for round in 0..rounds {
            let mut this_round = [0.0_f64; CASES.len()];
            for turn in 0..CASES.len() {
                let case = (round + turn) % CASES.len();
                let started = Instant::now();
                for _ in 0..per_round {
                    std::hint::black_box(get_ok(&clients[case], &urls[case]).await);
                }
                this_round[case] = started.elapsed().as_secs_f64() * 1e6 / f64::from(per_round);
            }
            for case in 0..CASES.len() {
                times[case].push(this_round[case]);
                ratios[case].push(this_round[case] / this_round[0]);
            }
        }

        if test {
            for case in CASES {
                println!("Testing loopback/success/{case}\nSuccess");
            }
            return;
        }
        println!("{rounds} rounds of {per_round} requests to each server, over loopback HTTP/1.1");
        for (case, name) in CASES.iter().enumerate() {
            let time = median(&mut times[case]);
            let ratio = median(&mut ratios[case]);
            println!(
                "loopback/success/{name:<22} median {time:8.2} µs per request, {:+.2} % (median of the per-round ratios)",
                (ratio - 1.0) * 100.0
            );
        }
    });
}

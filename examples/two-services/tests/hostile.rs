//! The deploy service against an inventory that lies: each test serves
//! crafted bytes from a loopback port, points a deploy service at it, and
//! checks what the deploy service's client receives, what the journal
//! keeps, and how much of the answer the deploy service read.

use std::net::SocketAddr;
use std::time::Duration;

use deploy_service::{Deploy, Journal, MAX_UPSTREAM_BODY, MAX_WIRE_TEXT, Upstream};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::sync::mpsc;

/// What the fake inventory does with each request.
#[derive(Clone)]
enum Inventory {
    /// Answers these bytes, then closes.
    Answers(Vec<u8>),
    /// Answers this head, then `total` bytes of body, without a length,
    /// until the reader goes away; reports how many bytes it wrote.
    Streams { head: Vec<u8>, total: usize },
    /// Reads the request and never answers.
    Silent,
}

/// Serves `inventory` on a loopback port; each connection reports the body
/// bytes it wrote on the returned channel when it ends.
async fn fake_inventory(inventory: Inventory) -> (SocketAddr, mpsc::UnboundedReceiver<usize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (written, report) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else { return };
            let (inventory, written) = (inventory.clone(), written.clone());
            tokio::spawn(async move {
                // The request: its head, and the body its length announces.
                let mut request = Vec::new();
                let mut buffer = [0; 4096];
                while !request.windows(4).any(|window| window == b"\r\n\r\n") {
                    match stream.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buffer[..n]),
                    }
                }
                let mut sent = 0;
                match inventory {
                    Inventory::Answers(bytes) => {
                        let _ = stream.write_all(&bytes).await;
                        sent = bytes.len();
                    }
                    Inventory::Streams { head, total } => {
                        let _ = stream.write_all(&head).await;
                        let chunk = vec![b'a'; 64 * 1024];
                        while sent < total {
                            if stream.write_all(&chunk).await.is_err() {
                                break;
                            }
                            sent += chunk.len();
                        }
                    }
                    Inventory::Silent => {
                        // Holds the connection until the other side closes it.
                        while stream.read(&mut buffer).await.is_ok_and(|n| n > 0) {}
                    }
                }
                let _ = written.send(sent);
            });
        }
    });
    (address, report)
}

/// A deploy service in front of the inventory at `inventory`.
async fn deploy_in_front_of(inventory: SocketAddr, upstream_timeout: Duration) -> (SocketAddr, Journal) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let journal = Journal::default();
    let upstream = Upstream::Http { base: format!("http://{inventory}"), client: reqwest::Client::new() };
    let service = Deploy { upstream_timeout, ..Deploy::new(upstream, journal.clone()) };
    tokio::spawn(deploy_service::serve(listener, service));
    (address, journal)
}

/// Asks the deploy service at `deploy` for a deployment, and returns the
/// status and body its client receives. Fails when no answer comes in a
/// minute: a guard against a hang, not a measure of speed.
async fn deploy_once(deploy: SocketAddr) -> (u16, Value) {
    let call = async {
        let response = reqwest::Client::new()
            .post(format!("http://{deploy}/v1/deployments"))
            .json(&json!({ "node_id": 1, "vcpu": 2 }))
            .send()
            .await
            .expect("the deploy service answers");
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        assert!(text.len() < 1024, "a long answer: {} bytes", text.len());
        (status, serde_json::from_str(&text).unwrap())
    };
    tokio::time::timeout(Duration::from_secs(60), call).await.expect("the deploy service answers in time")
}

fn answer_with(status: u16, body: &Value) -> Vec<u8> {
    let body = body.to_string();
    format!(
        "HTTP/1.1 {status} Whatever\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// The `cause_code` detail of a deploy service's body.
fn cause_code(body: &Value) -> Option<&Value> {
    body["details"].as_array()?.iter().find(|detail| detail["field"] == "cause_code").map(|detail| &detail["value"])
}

#[tokio::test]
async fn only_a_code_the_catalog_knows_is_passed_on_as_cause_code() {
    let hostile = [
        "ERR-99-999\n\u{1b}[31m<script>alert(1)</script>\u{202e}".to_owned(),
        "ERR-".to_owned() + &"9".repeat(60_000),
        // The catalog's format, a module it does not declare.
        "ERR-99-999".to_owned(),
        // The format, a code no crate of the program raises.
        "ERR-01-777".to_owned(),
        " ERR-01-003".to_owned(),
        String::new(),
    ];
    for code in &hostile {
        let body = json!({ "error_code": code, "message": "no" });
        let (inventory, _) = fake_inventory(Inventory::Answers(answer_with(503, &body))).await;
        let (deploy, journal) = deploy_in_front_of(inventory, Duration::from_secs(10)).await;
        let (status, body) = deploy_once(deploy).await;
        assert_eq!((status, &body["error_code"]), (502, &json!("ERR-02-002")), "{code:?}: {body}");
        assert!(cause_code(&body).is_none_or(Value::is_null), "{code:?} was passed on: {body}");
        let call = journal.call(0).expect("the failed call");
        assert!(call.code.len() <= MAX_WIRE_TEXT + 32 && call.wire.len() <= MAX_WIRE_TEXT + 32);
    }

    // A code the catalog knows, which no shared type stands for, is named:
    // the inventory's own `ERR-01-003`, registered once its crate is linked.
    assert_eq!(
        <inventory_service::NodeDrainingError as error_catalog::CatalogError>::entries()[0].code(),
        "ERR-01-003"
    );
    let body = json!({ "error_code": "ERR-01-003", "message": "draining" });
    let (inventory, _) = fake_inventory(Inventory::Answers(answer_with(503, &body))).await;
    let (deploy, _) = deploy_in_front_of(inventory, Duration::from_secs(10)).await;
    let (status, body) = deploy_once(deploy).await;
    assert_eq!((status, cause_code(&body)), (502, Some(&json!("ERR-01-003"))), "{body}");
}

#[tokio::test]
async fn a_body_past_the_bound_is_not_read_whole() {
    // No length announced: the deploy service reads until the bound, then
    // stops; the inventory could not write its whole answer.
    let total = 64 * 1024 * 1024;
    let head = b"HTTP/1.1 409 Conflict\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n".to_vec();
    let (inventory, mut written) = fake_inventory(Inventory::Streams { head, total }).await;
    let (deploy, journal) = deploy_in_front_of(inventory, Duration::from_secs(30)).await;
    let (status, body) = deploy_once(deploy).await;
    assert_eq!((status, &body["error_code"]), (502, &json!("ERR-02-002")), "{body}");
    let written = tokio::time::timeout(Duration::from_secs(60), written.recv()).await.unwrap().unwrap();
    // What the sockets between them buffer comes on top of the bound.
    assert!(written < total / 2, "the deploy service read {written} bytes of {total}");
    let call = journal.call(0).expect("the failed call");
    assert!(call.wire.len() <= MAX_WIRE_TEXT + 32, "the journal kept {} bytes", call.wire.len());

    // A length over the bound announced: nothing of the body is waited for.
    let announced = format!(
        "HTTP/1.1 409 Conflict\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{{",
        512 * 1024 * 1024
    );
    let (inventory, _) = fake_inventory(Inventory::Answers(announced.into_bytes())).await;
    let (deploy, _) = deploy_in_front_of(inventory, Duration::from_secs(600)).await;
    let (status, body) = deploy_once(deploy).await;
    assert_eq!((status, &body["error_code"]), (502, &json!("ERR-02-002")), "{body}");

    // At the bound exactly, the body is read.
    let message = "m".repeat(MAX_UPSTREAM_BODY - r#"{"error_code":"ERR-01-003","message":""}"#.len());
    let body = json!({ "error_code": "ERR-01-003", "message": message });
    assert_eq!(body.to_string().len(), MAX_UPSTREAM_BODY);
    let (inventory, _) = fake_inventory(Inventory::Answers(answer_with(503, &body))).await;
    let (deploy, _) = deploy_in_front_of(inventory, Duration::from_secs(30)).await;
    let (_, body) = deploy_once(deploy).await;
    assert_eq!(cause_code(&body), Some(&json!("ERR-01-003")), "{body}");
}

#[tokio::test]
async fn a_slow_inventory_is_given_up_on() {
    let (inventory, _) = fake_inventory(Inventory::Silent).await;
    let (deploy, journal) = deploy_in_front_of(inventory, Duration::from_millis(200)).await;
    let (status, body) = deploy_once(deploy).await;
    assert_eq!((status, &body["error_code"]), (502, &json!("ERR-02-002")), "{body}");
    let call = journal.call(0).expect("the failed call");
    assert!(call.wire.contains("did not answer within"), "{}", call.wire);
}

#[tokio::test]
async fn the_journal_keeps_the_last_calls_only() {
    let body = json!({ "error_code": "ERR-01-003", "message": "x".repeat(100_000) });
    let (inventory, _) = fake_inventory(Inventory::Answers(answer_with(503, &body))).await;
    let (deploy, journal) = deploy_in_front_of(inventory, Duration::from_secs(10)).await;
    let calls = Journal::CAPACITY + 36;
    for _ in 0..calls {
        deploy_once(deploy).await;
    }
    assert_eq!(journal.recorded(), calls);
    let kept = journal.kept();
    assert_eq!(kept.len(), Journal::CAPACITY);
    assert!(kept.iter().all(|call| call.wire.len() <= MAX_WIRE_TEXT + 32));
    // What the journal holds, not only what it shows: the 100 KB answers are
    // not kept behind their cut texts.
    assert!(journal.held_bytes() <= Journal::CAPACITY * 2 * (MAX_WIRE_TEXT + 32), "{} bytes", journal.held_bytes());
    assert!(journal.call(0).is_none() && journal.call(calls - 1).is_some());
}

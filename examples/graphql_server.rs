//! A GraphQL server over the errors of the `phala` example: each resolver
//! that fails answers a catalog error as an `async_graphql::Error`, its
//! code in `extensions.code` and its details in `extensions.details`.
//!
//! ```text
//! cargo run --example graphql_server --features async-graphql            # port 8080
//! cargo run --example graphql_server --features async-graphql -- 0       # a free port
//! # ERR-01-001 NodeNotFoundError, details: node_id
//! curl -s http://127.0.0.1:8080/graphql -H 'Content-Type: application/json' \
//!      -d '{"query": "{ node(id: 7) { id } }"}'
//! # ERR-01-004 DuplicateCvmNameError, details: name (web-1 exists)
//! curl -s http://127.0.0.1:8080/graphql -H 'Content-Type: application/json' \
//!      -d '{"query": "mutation { provision(name: \"web-1\") { name } }"}'
//! # ERR-01-003 InvalidComposeFileError, details: location; the parser's
//! # message, which quotes the file, stays in the server
//! curl -s http://127.0.0.1:8080/graphql -H 'Content-Type: application/json' \
//!      -d '{"query": "mutation { validateCompose(file: \"ports: [x]\") }"}'
//! ```
//!
//! It listens on 127.0.0.1 only, at `POST /graphql` (GraphQL over HTTP, JSON
//! bodies); the first line printed says the URL. tests/graphql/run.sh
//! points PyPI `gql` at it.

use async_graphql::{EmptySubscription, ErrorExtensions as _, Object, Schema, SimpleObject};
use axum::Json;
use axum::extract::State;
use axum::routing::post;

// The catalog's error types, shared with `cargo run --example phala`.
#[path = "phala.rs"]
#[allow(dead_code)]
pub mod phala;

// The derives name `crate::Catalog`.
#[allow(unused_imports)]
use phala::Catalog;
use phala::preflight::{DuplicateCvmNameError, InvalidComposeFileError, NodeNotFoundError};

#[derive(SimpleObject)]
struct Node {
    id: u32,
}

#[derive(SimpleObject)]
struct Cvm {
    name: String,
}

struct Query;

#[Object]
impl Query {
    /// A node by id: this server has none.
    async fn node(&self, id: u32) -> async_graphql::Result<Node> {
        Err(NodeNotFoundError { node_id: id }.extend())
    }
}

struct Mutation;

#[Object]
impl Mutation {
    /// Provisions a CVM; `web-1` exists already.
    async fn provision(&self, name: String) -> async_graphql::Result<Cvm> {
        if name == "web-1" {
            return Err(DuplicateCvmNameError { name }.extend());
        }
        Ok(Cvm { name })
    }

    /// Checks a compose file: every file is refused, and the parser's
    /// message (which quotes the file) is internal.
    async fn validate_compose(&self, file: String) -> async_graphql::Result<bool> {
        let error = InvalidComposeFileError::new("services.web.ports[0]", format!("bad port in {file:?}"));
        Err(error.extend())
    }
}

type AppSchema = Schema<Query, Mutation, EmptySubscription>;

async fn graphql(
    State(schema): State<AppSchema>,
    Json(request): Json<async_graphql::Request>,
) -> Json<async_graphql::Response> {
    Json(schema.execute(request).await)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = std::env::args().nth(1).and_then(|port| port.parse().ok()).unwrap_or(8080);
    let schema = Schema::new(Query, Mutation, EmptySubscription);
    let app = axum::Router::new().route("/graphql", post(graphql)).with_state(schema);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("listening on http://{}/graphql", listener.local_addr()?);
    axum::serve(listener, app).await
}

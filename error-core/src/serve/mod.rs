//! Serving: a catalog error as the answer of a server.
//!
//! What every server shares ([`server`]: the request id rule and the log
//! event of a server error), the HTTP answer ([`http`]), the answer of a `Failure` (`failure`), and one module per
//! integration, named as its feature: [`axum`], [`actix_web`], [`tonic`],
//! [`utoipa`], [`jsonrpsee`], [`async_graphql`], and [`miette`] for the reports of a command-line program. Serving uses the wire and the model, never the renderers.

#[cfg(feature = "actix-web")]
pub mod actix_web;
#[cfg(feature = "async-graphql")]
pub mod async_graphql;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(all(
    feature = "registry",
    any(feature = "http", feature = "tonic", feature = "jsonrpsee", feature = "async-graphql")
))]
pub(crate) mod failure;
#[cfg(feature = "http")]
pub mod http;
#[cfg(feature = "jsonrpsee")]
pub mod jsonrpsee;
#[cfg(feature = "miette")]
pub mod miette;
#[cfg(any(feature = "http", feature = "tonic", feature = "jsonrpsee", feature = "async-graphql"))]
pub(crate) mod server;
#[cfg(feature = "tonic")]
pub mod tonic;
#[cfg(feature = "utoipa")]
pub mod utoipa;

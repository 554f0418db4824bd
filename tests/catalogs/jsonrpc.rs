//! JSON-RPC 2.0's error codes and the Language Server Protocol's: negative
//! numbers (`-32601`) written as they are (`format = "{code}"` with a
//! negative `start`), no HTTP statuses, and the ranges the two
//! specifications declare as the modules: JSON-RPC's pre-defined errors,
//! its "server error" range (`-32099` to `-32000`) where LSP left two codes,
//! and LSP's own range (`-32899` to `-32800`), whose unassigned codes are
//! reserved.
//!
//! Sources: the JSON-RPC 2.0 specification, section 5.1 "Error object"
//! (jsonrpc.org/specification), and the LSP 3.17 specification's
//! `ErrorCodes` (microsoft.github.io/language-server-protocol), as the
//! `lsp-types` crate's `error_codes.rs` and `lsp-server`'s `ErrorCode`
//! (docs.rs) state them. Each code's name is the specification's constant,
//! its message the specification's short meaning.

use error_catalog::render::{self, python, typescript};
use error_catalog::{CatalogError, Code, ErrorCatalog, ParseCodeError, Shape, registry};
use proptest::prelude::*;

#[derive(ErrorCatalog)]
#[catalog(
    format = "{code}",
    start = -2_147_483_648,
    http = false,
    title = "JSON-RPC and LSP Error Codes",
    api = "JSON-RPC 2.0"
)]
pub enum Catalog {
    #[module(range(-32899, -32800), name = "LSP errors", reserved(range(-32899, -32804)))]
    Lsp,
    #[module(range(-32768, -32100), name = "Pre-defined errors")]
    PreDefined,
    #[module(range(-32099, -32000), name = "Server errors")]
    Server,
}

#[derive(Debug, CatalogError)]
pub enum JsonRpcError {
    /// Invalid JSON was received by the server.
    #[catalog(code = -32700, name = "ParseError", message = "Parse error")]
    ParseError,
    /// The JSON sent is not a valid Request object.
    #[catalog(code = -32600, name = "InvalidRequest", message = "Invalid Request")]
    InvalidRequest,
    /// The method does not exist / is not available.
    #[catalog(code = -32601, name = "MethodNotFound", message = "Method not found")]
    MethodNotFound,
    /// Invalid method parameter(s).
    #[catalog(code = -32602, name = "InvalidParams", message = "Invalid params")]
    InvalidParams,
    /// Internal JSON-RPC error.
    #[catalog(code = -32603, name = "InternalError", message = "Internal error")]
    InternalError,
}

#[derive(Debug, CatalogError)]
pub enum LspError {
    /// A server received a notification or request before the server has
    /// received the `initialize` request.
    #[catalog(code = -32002, name = "ServerNotInitialized", message = "Server not initialized")]
    ServerNotInitialized,
    #[catalog(code = -32001, name = "UnknownErrorCode", message = "Unknown error code")]
    UnknownErrorCode,
    /// A request failed but it was syntactically correct.
    #[catalog(code = -32803, name = "RequestFailed", message = "Request failed")]
    RequestFailed,
    /// The server cancelled the request.
    #[catalog(code = -32802, name = "ServerCancelled", message = "Server cancelled")]
    ServerCancelled,
    /// The server detected that the content of a document got modified
    /// outside normal conditions.
    #[catalog(code = -32801, name = "ContentModified", message = "Content modified")]
    ContentModified,
    /// The client has canceled a request and a server has detected the cancel.
    #[catalog(code = -32800, name = "RequestCancelled", message = "Request cancelled")]
    RequestCancelled,
}

/// An application's own code in the server range, with a public detail and
/// a private field: what a JSON-RPC error object's `data` carries.
#[derive(Debug, CatalogError)]
pub enum EditorError {
    /// Another editor holds the document.
    #[catalog(code = -32010, name = "DocumentLocked", message = "Document {uri} is locked")]
    DocumentLocked {
        #[catalog(detail)]
        uri: String,
        holder: String,
    },
}

impl EditorError {
    fn holder(&self) -> &str {
        match self {
            Self::DocumentLocked { holder, .. } => holder,
        }
    }
}

fn info() -> &'static error_catalog::CatalogInfo {
    <Catalog as ErrorCatalog>::INFO
}

const ALL: [(&dyn CatalogError<Catalog = Catalog>, i64, &str); 11] = [
    (&JsonRpcError::ParseError, -32700, "Pre-defined errors"),
    (&JsonRpcError::InvalidRequest, -32600, "Pre-defined errors"),
    (&JsonRpcError::MethodNotFound, -32601, "Pre-defined errors"),
    (&JsonRpcError::InvalidParams, -32602, "Pre-defined errors"),
    (&JsonRpcError::InternalError, -32603, "Pre-defined errors"),
    (&LspError::ServerNotInitialized, -32002, "Server errors"),
    (&LspError::UnknownErrorCode, -32001, "Server errors"),
    (&LspError::RequestFailed, -32803, "LSP errors"),
    (&LspError::ServerCancelled, -32802, "LSP errors"),
    (&LspError::ContentModified, -32801, "LSP errors"),
    (&LspError::RequestCancelled, -32800, "LSP errors"),
];

#[test]
fn every_code_is_its_negative_number() {
    assert_eq!(info().format().shape(), Shape::Flat);
    assert!(info().format().is_signed());
    assert!(!info().is_http());
    for (error, number, module) in ALL {
        assert_eq!(error.code_str(), number.to_string());
        assert_eq!(error.entry().number(), number);
        assert_eq!(error.code().number(), number);
        assert_eq!(error.entry().module_name(), module, "{number}");
        assert_eq!(error.code().module_name(), Some(module), "{number}");
    }
}

#[test]
fn negative_codes_parse_back_and_near_misses_fail() {
    for (error, number, _) in ALL {
        let parsed: Code<Catalog> = error.code_str().parse().unwrap();
        assert_eq!(parsed, error.code());
        assert_eq!(parsed.number(), number);
    }
    assert_eq!("-0".parse::<Code<Catalog>>(), Err(ParseCodeError::Digits));
    assert_eq!("-032601".parse::<Code<Catalog>>(), Err(ParseCodeError::Digits));
    assert_eq!("--32601".parse::<Code<Catalog>>(), Err(ParseCodeError::Digits));
    assert_eq!("+32601".parse::<Code<Catalog>>(), Err(ParseCodeError::Digits));
    assert_eq!("-".parse::<Code<Catalog>>(), Err(ParseCodeError::Digits));
    assert_eq!("-32601 ".parse::<Code<Catalog>>(), Err(ParseCodeError::Suffix));
    // Below the catalog's `start`, which is i32's smallest number.
    assert_eq!("-2147483649".parse::<Code<Catalog>>(), Err(ParseCodeError::ZeroCode));
    assert_eq!("-99999999999999999999".parse::<Code<Catalog>>(), Err(ParseCodeError::Digits));
    // Application-defined codes, positive or negative, are the format's too.
    assert_eq!("7".parse::<Code<Catalog>>().map(Code::number), Ok(7));
    assert_eq!(Code::<Catalog>::new(0, -1).map(|code| code.to_string()).as_deref(), Some("-1"));
    assert!(Code::<Catalog>::new(0, -2_147_483_649).is_none());
}

#[test]
fn the_ranges_are_the_modules_of_the_documents() {
    let modules = registry::modules_of::<Catalog>();
    let names: Vec<(&str, usize)> = modules.iter().map(|(module, entries)| (module.name(), entries.len())).collect();
    assert_eq!(names, [("LSP errors", 4), ("Pre-defined errors", 5), ("Server errors", 3)]);
    assert_eq!(info().modules()[0].range(), Some((-32899, -32800)));
    assert_eq!(info().modules()[0].reserved_ranges(), &[(-32899, -32804)]);
    assert!(info().is_in_reserved_range(-32850));
    assert!(!info().is_in_reserved_range(-32803));

    let page = render::markdown(info(), &modules);
    assert!(page.contains("## Range -32899 to -32800: LSP errors"), "{page}");
    assert!(page.contains("- **Range -32099 to -32000** - Server errors"), "{page}");
    assert!(page.contains("| `-32601` | `MethodNotFound` | Method not found"), "{page}");
    assert!(page.contains("Error number, from -2147483648"), "{page}");

    let json = serde_json::to_value(render::Document::new(info(), &modules)).unwrap();
    assert_eq!(json["catalog"]["start"], -2_147_483_648_i64);
    let first = &json["modules"][0];
    assert_eq!(first["range"], serde_json::json!([-32899, -32800]));
    assert_eq!(first["reserved_ranges"], serde_json::json!([[-32899, -32804]]));
    let method = json["entries"].as_array().unwrap().iter().find(|entry| entry["code"] == "-32601").unwrap();
    assert_eq!(method["number"], -32601);
    assert_eq!(method["module_name"], "Pre-defined errors");
}

#[test]
fn the_client_modules_carry_the_numbers() {
    let modules = registry::modules_of::<Catalog>();
    let ts = typescript::source(info(), &modules);
    assert!(ts.contains("\"-32601\": {\n    number: -32601,"), "{ts}");
    let py = python::source(info(), &modules);
    assert!(py.contains("    number: int\n"), "{py}");
    assert!(py.contains("\"-32601\",\n        -32601,\n"), "{py}");
}

proptest! {
    #[test]
    fn every_number_from_start_round_trips(number in -2_147_483_648_i64..=i64::MAX) {
        let code = Code::<Catalog>::new(0, number).unwrap();
        let text = code.to_string();
        prop_assert_eq!(&text, &number.to_string());
        prop_assert_eq!(text.parse::<Code<Catalog>>(), Ok(code));
    }
}

#[test]
fn a_negative_code_round_trips_through_a_body_and_the_client() {
    let error = JsonRpcError::MethodNotFound;
    let bytes = serde_json::to_vec(&error_catalog::body::Body::new(&error)).unwrap();
    let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(body["error_code"], "-32601");
    let remote = error_catalog::client::RemoteError::parse(error.status(), &bytes).unwrap();
    assert_eq!(remote.code(), "-32601");
    assert!(remote.is::<JsonRpcError>());
    let code = remote.typed_code::<Catalog>().unwrap();
    assert_eq!((code, code.number()), (error.code(), -32601));
    assert!(std::ptr::eq(remote.entry().unwrap(), error.entry()));
}

/// The built-in page in this catalog's own words, committed
/// (`tests/data/catalogs/jsonrpc.md`); the JSON document, read back, renders
/// the same page and the same document.
#[test]
fn the_built_in_page_is_committed_and_the_document_reads_back() {
    let modules = registry::modules_of::<Catalog>();
    let page = render::markdown(info(), &modules);
    error_catalog::testing::assert_file_current(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/catalogs/jsonrpc.md"),
        &page,
    );
    #[cfg(feature = "serde_json")]
    {
        let json = serde_json::to_string_pretty(&render::Document::new(info(), &modules)).unwrap();
        let loaded = render::Loaded::from_json(&json).unwrap();
        assert_eq!(render::markdown(loaded.info(), &loaded.modules()), page);
        assert_eq!(serde_json::to_string_pretty(&loaded.document()).unwrap(), json);
    }
}

/// A jsonrpsee server whose methods return catalog errors, and jsonrpsee's
/// HTTP client, over loopback: what the client reports is the catalog's
/// code, message and data, and `RemoteError` reads it back, from the
/// client's error object and from the raw response.
#[cfg(feature = "jsonrpsee")]
mod over_jsonrpsee {
    use super::{EditorError, JsonRpcError, LspError};
    use error_catalog::CatalogError;
    use error_catalog::client::RemoteError;
    use jsonrpsee_core::client::{ClientT as _, Error as ClientError};
    use jsonrpsee_core::rpc_params;
    use jsonrpsee_http_client::HttpClient;
    use jsonrpsee_server::types::ErrorObjectOwned;
    use jsonrpsee_server::{RpcModule, Server, ServerHandle};

    const HOLDER: &str = "alice@example.com";

    async fn serve() -> (String, ServerHandle) {
        let server = Server::builder().build("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", server.local_addr().unwrap());
        let mut module = RpcModule::new(());
        module
            .register_method("document/open", |params, _, _| -> Result<String, ErrorObjectOwned> {
                let uri: String = params.one().map_err(|_| JsonRpcError::InvalidParams)?;
                Err(EditorError::DocumentLocked { uri, holder: HOLDER.into() }.into())
            })
            .unwrap();
        module
            .register_method("initialized", |_, _, _| -> Result<(), LspError> { Err(LspError::ServerNotInitialized) })
            .unwrap();
        (url, server.start(module))
    }

    /// The error object the client reports for a call, and the raw response
    /// of the same call.
    async fn call(
        url: &str,
        method: &str,
        params: jsonrpsee_core::params::ArrayParams,
        raw: serde_json::Value,
    ) -> (ErrorObjectOwned, Vec<u8>) {
        let client = HttpClient::builder().build(url).unwrap();
        let object = match client.request::<serde_json::Value, _>(method, params).await {
            Err(ClientError::Call(object)) => object,
            other => panic!("{method}: expected an error object, got {other:?}"),
        };
        let body = serde_json::json!({"jsonrpc": "2.0", "id": 7, "method": method, "params": raw});
        let response = reqwest::Client::new().post(url).json(&body).send().await.unwrap();
        (object, response.bytes().await.unwrap().to_vec())
    }

    #[tokio::test]
    async fn the_client_reports_the_code_message_and_data() {
        let (url, server) = serve().await;
        let (object, raw) =
            call(&url, "document/open", rpc_params!["file:///a.rs"], serde_json::json!(["file:///a.rs"])).await;
        assert_eq!(object.code(), -32010);
        assert_eq!(object.message(), "Document file:///a.rs is locked");
        let data: serde_json::Value = serde_json::from_str(object.data().unwrap().get()).unwrap();
        assert_eq!(data, serde_json::json!({"error_code": "-32010", "details": {"uri": "file:///a.rs"}}));

        let locked = EditorError::DocumentLocked { uri: "file:///a.rs".into(), holder: HOLDER.into() };
        for remote in [RemoteError::from_error_object(&object).unwrap(), RemoteError::parse_jsonrpc(&raw).unwrap()] {
            assert!(remote.is::<EditorError>());
            assert_eq!((remote.code(), remote.jsonrpc_code()), ("-32010", Some(-32010)));
            assert_eq!(remote.message(), "Document file:///a.rs is locked");
            assert_eq!(remote.detail("uri"), Some(&serde_json::json!("file:///a.rs")));
            assert_eq!(remote.details().len(), 1);
            assert!(std::ptr::eq(remote.entry().unwrap(), locked.entry()));
        }
        let raw = String::from_utf8(raw).unwrap();
        assert!(raw.contains(r#""id":7"#), "{raw}");
        assert!(!raw.contains(locked.holder()), "the private field reached the wire: {raw}");
        server.stop().unwrap();
    }

    #[tokio::test]
    async fn catalog_errors_and_jsonrpsee_s_own_read_back_alike() {
        let (url, server) = serve().await;
        // A catalog error the method returns as its own error type.
        let (object, raw) = call(&url, "initialized", rpc_params![], serde_json::json!([])).await;
        assert_eq!((object.code(), object.message()), (-32002, "Server not initialized"));
        let remote = RemoteError::parse_jsonrpc(&raw).unwrap();
        assert!(remote.is::<LspError>());
        assert_eq!(remote.code(), "-32002");
        // A parameter the method cannot read: the catalog's -32602.
        let (object, _) = call(&url, "document/open", rpc_params![], serde_json::json!([])).await;
        assert_eq!((object.code(), object.message()), (-32602, "Invalid params"));
        assert_eq!(object.data().unwrap().get(), r#"{"error_code":"-32602"}"#);
        // jsonrpsee's own answer to an unknown method, without catalog data:
        // its integer is the code of this catalog.
        let (object, raw) = call(&url, "shutdown", rpc_params![], serde_json::json!([])).await;
        assert_eq!(object.code(), -32601);
        for remote in [RemoteError::from_error_object(&object).unwrap(), RemoteError::parse_jsonrpc(&raw).unwrap()] {
            assert!(remote.is::<JsonRpcError>());
            assert_eq!(remote.entry().map(|entry| entry.code()), Some(JsonRpcError::MethodNotFound.code_str()));
            assert_eq!(remote.status(), 500);
        }
        server.stop().unwrap();
    }
}

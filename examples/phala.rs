//! The 29 public error codes of the Phala Cloud API, as annotated Rust types.
//!
//! The published catalog (`tests/data/phala-error-codes.mdx`) gives every
//! code its class name, its public message and a description; each message
//! and description below is copied from it verbatim, the description as the
//! doc comment of the type or variant. Run it with
//! `cargo run --example phala`: it prints the catalog page, byte for byte the
//! published one, rendered from these types; `-- --json` prints it as JSON,
//! `-- --typescript` and `-- --python` as modules for clients, and
//! `-- --list` one line per code, from values of each type; with
//! `--features html`, `-- --site DIR` writes the HTML error index.
//!
//! # HTTP statuses
//!
//! The catalog states five statuses: `ERR-01-004` answers 409 and the
//! on-chain KMS errors `ERR-01-005` to `ERR-01-008` answer the custom
//! statuses 465 to 468. The others are chosen here as the API plausibly
//! returns them:
//!
//! - **404 Not Found** for every lookup that finds nothing: the `*NotFound*`
//!   errors, and `OsImageNotCompatibleError`, which says the same words as
//!   `ImageNotFoundError` ("The requested operating system image is not
//!   available") and so must not be told apart by its status.
//!   `CvmAccessDeniedError` is a 404 on purpose: its message is the one of
//!   `CvmNotFoundError`, so that a caller cannot learn whether a CVM it may
//!   not see exists; a 403 would tell.
//! - **400 Bad Request** (the catalog's `default_status`, so these errors do
//!   not repeat it) for a request or a compose file that is wrong in itself:
//!   `ComposeFileRequiredError`, `InvalidComposeFileError`,
//!   `InvalidRequestError`, `IncompatibleConfigurationError`.
//! - **409 Conflict** for `MultipleCvmsWithSameNameError`: the name is
//!   ambiguous in the workspace's current state.
//! - **402 Payment Required** for `InsufficientBalanceError`.
//! - **403 Forbidden** for what the account is not allowed, whatever the
//!   state of the cluster: `QuotaExceededError`, `MaxCvmLimitError`,
//!   `ResourceLimitExceededError`, and `TeepodNotAccessibleError` (the node
//!   exists, the team may not deploy to it).
//! - **409 Conflict** for every capacity or availability error of the
//!   inventory (`ResourceNotAvailableError`, `GpuAllocationError`,
//!   `NodeCapacityNotConfiguredError` and the `CapacityError` variants). The
//!   request is valid but conflicts with the current state of the node it
//!   targets, and the cure is on the client's side: pick another node or a
//!   smaller instance type. A 503 would say the service itself is down:
//!   HTTP clients would retry the same request unchanged and monitoring
//!   would count a server fault, for what is an ordinary, expected answer.
//!
//! # gRPC status codes
//!
//! With the `tonic` feature every error is also a gRPC status. Most codes
//! follow from their HTTP status by the table of `google/rpc/code.proto`
//! (404 `NOT_FOUND`, 409 `ALREADY_EXISTS`, 403 `PERMISSION_DENIED`...).
//! The custom statuses 465 to 468 have no entry there, so each states its
//! code with `grpc = "..."`, chosen by what a gRPC client should do:
//!
//! - **465 `HashRegistrationRequired`: `FAILED_PRECONDITION`.** The
//!   request is right but the system is not in the state it needs (the hash
//!   is not registered on-chain yet); the client fixes that state, then
//!   sends the same request again.
//! - **466 `HashInvalidOrExpired`: `FAILED_PRECONDITION`.** An expired hash
//!   was valid once: what is wrong is its registration's state, not the
//!   request's form (that would be `INVALID_ARGUMENT`), and the cure is the
//!   same as for 465, registering it again.
//! - **467 `TxVerificationFailed`: `ABORTED`.** The registration
//!   transaction did not verify on-chain; `code.proto` gives `ABORTED` to a
//!   transaction abort that the client retries "at a higher level": send the
//!   registration transaction again, then the request. Not `UNAVAILABLE`,
//!   which would make clients resend the same request at once.
//! - **468 `HashNotAllowed`: `PERMISSION_DENIED`.** The application's
//!   contract refuses this compose hash: an authorization decision, which
//!   only the contract's owner can change; the client must not retry.
//!
//! One code keeps the documented default of a 4xx outside the table,
//! `FAILED_PRECONDITION`: `InsufficientBalanceError` (402), which is just
//! that (the account's state forbids the request until it is topped up).
//! `tests/grpc.rs` pins that list with `testing::grpc_fallbacks`. The
//! catalog's `domain` names the API in each status's `ErrorInfo`.

use error_catalog::{CatalogError, ErrorCatalog};

/// The catalog of the Phala Cloud API: the code format, the default status
/// and the four modules.
#[derive(ErrorCatalog)]
#[catalog(
    format = "ERR-{module:02}-{code:03}",
    default_status = 400,
    api = "Phala Cloud API",
    domain = "cloud-api.phala.network"
)]
pub enum Catalog {
    /// Module 01: creating a CVM, and the checks before it.
    #[module(1, name = "CVM API / Preflight")]
    Preflight,
    /// Module 02: nodes, instance types, images and capacity.
    #[module(2, name = "Inventory")]
    Inventory,
    /// Module 03: operations on existing CVMs.
    #[module(3, name = "CVM Operations")]
    CvmOperations,
    /// Module 04: the team's workspace: balance and limits.
    #[module(4, name = "Workspace")]
    Workspace,
}

/// Module 01: CVM API / Preflight.
pub mod preflight {
    use error_catalog::CatalogError;
    use serde::Serialize;

    /// Raised when specified node is not found
    #[derive(Debug, CatalogError)]
    #[catalog(module = 1, code = 1, status = 404, message = "The requested node is not available")]
    pub struct NodeNotFoundError {
        /// The node (teepod) the request named.
        #[catalog(detail)]
        pub node_id: u32,
    }

    /// Raised when compose_file is required but not provided
    // The description is the catalog's, word for word: backticks around
    // `compose_file` would reach it.
    #[allow(clippy::doc_markdown)]
    #[derive(Debug, CatalogError)]
    #[catalog(module = 1, code = 2, message = "The request contains invalid parameters")]
    pub struct ComposeFileRequiredError;

    /// Raised when Docker Compose file is invalid
    #[derive(Debug, CatalogError)]
    #[catalog(module = 1, code = 3, message = "The Docker Compose file contains errors")]
    pub struct InvalidComposeFileError {
        /// Where in the file the error is (`services.web.ports[0]`).
        #[catalog(detail = "location")]
        pub path: String,
        /// What the YAML parser said: for the logs only, it may quote the
        /// user's secrets back.
        parser_error: String,
    }

    impl InvalidComposeFileError {
        /// An invalid compose file, at `path`, with the parser's own words.
        #[must_use]
        pub fn new(path: impl Into<String>, parser_error: impl Into<String>) -> Self {
            Self { path: path.into(), parser_error: parser_error.into() }
        }

        /// The parser's message, for the logs.
        #[must_use]
        pub fn parser_error(&self) -> &str {
            &self.parser_error
        }
    }

    /// Raised when a CVM name already exists in the workspace (HTTP 409)
    #[derive(Debug, CatalogError)]
    #[catalog(module = 1, code = 4, status = 409, message = "A CVM with name '{name}' already exists")]
    pub struct DuplicateCvmNameError {
        /// The name asked for.
        #[catalog(detail)]
        pub name: String,
    }

    /// The KMS a compose hash must be registered with: the API's KMS object,
    /// as `GET /kms` lists it and the SDKs read it (`KmsInfoSchema` in
    /// `@phala/cloud`, `models.KmsInfo` in `phala-cloud`). Every key is
    /// always written, `null` when absent: the TypeScript schema requires
    /// the nullable ones to be present.
    #[derive(Debug, Clone, Serialize)]
    pub struct KmsInfo {
        /// The KMS's id (`kms-base-prod`).
        pub id: String,
        /// Its short name in URLs, when it has one.
        pub slug: Option<String>,
        /// The URL of the KMS.
        pub url: String,
        /// The version of the KMS software (`v0.5.3`).
        pub version: String,
        /// The chain the KMS contract lives on (8453 for Base), `None` for
        /// a KMS that is not on-chain.
        pub chain_id: Option<u64>,
        /// The address of the KMS contract, for an on-chain KMS.
        pub kms_contract_address: Option<String>,
        /// The app id of the gateway the KMS serves, when it has one.
        pub gateway_app_id: Option<String>,
    }

    impl KmsInfo {
        /// The KMS on Base that the examples and tests use.
        pub fn base_prod() -> Self {
            Self {
                id: "kms-base-prod".into(),
                slug: Some("kms-base-prod".into()),
                url: "https://kms.phala.network".into(),
                version: "v0.5.3".into(),
                chain_id: Some(8453),
                kms_contract_address: Some("0x2f83172A49584C017F2B256F0FB2Dca14126Ba9C".into()),
                gateway_app_id: None,
            }
        }
    }

    /// Raised when compose hash needs to be registered on-chain (HTTP 465)
    ///
    /// A CVM of an application whose KMS is on-chain runs only a compose
    /// file whose hash the application's contract allows. The body's
    /// `details` carry what the registration needs: the `compose_hash`, the
    /// `app_id`, the `device_id` and the `kms_info` of the KMS.
    ///
    /// ## How to fix it
    ///
    /// Register the hash with the application's contract on the KMS's
    /// chain, then send the same request again. The body names the hash:
    ///
    /// ```json
    /// {"error_code": "ERR-01-005", "message": "Compose hash registration required on-chain",
    ///  "details": [{"field": "compose_hash", "value": "0x3f1c...", "message": null}]}
    /// ```
    #[derive(Debug, CatalogError)]
    #[catalog(
        module = 1,
        code = 5,
        status = 465,
        grpc = "FAILED_PRECONDITION",
        name = "HashRegistrationRequired",
        message = "Compose hash registration required on-chain"
    )]
    pub struct HashRegistrationRequiredError {
        /// The hash of the compose file to register.
        #[catalog(detail)]
        pub compose_hash: String,
        /// The application the hash belongs to.
        #[catalog(detail)]
        pub app_id: String,
        /// The device the CVM is to run on.
        #[catalog(detail)]
        pub device_id: String,
        /// Where to register it.
        #[catalog(detail)]
        pub kms_info: KmsInfo,
    }

    /// The on-chain checks of a compose hash, each with its own status.
    #[derive(Debug, CatalogError)]
    #[catalog(module = 1)]
    pub enum ComposeHashError {
        /// Raised when compose hash is invalid or expired (HTTP 466)
        #[catalog(
            code = 6,
            status = 466,
            grpc = "FAILED_PRECONDITION",
            name = "HashInvalidOrExpired",
            message = "The provided compose hash is invalid or has expired"
        )]
        InvalidOrExpired {
            /// The hash the client sent.
            #[catalog(detail)]
            compose_hash: String,
        },
        /// Raised when transaction verification fails (HTTP 467)
        #[catalog(
            code = 7,
            status = 467,
            grpc = "ABORTED",
            name = "TxVerificationFailed",
            message = "Transaction verification failed"
        )]
        TxVerificationFailed {
            /// The registration transaction.
            #[catalog(detail)]
            tx_hash: String,
            /// What the RPC node answered: internal.
            rpc_error: String,
        },
        /// Raised when compose hash is not allowed by the contract (HTTP 468)
        #[catalog(
            code = 8,
            status = 468,
            grpc = "PERMISSION_DENIED",
            name = "HashNotAllowed",
            message = "The compose hash is not allowed by the on-chain contract"
        )]
        NotAllowed {
            /// The hash the contract refused.
            #[catalog(detail)]
            compose_hash: String,
            /// The application whose contract refused it.
            #[catalog(detail)]
            app_id: String,
        },
    }
}

/// Module 02: Inventory.
pub mod inventory {
    use error_catalog::CatalogError;

    /// Raised when a requested instance type is not found.
    #[derive(Debug, CatalogError)]
    #[catalog(module = 2, code = 1, status = 404, message = "The requested instance type does not exist")]
    pub struct InstanceTypeNotFoundError {
        /// The instance type asked for (`tdx.medium`).
        #[catalog(detail)]
        pub instance_type: String,
    }

    /// Raised when no suitable resources are found
    #[derive(Debug, CatalogError)]
    #[catalog(module = 2, code = 2, status = 409, message = "No available resources match your requirements")]
    pub struct ResourceNotAvailableError {
        /// The region searched, if the request named one.
        #[catalog(detail)]
        pub region: Option<String>,
        /// How many nodes were considered: internal.
        nodes_considered: usize,
    }

    impl ResourceNotAvailableError {
        /// Nothing fits in `region` among `nodes_considered` nodes.
        #[must_use]
        pub fn new(region: Option<String>, nodes_considered: usize) -> Self {
            Self { region, nodes_considered }
        }

        /// How many nodes the scheduler looked at, for the logs.
        #[must_use]
        pub fn nodes_considered(&self) -> usize {
            self.nodes_considered
        }
    }

    /// A node that cannot host the CVM asked for: each variant a code of
    /// its own, all of them 409 (see the top of the example).
    #[derive(Debug, CatalogError)]
    #[catalog(module = 2, status = 409)]
    pub enum CapacityError {
        /// Raised when teepod has insufficient vCPU resources.
        #[catalog(
            code = 3,
            name = "InsufficientVcpuError",
            message = "The selected node does not have enough CPU capacity"
        )]
        InsufficientVcpu {
            /// The vCPUs asked for.
            #[catalog(detail)]
            requested: u32,
            /// The vCPUs free on the node.
            #[catalog(detail)]
            available: u32,
        },
        /// Raised when teepod has insufficient memory resources.
        #[catalog(
            code = 4,
            name = "InsufficientMemoryError",
            message = "The selected node does not have enough memory"
        )]
        InsufficientMemory {
            /// The memory asked for, in MiB.
            #[catalog(detail = "requested_mb")]
            requested_mib: u64,
            /// The memory free on the node, in MiB.
            #[catalog(detail = "available_mb")]
            available_mib: u64,
        },
        /// Raised when teepod has no available CVM slots.
        #[catalog(
            code = 5,
            name = "InsufficientSlotsError",
            message = "The selected node has reached its maximum capacity"
        )]
        InsufficientSlots {
            /// The full node.
            #[catalog(detail)]
            node_id: u32,
        },
        /// Raised when teepod has insufficient GPU resources.
        #[catalog(
            code = 7,
            name = "InsufficientGpuError",
            message = "The selected node does not have enough GPU resources"
        )]
        InsufficientGpu {
            /// The GPUs asked for.
            #[catalog(detail)]
            requested: u32,
            /// The GPUs free on the node.
            #[catalog(detail)]
            available: u32,
        },
    }

    /// Raised when GPU allocation fails
    #[derive(Debug, CatalogError)]
    #[catalog(module = 2, code = 6, status = 409, message = "The selected node does not have enough GPU resources")]
    pub struct GpuAllocationError {
        /// The node the GPUs were asked of.
        #[catalog(detail)]
        pub node_id: u32,
        /// The device plugin's answer: internal.
        reason: String,
    }

    impl GpuAllocationError {
        /// Allocation on `node_id` failed for `reason`.
        #[must_use]
        pub fn new(node_id: u32, reason: impl Into<String>) -> Self {
            Self { node_id, reason: reason.into() }
        }

        /// Why the allocation failed, for the logs.
        #[must_use]
        pub fn reason(&self) -> &str {
            &self.reason
        }
    }

    /// Raised when request parameters are invalid
    #[derive(Debug, CatalogError)]
    #[catalog(module = 2, code = 8, message = "The request contains invalid parameters")]
    pub struct InvalidRequestError {
        /// The parameter at fault.
        #[catalog(detail)]
        pub field: String,
    }

    /// Raised when resource configuration is not compatible
    #[derive(Debug, CatalogError)]
    #[catalog(module = 2, code = 9, message = "The configuration parameters are not compatible with each other")]
    pub struct IncompatibleConfigurationError {
        /// The parameters that do not go together.
        #[catalog(detail)]
        pub fields: Vec<String>,
    }

    /// Raised when a requested OS image is not found.
    #[derive(Debug, CatalogError)]
    #[catalog(module = 2, code = 10, status = 404, message = "The requested operating system image is not available")]
    pub struct ImageNotFoundError {
        /// The image asked for (`dstack-0.5.3`).
        #[catalog(detail)]
        pub image: String,
    }

    /// Raised when no matching KMS is found on teepod.
    #[derive(Debug, CatalogError)]
    #[catalog(
        module = 2,
        code = 11,
        status = 404,
        message = "The requested security configuration is not available on this node"
    )]
    pub struct KmsNotFoundError {
        /// The KMS asked for.
        #[catalog(detail)]
        pub kms_id: String,
        /// The node searched.
        #[catalog(detail)]
        pub node_id: u32,
    }

    /// Raised when user doesn't have permission to access a teepod.
    #[derive(Debug, CatalogError)]
    #[catalog(module = 2, code = 12, status = 403, message = "The requested node is not available")]
    pub struct TeepodNotAccessibleError {
        /// The node asked for.
        #[catalog(detail)]
        pub node_id: u32,
    }

    /// Raised when no compatible OS image is found.
    #[derive(Debug, CatalogError)]
    #[catalog(module = 2, code = 13, status = 404, message = "The requested operating system image is not available")]
    pub struct OsImageNotCompatibleError {
        /// The image asked for.
        #[catalog(detail)]
        pub image: String,
        /// The node it does not run on.
        #[catalog(detail)]
        pub node_id: u32,
    }

    /// Raised when node capacity is not properly configured.
    #[derive(Debug, CatalogError)]
    #[catalog(module = 2, code = 14, status = 409, message = "The requested node is not available")]
    pub struct NodeCapacityNotConfiguredError {
        /// The node without capacity settings: internal, an operator's
        /// problem rather than the client's.
        node_id: u32,
    }

    impl NodeCapacityNotConfiguredError {
        /// Node `node_id` has no capacity configured.
        #[must_use]
        pub fn new(node_id: u32) -> Self {
            Self { node_id }
        }

        /// The misconfigured node, for the logs.
        #[must_use]
        pub fn node_id(&self) -> u32 {
            self.node_id
        }
    }

    /// Raised when team resource quota would be exceeded.
    #[derive(Debug, CatalogError)]
    #[catalog(module = 2, code = 15, status = 403, message = "Your account has reached its resource quota")]
    pub struct QuotaExceededError {
        /// The resource whose quota is reached (`vcpu`, `memory`, `gpu`).
        #[catalog(detail)]
        pub resource: String,
        /// The team's quota of it.
        #[catalog(detail)]
        pub quota: u64,
    }
}

/// Module 03: CVM Operations.
pub mod cvm {
    use error_catalog::CatalogError;

    /// Raised when a CVM is not found by the given identifier.
    #[derive(Debug, CatalogError)]
    #[catalog(module = 3, code = 1, status = 404, message = "The requested CVM was not found")]
    pub struct CvmNotFoundError {
        /// The identifier the client gave (an id, an app id or a name).
        #[catalog(detail)]
        pub identifier: String,
    }

    /// Raised when multiple CVMs share the same name in a workspace.
    #[derive(Debug, CatalogError)]
    #[catalog(module = 3, code = 2, status = 409, message = "Multiple CVMs have the same name in this workspace")]
    pub struct MultipleCvmsWithSameNameError {
        /// The ambiguous name.
        #[catalog(detail)]
        pub name: String,
        /// How many CVMs carry it.
        #[catalog(detail)]
        pub count: usize,
    }

    /// Raised when user lacks permission for CVM operation.
    ///
    /// The answer is the one of `ERR-03-001` (a CVM that is not found),
    /// status 404 included, so that a caller cannot learn whether a CVM it
    /// may not see exists. (The first paragraph of the doc comment is the
    /// description; the rest, this paragraph, is the code's explanation.)
    ///
    /// ## How to fix it
    ///
    /// - Check that the identifier names a CVM of the team the API key
    ///   belongs to.
    /// - Ask the team's owner for a role that may run the operation.
    #[derive(Debug, CatalogError)]
    #[catalog(module = 3, code = 5, status = 404, message = "The requested CVM was not found")]
    pub struct CvmAccessDeniedError {
        /// The identifier the client gave, as for a CVM that is not found.
        #[catalog(detail)]
        pub identifier: String,
        /// The operation refused (`stop`, `upgrade`): internal, for audit.
        operation: &'static str,
    }

    impl CvmAccessDeniedError {
        /// `operation` on `identifier` is not allowed.
        #[must_use]
        pub fn new(identifier: impl Into<String>, operation: &'static str) -> Self {
            Self { identifier: identifier.into(), operation }
        }

        /// The refused operation, for the audit log.
        #[must_use]
        pub fn operation(&self) -> &'static str {
            self.operation
        }
    }
}

/// Module 04: Workspace.
pub mod workspace {
    use error_catalog::CatalogError;

    /// Raised when account balance is too low
    #[derive(Debug, CatalogError)]
    #[catalog(module = 4, code = 1, status = 402, message = "Your account balance is too low to create new resources")]
    pub struct InsufficientBalanceError {
        /// The balance, in cents.
        #[catalog(detail = "balance_cents")]
        pub balance: i64,
    }

    /// Raised when VM count limit is reached
    #[derive(Debug, CatalogError)]
    #[catalog(module = 4, code = 2, status = 403, message = "Your account has reached the maximum number of instances")]
    pub struct MaxCvmLimitError {
        /// The team's limit.
        #[catalog(detail)]
        pub limit: u32,
    }

    /// Raised when resource limits are exceeded
    #[derive(Debug, CatalogError)]
    #[catalog(module = 4, code = 3, status = 403, message = "The requested resources exceed your account limits")]
    pub struct ResourceLimitExceededError {
        /// The resource over its limit.
        #[catalog(detail)]
        pub resource: String,
        /// The amount asked for.
        #[catalog(detail)]
        pub requested: u64,
        /// The limit.
        #[catalog(detail)]
        pub limit: u64,
    }
}

/// A catalog error of any type.
pub type AnyError = Box<dyn CatalogError<Catalog = Catalog> + Send + Sync>;

/// A sample value of each of the 29 errors, in code order. The dynamic
/// `DuplicateCvmNameError` is for the name `web-1`.
#[must_use]
pub fn all() -> Vec<AnyError> {
    use cvm::{CvmAccessDeniedError, CvmNotFoundError, MultipleCvmsWithSameNameError};
    use inventory::{
        CapacityError, GpuAllocationError, ImageNotFoundError, IncompatibleConfigurationError,
        InstanceTypeNotFoundError, InvalidRequestError, KmsNotFoundError, NodeCapacityNotConfiguredError,
        OsImageNotCompatibleError, QuotaExceededError, ResourceNotAvailableError, TeepodNotAccessibleError,
    };
    use preflight::{
        ComposeFileRequiredError, ComposeHashError, DuplicateCvmNameError, HashRegistrationRequiredError,
        InvalidComposeFileError, KmsInfo, NodeNotFoundError,
    };
    use workspace::{InsufficientBalanceError, MaxCvmLimitError, ResourceLimitExceededError};

    let hash = "0x3f1c9a7e5b2d4c6a8e0f1b3d5c7a9e2f4b6d8c0a1e3f5b7d9c2a4e6f8b0d1c3a";
    let app_id = "e15c1a29a9dfb522da528464a8d5ce40ac28039f";
    let mut errors: Vec<AnyError> = vec![
        Box::new(NodeNotFoundError { node_id: 42 }),
        Box::new(ComposeFileRequiredError),
        Box::new(InvalidComposeFileError::new("services.web.ports[0]", "invalid port mapping: \"80:80:80\"")),
        Box::new(DuplicateCvmNameError { name: "web-1".into() }),
        Box::new(HashRegistrationRequiredError {
            compose_hash: hash.into(),
            app_id: app_id.into(),
            device_id: "7a82191bd4dedb9d716e3aa422963cf1009f36e3068404a0322feca1ce517dc9".into(),
            kms_info: KmsInfo::base_prod(),
        }),
        Box::new(ComposeHashError::InvalidOrExpired { compose_hash: hash.into() }),
        Box::new(ComposeHashError::TxVerificationFailed {
            tx_hash: "0x9b1e".into(),
            rpc_error: "execution reverted".into(),
        }),
        Box::new(ComposeHashError::NotAllowed { compose_hash: hash.into(), app_id: app_id.into() }),
        Box::new(InstanceTypeNotFoundError { instance_type: "tdx.huge".into() }),
        Box::new(ResourceNotAvailableError::new(Some("us-west".into()), 12)),
        Box::new(CapacityError::InsufficientVcpu { requested: 16, available: 4 }),
        Box::new(CapacityError::InsufficientMemory { requested_mib: 65_536, available_mib: 8_192 }),
        Box::new(CapacityError::InsufficientSlots { node_id: 42 }),
        Box::new(GpuAllocationError::new(42, "nvidia device plugin: no free H100")),
        Box::new(CapacityError::InsufficientGpu { requested: 2, available: 1 }),
        Box::new(InvalidRequestError { field: "vcpu".into() }),
        Box::new(IncompatibleConfigurationError { fields: vec!["gpus".into(), "instance_type".into()] }),
        Box::new(ImageNotFoundError { image: "dstack-0.9.9".into() }),
        Box::new(KmsNotFoundError { kms_id: "kms-base-prod".into(), node_id: 42 }),
        Box::new(TeepodNotAccessibleError { node_id: 7 }),
        Box::new(OsImageNotCompatibleError { image: "dstack-nvidia-0.5.3".into(), node_id: 42 }),
        Box::new(NodeCapacityNotConfiguredError::new(42)),
        Box::new(QuotaExceededError { resource: "vcpu".into(), quota: 32 }),
        Box::new(CvmNotFoundError { identifier: "app_e15c1a29".into() }),
        Box::new(MultipleCvmsWithSameNameError { name: "web".into(), count: 2 }),
        Box::new(CvmAccessDeniedError::new("app_e15c1a29", "stop")),
        Box::new(InsufficientBalanceError { balance: -150 }),
        Box::new(MaxCvmLimitError { limit: 10 }),
        Box::new(ResourceLimitExceededError { resource: "memory".into(), requested: 131_072, limit: 65_536 }),
    ];
    errors.sort_by_key(|error| (error.entry().module_number(), error.entry().number()));
    errors
}

/// The published page, rendered from the types above.
pub fn markdown() -> String {
    error_catalog::render::markdown(<Catalog as ErrorCatalog>::INFO, &error_catalog::registry::modules_of::<Catalog>())
}

/// The catalog as JSON, schema `error-catalog/v1`.
pub fn json() -> String {
    let modules = error_catalog::registry::modules_of::<Catalog>();
    let document = error_catalog::render::Document::new(<Catalog as ErrorCatalog>::INFO, &modules);
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

/// The TypeScript module of the catalog, for clients.
pub fn typescript() -> String {
    error_catalog::render::typescript::source(
        <Catalog as ErrorCatalog>::INFO,
        &error_catalog::registry::modules_of::<Catalog>(),
    )
}

/// The Python module of the catalog, for clients.
pub fn python() -> String {
    error_catalog::render::python::source(
        <Catalog as ErrorCatalog>::INFO,
        &error_catalog::registry::modules_of::<Catalog>(),
    )
}

fn main() {
    match std::env::args().nth(1).as_deref() {
        None | Some("--markdown") => print!("{}", markdown()),
        Some("--json") => println!("{}", json()),
        Some("--typescript") => print!("{}", typescript()),
        Some("--python") => print!("{}", python()),
        #[cfg(feature = "html")]
        Some("--site") => {
            // The HTML error index, into the folder named next.
            let dir = std::env::args().nth(2).unwrap_or_else(|| "site".into());
            let site = error_catalog::render::site(
                <Catalog as ErrorCatalog>::INFO,
                &error_catalog::registry::modules_of::<Catalog>(),
            );
            if let Err(error) = error_catalog::render::write_pages(std::path::Path::new(&dir), &site) {
                eprintln!("cannot write the site into {dir}: {error}");
                std::process::exit(1);
            }
        }
        Some("--list") => {
            for error in all() {
                println!("{}  {}  {}  {}", error.code_str(), error.status(), error.class_name(), error.message());
            }
        }
        Some(other) => {
            eprintln!("unknown option {other}: use --markdown (the default), --json, --typescript, --python or --list");
            std::process::exit(2);
        }
    }
}

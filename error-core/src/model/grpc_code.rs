//! gRPC status codes, and what the catalog's HTTP statuses become in gRPC.
//!
//! This module needs no gRPC library: it is the table an integration (the
//! `tonic` feature) reads, and what `#[catalog(grpc = "...")]` names.

use core::fmt;

/// A gRPC status code (`google.rpc.Code`), by its canonical name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
#[repr(u8)]
pub enum GrpcCode {
    /// `OK` (0): not an error.
    Ok = 0,
    /// `CANCELLED` (1).
    Cancelled = 1,
    /// `UNKNOWN` (2).
    Unknown = 2,
    /// `INVALID_ARGUMENT` (3).
    InvalidArgument = 3,
    /// `DEADLINE_EXCEEDED` (4).
    DeadlineExceeded = 4,
    /// `NOT_FOUND` (5).
    NotFound = 5,
    /// `ALREADY_EXISTS` (6).
    AlreadyExists = 6,
    /// `PERMISSION_DENIED` (7).
    PermissionDenied = 7,
    /// `RESOURCE_EXHAUSTED` (8).
    ResourceExhausted = 8,
    /// `FAILED_PRECONDITION` (9).
    FailedPrecondition = 9,
    /// `ABORTED` (10).
    Aborted = 10,
    /// `OUT_OF_RANGE` (11).
    OutOfRange = 11,
    /// `UNIMPLEMENTED` (12).
    Unimplemented = 12,
    /// `INTERNAL` (13).
    Internal = 13,
    /// `UNAVAILABLE` (14).
    Unavailable = 14,
    /// `DATA_LOSS` (15).
    DataLoss = 15,
    /// `UNAUTHENTICATED` (16).
    Unauthenticated = 16,
}

/// Every code, in numeric order.
const ALL: [GrpcCode; 17] = [
    GrpcCode::Ok,
    GrpcCode::Cancelled,
    GrpcCode::Unknown,
    GrpcCode::InvalidArgument,
    GrpcCode::DeadlineExceeded,
    GrpcCode::NotFound,
    GrpcCode::AlreadyExists,
    GrpcCode::PermissionDenied,
    GrpcCode::ResourceExhausted,
    GrpcCode::FailedPrecondition,
    GrpcCode::Aborted,
    GrpcCode::OutOfRange,
    GrpcCode::Unimplemented,
    GrpcCode::Internal,
    GrpcCode::Unavailable,
    GrpcCode::DataLoss,
    GrpcCode::Unauthenticated,
];

impl GrpcCode {
    /// The canonical name (`FAILED_PRECONDITION`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "OK",
            Self::Cancelled => "CANCELLED",
            Self::Unknown => "UNKNOWN",
            Self::InvalidArgument => "INVALID_ARGUMENT",
            Self::DeadlineExceeded => "DEADLINE_EXCEEDED",
            Self::NotFound => "NOT_FOUND",
            Self::AlreadyExists => "ALREADY_EXISTS",
            Self::PermissionDenied => "PERMISSION_DENIED",
            Self::ResourceExhausted => "RESOURCE_EXHAUSTED",
            Self::FailedPrecondition => "FAILED_PRECONDITION",
            Self::Aborted => "ABORTED",
            Self::OutOfRange => "OUT_OF_RANGE",
            Self::Unimplemented => "UNIMPLEMENTED",
            Self::Internal => "INTERNAL",
            Self::Unavailable => "UNAVAILABLE",
            Self::DataLoss => "DATA_LOSS",
            Self::Unauthenticated => "UNAUTHENTICATED",
        }
    }

    /// The number on the wire (`9` for `FAILED_PRECONDITION`).
    #[must_use]
    pub const fn number(self) -> i32 {
        self as i32
    }

    /// The code with this number, if there is one.
    #[must_use]
    pub fn from_number(number: i32) -> Option<Self> {
        usize::try_from(number).ok().and_then(|index| ALL.get(index)).copied()
    }

    /// The code with this canonical name (`FAILED_PRECONDITION`).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        ALL.iter().copied().find(|code| code.as_str() == name)
    }

    /// The code the "HTTP Mapping" comments of `google/rpc/code.proto` give
    /// an HTTP status, if they give one: 400 `INVALID_ARGUMENT`, 401
    /// `UNAUTHENTICATED`, 403 `PERMISSION_DENIED`, 404 `NOT_FOUND`, 409
    /// `ALREADY_EXISTS`, 429 `RESOURCE_EXHAUSTED`, 499 `CANCELLED`, 500
    /// `INTERNAL`, 501 `UNIMPLEMENTED`, 503 `UNAVAILABLE`, 504
    /// `DEADLINE_EXCEEDED`.
    #[must_use]
    pub const fn from_http(status: u16) -> Option<Self> {
        Some(match status {
            400 => Self::InvalidArgument,
            401 => Self::Unauthenticated,
            403 => Self::PermissionDenied,
            404 => Self::NotFound,
            409 => Self::AlreadyExists,
            429 => Self::ResourceExhausted,
            499 => Self::Cancelled,
            500 => Self::Internal,
            501 => Self::Unimplemented,
            503 => Self::Unavailable,
            504 => Self::DeadlineExceeded,
            _ => return None,
        })
    }

    /// The code for a status outside that table: `FAILED_PRECONDITION` for
    /// a client error (4xx), `INTERNAL` for a server error (5xx), `UNKNOWN`
    /// otherwise. An error that means something else says
    /// `#[catalog(grpc = "...")]`, and
    /// [`testing::grpc_fallbacks`](crate::testing::grpc_fallbacks) lists
    /// those that do not.
    ///
    /// Why these two: a fallback must keep the side of the fault and must
    /// not invite a retry. A 4xx outside the table is mostly a request that
    /// is well formed but cannot be served as things stand (402, 410, 412,
    /// 423, 428, 451, and custom statuses such as Phala's 465 to 468): a
    /// malformed one would be a plain 400, `INVALID_ARGUMENT`. That is
    /// `FAILED_PRECONDITION`, which gRPC clients do not retry. `UNKNOWN`
    /// would count a client's mistake as a server fault; `UNAVAILABLE`,
    /// `ABORTED` or `RESOURCE_EXHAUSTED` would make clients send the same
    /// request again. A 5xx outside the table (502, 505, 507...) is a fault
    /// of the server that a retry need not cure: `INTERNAL`, which is not
    /// retried either, where `UNAVAILABLE` would be.
    #[must_use]
    pub const fn fallback_for_http(status: u16) -> Self {
        match status {
            400..=499 => Self::FailedPrecondition,
            500..=599 => Self::Internal,
            _ => Self::Unknown,
        }
    }

    /// The HTTP status that the "HTTP Mapping" comments of
    /// `google/rpc/code.proto` give this code: what
    /// [`RemoteError`](crate::client::RemoteError) reports as the status of
    /// an error read from a gRPC status. `OK` is 200; `FAILED_PRECONDITION`
    /// and `OUT_OF_RANGE` are 400 beside `INVALID_ARGUMENT`, `ABORTED` 409
    /// beside `ALREADY_EXISTS`, `UNKNOWN` and `DATA_LOSS` 500 beside
    /// `INTERNAL`.
    #[must_use]
    pub const fn http_status(self) -> u16 {
        match self {
            Self::Ok => 200,
            Self::InvalidArgument | Self::FailedPrecondition | Self::OutOfRange => 400,
            Self::Unauthenticated => 401,
            Self::PermissionDenied => 403,
            Self::NotFound => 404,
            Self::AlreadyExists | Self::Aborted => 409,
            Self::ResourceExhausted => 429,
            Self::Cancelled => 499,
            Self::Unknown | Self::Internal | Self::DataLoss => 500,
            Self::Unimplemented => 501,
            Self::Unavailable => 503,
            Self::DeadlineExceeded => 504,
        }
    }
}

impl fmt::Display for GrpcCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::{ALL, GrpcCode};

    #[test]
    fn numbers_and_names_round_trip() {
        for (number, code) in ALL.iter().enumerate() {
            assert_eq!(usize::try_from(code.number()).unwrap(), number);
            assert_eq!(GrpcCode::from_number(code.number()), Some(*code));
            assert_eq!(GrpcCode::from_name(code.as_str()), Some(*code));
        }
        assert_eq!(GrpcCode::from_number(17), None);
        assert_eq!(GrpcCode::from_number(-1), None);
        assert_eq!(GrpcCode::from_name("failed_precondition"), None);
    }

    #[test]
    fn the_table_and_its_way_back_agree() {
        for status in 100..=999 {
            if let Some(code) = GrpcCode::from_http(status) {
                assert_eq!(code.http_status(), status, "{code}");
            } else {
                let fallback = GrpcCode::fallback_for_http(status);
                assert_eq!(fallback.http_status() / 100, if (400..600).contains(&status) { status / 100 } else { 5 });
            }
        }
    }
}

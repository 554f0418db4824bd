//! HTTP reason phrases, for the default message of an error without one.

use crate::model::entry::{MessageTemplate, Piece};

macro_rules! phrases {
    ($($status:literal => $phrase:literal,)*) => {
        /// The reason phrase RFC 9110 gives `status`, if it gives one.
        #[must_use]
        pub const fn reason_phrase(status: u16) -> Option<&'static str> {
            match status {
                $($status => Some($phrase),)*
                _ => None,
            }
        }

        /// The message of an error that declares none: its status's reason
        /// phrase, or `Request failed` for a status without one.
        pub(crate) const fn phrase_template(status: u16) -> MessageTemplate {
            match status {
                $($status => MessageTemplate { __template: $phrase, __pieces: &[Piece::Text($phrase)] },)*
                _ => MessageTemplate { __template: "Request failed", __pieces: &[Piece::Text("Request failed")] },
            }
        }
    };
}

phrases! {
    400 => "Bad Request",
    401 => "Unauthorized",
    402 => "Payment Required",
    403 => "Forbidden",
    404 => "Not Found",
    405 => "Method Not Allowed",
    406 => "Not Acceptable",
    407 => "Proxy Authentication Required",
    408 => "Request Timeout",
    409 => "Conflict",
    410 => "Gone",
    411 => "Length Required",
    412 => "Precondition Failed",
    413 => "Content Too Large",
    414 => "URI Too Long",
    415 => "Unsupported Media Type",
    416 => "Range Not Satisfiable",
    417 => "Expectation Failed",
    421 => "Misdirected Request",
    422 => "Unprocessable Content",
    426 => "Upgrade Required",
    428 => "Precondition Required",
    429 => "Too Many Requests",
    431 => "Request Header Fields Too Large",
    451 => "Unavailable For Legal Reasons",
    500 => "Internal Server Error",
    501 => "Not Implemented",
    502 => "Bad Gateway",
    503 => "Service Unavailable",
    504 => "Gateway Timeout",
    505 => "HTTP Version Not Supported",
}

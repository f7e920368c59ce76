//! Status codes of the ABI and the SDK's error type.
use std::fmt;

/// A status code returned by a host call (docs/abi.md, "Status codes").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Status(pub i32);

impl Status {
    pub const OK: Status = Status(0);
    pub const NOT_FOUND: Status = Status(1);
    pub const BAD_ARGUMENT: Status = Status(2);
    pub const INVALID_MEMORY: Status = Status(3);
    pub const BUFFER_TOO_SMALL: Status = Status(4);
    pub const LIMIT_EXCEEDED: Status = Status(5);
    pub const UNSUPPORTED: Status = Status(6);
    pub const ACCESS_DENIED: Status = Status(7);
    pub const TIMEOUT: Status = Status(8);
    pub const UNAVAILABLE: Status = Status(9);
    pub const INTERNAL: Status = Status(10);
    pub const NO_SUCH_STORE: Status = Status(11);
    pub const VALUE_TOO_LARGE: Status = Status(12);
    pub const CONFLICT: Status = Status(13);
    pub const DESTINATION_NOT_ALLOWED: Status = Status(14);
    pub const INVALID_URL: Status = Status(15);
    pub const REQUEST_ERROR: Status = Status(16);
    pub const TOO_MANY_REQUESTS: Status = Status(17);
    pub const RESPONSE_TOO_LARGE: Status = Status(18);

    const NAMES: [&'static str; 19] = [
        "OK", "NOT_FOUND", "BAD_ARGUMENT", "INVALID_MEMORY", "BUFFER_TOO_SMALL", "LIMIT_EXCEEDED", "UNSUPPORTED",
        "ACCESS_DENIED", "TIMEOUT", "UNAVAILABLE", "INTERNAL", "NO_SUCH_STORE", "VALUE_TOO_LARGE", "CONFLICT",
        "DESTINATION_NOT_ALLOWED", "INVALID_URL", "REQUEST_ERROR", "TOO_MANY_REQUESTS", "RESPONSE_TOO_LARGE",
    ];

    /// The code's name as docs/abi.md spells it; "?" for a code this SDK does not know.
    pub fn name(self) -> &'static str {
        usize::try_from(self.0).ok().and_then(|i| Self::NAMES.get(i).copied()).unwrap_or("?")
    }

    pub(crate) fn check(code: i32) -> Result<(), Error> {
        if code == 0 {
            Ok(())
        } else {
            Err(Error::Host(Status(code)))
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Why an SDK call failed.
#[derive(Debug)]
pub enum Error {
    /// The host answered this status (for an outbound call: why it was refused or failed; the app's log says more).
    Host(Status),
    /// A request or response could not be expressed (a bad header name or value, a bad method).
    Http(http::Error),
    /// The host's answer was not in the form docs/abi.md specifies.
    Malformed,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Host(status) => write!(f, "host call failed: {}", status),
            Error::Http(e) => write!(f, "invalid http message: {}", e),
            Error::Malformed => f.write_str("malformed answer from the host"),
        }
    }
}

impl std::error::Error for Error {}

impl From<http::Error> for Error {
    fn from(e: http::Error) -> Self {
        Error::Http(e)
    }
}

/// So that a handler returning `Result<_, String>` can use `?` on SDK calls.
impl From<Error> for String {
    fn from(e: Error) -> Self {
        e.to_string()
    }
}

/// A handler's result with any error type, FastEdge style: `?` works on SDK calls, `http` errors, strings and
/// any `std::error::Error`.
pub type Result<T, E = Box<dyn std::error::Error + Send + Sync>> = std::result::Result<T, E>;

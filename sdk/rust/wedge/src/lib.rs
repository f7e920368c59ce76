//! The wedge SDK for Rust: write a wedge app (docs/abi.md) as one function.
//!
//! ```ignore
//! use wedge::{Context, Request, Response};
//!
//! #[wedge::handler]
//! fn hello(_ctx: &Context, _req: &mut Request) -> Result<Response, String> {
//!     Ok(Response::ok("Hello from wedge!\n"))
//! }
//! ```
//!
//! Or FastEdge's shape: `#[wedge::http] fn main(req: Request<Body>) -> Result<Response<Body>>` with the `http`
//! crate's types (re-exported as `wedge::http`). Build for `wasm32-wasi` as a `cdylib` (sdk/rust/README.md).

mod buf;
mod config;
mod context;
mod error;
mod fetch;
mod message;
mod queue;
mod serve;
pub mod sys;

pub mod body;
pub mod cache;
pub mod kv;

pub use crate::body::Body;
pub use crate::config::{client_info, dictionary, env, log, secret, secret_effective_at, set_user_diag, Level};
pub use crate::context::Context;
pub use crate::error::{Error, Result, Status};
pub use crate::fetch::{fetch, send_request};
pub use crate::message::{QueryParams, Request, Response};
pub use crate::queue::{publish, Message};
/// The `http` crate (0.2), for FastEdge-style handlers.
pub use ::http;
pub use wedge_macros::{handler, http, message};

/// FastEdge-style module names.
pub mod secret {
    pub use crate::config::{secret as get, secret_effective_at as get_effective_at};
}
pub mod dictionary {
    pub use crate::config::dictionary as get;
}
pub mod utils {
    pub use crate::config::set_user_diag;
}

#[doc(hidden)]
pub mod __private {
    pub use crate::serve::{serve_handler, serve_http, serve_message};
}

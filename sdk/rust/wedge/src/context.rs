//! The handle a `#[wedge::handler]` function gets: every capability of the request in one place.
use crate::config::{self, Level};
use crate::error::Error;
use crate::kv::Store;
use crate::message::{Request, Response};

/// What a handler can use besides its request. Each method is also a free function of the crate.
#[derive(Debug)]
pub struct Context {
    _private: (),
}

impl Context {
    pub(crate) fn new() -> Context {
        Context { _private: () }
    }

    /// Sends an outbound request and returns its whole response (see `wedge::fetch`).
    pub fn fetch(&self, request: Request) -> Result<Response, Error> {
        crate::fetch::fetch(request)
    }

    pub fn env(&self, name: &str) -> Option<String> {
        config::env(name)
    }

    pub fn secret(&self, name: &str) -> Option<String> {
        config::secret(name)
    }

    pub fn secret_effective_at(&self, name: &str, unix_seconds: i64) -> Option<String> {
        config::secret_effective_at(name, unix_seconds)
    }

    pub fn dictionary(&self, name: &str) -> Option<String> {
        config::dictionary(name)
    }

    pub fn client_info(&self, name: &str) -> Option<String> {
        config::client_info(name)
    }

    /// The client's address (`x-real-ip`).
    pub fn client_ip(&self) -> Option<String> {
        config::client_info("x-real-ip")
    }

    pub fn log(&self, level: Level, text: &str) {
        config::log(level, text)
    }

    pub fn set_user_diag(&self, text: &str) {
        config::set_user_diag(text)
    }

    pub fn kv_open(&self, name: &str) -> Result<Store, Error> {
        Store::open(name)
    }

    pub fn publish(&self, queue: &str, topic: &str, key: Option<&str>, payload: impl AsRef<[u8]>, headers: &[(&str, &str)]) -> Result<String, Error> {
        crate::queue::publish(queue, topic, key, payload, headers)
    }
}

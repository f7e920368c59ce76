//! The app's configuration (env, secrets, dictionary), its log and diagnostic text, and what the node knows
//! about the client and the PoP. Getters answer `None` when the value is absent (or not UTF-8).
use crate::buf::{len, string};
use crate::sys;

/// The app's env var (`--env`, config `env:`).
pub fn env(name: &str) -> Option<String> {
    string(|b, c, l| unsafe { sys::env_get(name.as_ptr(), len(name.as_bytes()), b, c, l) })
}

/// The value of the app's secret in force now (the slot with the largest `effective-from` not after the node's
/// clock).
pub fn secret(name: &str) -> Option<String> {
    string(|b, c, l| unsafe { sys::secret_get(name.as_ptr(), len(name.as_bytes()), b, c, l) })
}

/// The value of the secret in force at `unix_seconds` (secret slots, for rotations).
pub fn secret_effective_at(name: &str, unix_seconds: i64) -> Option<String> {
    string(|b, c, l| unsafe { sys::secret_get_effective_at(name.as_ptr(), len(name.as_bytes()), unix_seconds, b, c, l) })
}

/// The app's dictionary entry (config `dictionary:`), else its env var of that name.
pub fn dictionary(name: &str) -> Option<String> {
    string(|b, c, l| unsafe { sys::dictionary_get(name.as_ptr(), len(name.as_bytes()), b, c, l) })
}

/// What the node knows about the client or the PoP, by FastEdge's header name: `x-real-ip`, `server_name`,
/// `geoip-country-code`, `geoip-city`, ..., `pop-city`, ... (docs/abi.md).
pub fn client_info(name: &str) -> Option<String> {
    string(|b, c, l| unsafe { sys::client_info(name.as_ptr(), len(name.as_bytes()), b, c, l) })
}

/// One short diagnostic text for this request (kept in its log line, counted in the metrics, never sent to the
/// client); the last call wins.
pub fn set_user_diag(text: &str) {
    unsafe { sys::set_user_diag(text.as_ptr(), len(text.as_bytes())) };
}

/// Log levels of `log`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Trace = 0,
    Debug = 1,
    Info = 2,
    Warn = 3,
    Error = 4,
}

/// Writes a line to the app's log. (`println!` and `eprintln!` reach the log too, at the end of the request.)
pub fn log(level: Level, text: &str) {
    unsafe { sys::log(level as u32, text.as_ptr(), len(text.as_bytes())) };
}

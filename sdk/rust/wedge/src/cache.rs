//! The PoP's cache (docs/abi.md, "Imports: the cache"), FastEdge's `cache-sync` under the same names: private to
//! the app, shared by every node of a clustered PoP, `incr` atomic across them.
use crate::buf::{len, read_optional};
use crate::error::{Error, Status};
use crate::sys;

fn parts(key: &str) -> (*const u8, u32) {
    (key.as_ptr(), len(key.as_bytes()))
}

/// OK as true, NOT_FOUND as false.
fn found(code: i32) -> Result<bool, Error> {
    if code == Status::NOT_FOUND.0 {
        return Ok(false);
    }
    Status::check(code).map(|_| true)
}

/// A TTL for the host: `None` (no expiry) is 0; one past i64 is i64::MAX, which never comes.
fn ttl(ttl_ms: Option<u64>) -> i64 {
    ttl_ms.map_or(0, |ms| i64::try_from(ms).unwrap_or(i64::MAX))
}

/// The value of `key`, `None` when absent or expired.
pub fn get(key: &str) -> Result<Option<Vec<u8>>, Error> {
    let (k, kl) = parts(key);
    read_optional(|b, c, l| unsafe { sys::cache_get(k, kl, b, c, l) })
}

/// Sets `key`, to expire after `ttl_ms` (`None`: never).
pub fn set(key: &str, value: impl AsRef<[u8]>, ttl_ms: Option<u64>) -> Result<(), Error> {
    let (k, kl) = parts(key);
    let value = value.as_ref();
    Status::check(unsafe { sys::cache_set(k, kl, value.as_ptr(), len(value), ttl(ttl_ms)) })
}

/// Deletes `key`; false when there was no such key.
pub fn delete(key: &str) -> Result<bool, Error> {
    let (k, kl) = parts(key);
    found(unsafe { sys::cache_delete(k, kl) })
}

pub fn exists(key: &str) -> Result<bool, Error> {
    let (k, kl) = parts(key);
    found(unsafe { sys::cache_exists(k, kl) })
}

/// Adds `delta` atomically (a missing key counts as 0) and returns the new value.
pub fn incr(key: &str, delta: i64) -> Result<i64, Error> {
    let (k, kl) = parts(key);
    let mut value = 0i64;
    Status::check(unsafe { sys::cache_incr(k, kl, delta, &mut value) })?;
    Ok(value)
}

/// Gives `key` a new TTL from now (0: it goes now); false when there was no such key.
pub fn expire(key: &str, ttl_ms: u64) -> Result<bool, Error> {
    let (k, kl) = parts(key);
    found(unsafe { sys::cache_expire(k, kl, ttl(Some(ttl_ms))) })
}

/// Removes every key of this app; how many there were.
pub fn purge() -> Result<u64, Error> {
    let mut count = 0u64;
    Status::check(unsafe { sys::cache_purge(&mut count) })?;
    Ok(count)
}

/// Removes this app's keys that start with `prefix`; how many there were.
pub fn purge_prefix(prefix: &str) -> Result<u64, Error> {
    let (p, pl) = parts(prefix);
    let mut count = 0u64;
    Status::check(unsafe { sys::cache_purge_prefix(p, pl, &mut count) })?;
    Ok(count)
}

//! Key-value stores (docs/abi.md, "Imports: key-value stores"): the node's named stores bound to this app, with
//! every key in the app's own namespace.
use crate::buf::{len, read_optional, read_out};
use crate::error::{Error, Status};
use crate::sys;

/// An open store, valid for the rest of the request.
#[derive(Clone, Copy, Debug)]
pub struct Store {
    handle: u32,
}

/// One page of a scan: the items and the cursor to continue from (`None` when the scan is complete).
#[derive(Clone, Debug, Default)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub cursor: Option<String>,
}

fn key_parts(key: &str) -> (*const u8, u32) {
    (key.as_ptr(), len(key.as_bytes()))
}

/// OK as true, NOT_FOUND (or CONFLICT) as false.
fn flag(code: i32, no: Status) -> Result<bool, Error> {
    if code == no.0 {
        return Ok(false);
    }
    Status::check(code).map(|_| true)
}

impl Store {
    /// Opens a store bound to this app: NO_SUCH_STORE, or ACCESS_DENIED when it exists but is not bound to it.
    pub fn open(name: &str) -> Result<Store, Error> {
        let mut handle = 0u32;
        Status::check(unsafe { sys::kv_open(name.as_ptr(), len(name.as_bytes()), &mut handle) })?;
        Ok(Store { handle })
    }

    /// The value of `key`, `None` when absent.
    pub fn get(&self, key: &str) -> Result<Option<Vec<u8>>, Error> {
        let (k, kl) = key_parts(key);
        read_optional(|b, c, l| unsafe { sys::kv_get(self.handle, k, kl, b, c, l) })
    }

    /// The values of `keys` (at most 1000), in order, `None` for an absent key.
    pub fn get_many(&self, keys: &[&str]) -> Result<Vec<Option<Vec<u8>>>, Error> {
        let mut joined = Vec::new();
        for key in keys {
            joined.extend_from_slice(key.as_bytes());
            joined.push(0);
        }
        let raw = read_out(|b, c, l| unsafe { sys::kv_get_many(self.handle, joined.as_ptr(), len(&joined), b, c, l) })?;
        let mut values = Vec::with_capacity(keys.len());
        let mut at = 0usize;
        for _ in keys {
            let size = u32_at(&raw, at)?;
            at += 4;
            if size == u32::MAX {
                values.push(None);
            } else {
                let end = at.checked_add(size as usize).filter(|end| *end <= raw.len()).ok_or(Error::Malformed)?;
                values.push(Some(raw[at..end].to_vec()));
                at = end;
            }
        }
        Ok(values)
    }

    /// Sets `key`; `ttl_ms` 0 keeps it until deleted.
    pub fn set(&self, key: &str, value: impl AsRef<[u8]>, ttl_ms: i64) -> Result<(), Error> {
        let (k, kl) = key_parts(key);
        let value = value.as_ref();
        Status::check(unsafe { sys::kv_set(self.handle, k, kl, value.as_ptr(), len(value), ttl_ms) })
    }

    /// Deletes `key`; false when there was no such key.
    pub fn delete(&self, key: &str) -> Result<bool, Error> {
        let (k, kl) = key_parts(key);
        flag(unsafe { sys::kv_delete(self.handle, k, kl) }, Status::NOT_FOUND)
    }

    pub fn exists(&self, key: &str) -> Result<bool, Error> {
        let (k, kl) = key_parts(key);
        flag(unsafe { sys::kv_exists(self.handle, k, kl) }, Status::NOT_FOUND)
    }

    /// Adds `delta` atomically (a missing key counts as 0) and returns the new value.
    pub fn incr(&self, key: &str, delta: i64) -> Result<i64, Error> {
        let (k, kl) = key_parts(key);
        let mut value = 0i64;
        Status::check(unsafe { sys::kv_incr(self.handle, k, kl, delta, &mut value) })?;
        Ok(value)
    }

    /// Sets `value` only if the current value is `expected` (`None`: only if the key is absent); false on a
    /// conflict.
    pub fn compare_and_set(&self, key: &str, expected: Option<&[u8]>, value: impl AsRef<[u8]>) -> Result<bool, Error> {
        let (k, kl) = key_parts(key);
        let value = value.as_ref();
        let (e, el) = match expected {
            Some(e) => (e.as_ptr(), len(e)),
            None => (std::ptr::null(), u32::MAX),
        };
        flag(unsafe { sys::kv_cas(self.handle, k, kl, e, el, value.as_ptr(), len(value)) }, Status::CONFLICT)
    }

    /// One page of the keys matching `pattern` (a glob); start with `cursor` `None`, stop when the page's is.
    pub fn scan(&self, pattern: &str, cursor: Option<&str>, limit: u32) -> Result<Page<String>, Error> {
        let (p, pl) = key_parts(pattern);
        let cursor = cursor.unwrap_or("");
        let raw = read_out(|b, c, l| unsafe {
            sys::kv_scan(self.handle, p, pl, cursor.as_ptr(), len(cursor.as_bytes()), limit, b, c, l)
        })?;
        let mut parts = raw.split(|b| *b == 0);
        let next = text(parts.next().ok_or(Error::Malformed)?)?;
        let mut items = Vec::new();
        for key in parts.filter(|k| !k.is_empty()) {
            items.push(text(key)?);
        }
        Ok(Page { items, cursor: Some(next).filter(|c| !c.is_empty()) })
    }

    /// Adds `member` to the sorted set `key`, or updates its score.
    pub fn zadd(&self, key: &str, score: f64, member: impl AsRef<[u8]>) -> Result<(), Error> {
        let (k, kl) = key_parts(key);
        let member = member.as_ref();
        Status::check(unsafe { sys::kv_zadd(self.handle, k, kl, score, member.as_ptr(), len(member)) })
    }

    /// Members with `min <= score <= max`, lowest score first, at most `limit` (1..1000).
    pub fn zrange_by_score(&self, key: &str, min: f64, max: f64, limit: u32) -> Result<Vec<(f64, Vec<u8>)>, Error> {
        let (k, kl) = key_parts(key);
        let raw = read_out(|b, c, l| unsafe { sys::kv_zrange_by_score(self.handle, k, kl, min, max, limit, b, c, l) })?;
        zentries(&raw)
    }

    /// One page of the members of sorted set `key` matching `pattern`, with their scores.
    pub fn zscan(&self, key: &str, pattern: &str, cursor: Option<&str>, limit: u32) -> Result<Page<(f64, Vec<u8>)>, Error> {
        let (k, kl) = key_parts(key);
        let (p, pl) = key_parts(pattern);
        let cursor = cursor.unwrap_or("");
        let raw = read_out(|b, c, l| unsafe {
            sys::kv_zscan(self.handle, k, kl, p, pl, cursor.as_ptr(), len(cursor.as_bytes()), limit, b, c, l)
        })?;
        let nul = raw.iter().position(|b| *b == 0).ok_or(Error::Malformed)?;
        let next = text(&raw[..nul])?;
        Ok(Page { items: zentries(&raw[nul + 1..])?, cursor: Some(next).filter(|c| !c.is_empty()) })
    }
}

fn text(bytes: &[u8]) -> Result<String, Error> {
    String::from_utf8(bytes.to_vec()).map_err(|_| Error::Malformed)
}

fn u32_at(raw: &[u8], at: usize) -> Result<u32, Error> {
    let bytes = raw.get(at..at + 4).ok_or(Error::Malformed)?;
    Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
}

/// Sorted-set entries: `score` (f64 LE), `len` (u32 LE), member bytes.
fn zentries(raw: &[u8]) -> Result<Vec<(f64, Vec<u8>)>, Error> {
    let mut entries = Vec::new();
    let mut at = 0usize;
    while at < raw.len() {
        let score = raw.get(at..at + 8).ok_or(Error::Malformed)?;
        let score = f64::from_le_bytes(score.try_into().map_err(|_| Error::Malformed)?);
        let size = u32_at(raw, at + 8)? as usize;
        at += 12;
        let member = raw.get(at..at + size).ok_or(Error::Malformed)?;
        entries.push((score, member.to_vec()));
        at += size;
    }
    Ok(entries)
}

//! Out-buffers and header maps (docs/abi.md, "Conventions").
use crate::error::{Error, Status};

/// Calls an import that fills an out-buffer, growing the buffer once when the host says it is too small.
pub(crate) fn read_out(mut call: impl FnMut(*mut u8, u32, *mut u32) -> i32) -> Result<Vec<u8>, Error> {
    let mut buf = vec![0u8; 256];
    let mut len: u32 = 0;
    let mut status = call(buf.as_mut_ptr(), buf.len() as u32, &mut len);
    if status == Status::BUFFER_TOO_SMALL.0 {
        buf = vec![0u8; len as usize];
        status = call(buf.as_mut_ptr(), buf.len() as u32, &mut len);
    }
    Status::check(status)?;
    buf.truncate(len as usize);
    Ok(buf)
}

/// Like `read_out`, with NOT_FOUND as `None`.
pub(crate) fn read_optional(call: impl FnMut(*mut u8, u32, *mut u32) -> i32) -> Result<Option<Vec<u8>>, Error> {
    match read_out(call) {
        Ok(value) => Ok(Some(value)),
        Err(Error::Host(Status::NOT_FOUND)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// A string value, or `None` when absent, failed or not UTF-8 (the getters of configuration and client info).
pub(crate) fn string(call: impl FnMut(*mut u8, u32, *mut u32) -> i32) -> Option<String> {
    read_out(call).ok().and_then(|bytes| String::from_utf8(bytes).ok())
}

/// Reads a whole body of `size` bytes in chunks: body reads never answer BUFFER_TOO_SMALL.
pub(crate) fn read_body(size: u32, mut read: impl FnMut(u32, *mut u8, u32, *mut u32) -> i32) -> Result<Vec<u8>, Error> {
    let mut body = vec![0u8; size as usize];
    let mut offset = 0u32;
    while offset < size {
        let mut got = 0u32;
        Status::check(read(offset, body[offset as usize..].as_mut_ptr(), size - offset, &mut got))?;
        if got == 0 {
            break;
        }
        offset += got;
    }
    body.truncate(offset as usize);
    Ok(body)
}

/// Splits a header map (`name NUL value NUL ...`) into pairs.
pub(crate) fn split_map(map: &[u8]) -> Vec<(&[u8], &[u8])> {
    let mut parts = map.split(|b| *b == 0);
    let mut pairs = Vec::new();
    while let (Some(name), Some(value)) = (parts.next(), parts.next()) {
        if !name.is_empty() {
            pairs.push((name, value));
        }
    }
    pairs
}

/// Serialises headers as a header map.
pub(crate) fn join_map<'a>(headers: impl IntoIterator<Item = (&'a [u8], &'a [u8])>) -> Vec<u8> {
    let mut map = Vec::new();
    for (name, value) in headers {
        map.extend_from_slice(name);
        map.push(0);
        map.extend_from_slice(value);
        map.push(0);
    }
    map
}

/// A header map as an `http` header map; entries `http` cannot represent are skipped.
pub(crate) fn header_map(map: &[u8]) -> http::HeaderMap {
    let mut headers = http::HeaderMap::new();
    for (name, value) in split_map(map) {
        if let (Ok(name), Ok(value)) =
            (http::header::HeaderName::from_bytes(name), http::header::HeaderValue::from_bytes(value))
        {
            headers.append(name, value);
        }
    }
    headers
}

pub(crate) fn len(bytes: &[u8]) -> u32 {
    bytes.len() as u32
}

//! Outbound HTTP (docs/abi.md, "Imports: outbound HTTP"): the host sends the request and buffers the whole
//! response; the time waited is not charged to the app's deadline.
use crate::body::Body;
use crate::buf::{header_map, len, read_body, read_out};
use crate::error::{Error, Status};
use crate::message::{Request, Response};
use crate::sys;

/// Sends `request` and returns the whole response. A 3xx is a response like any other unless the app's
/// `outbound.max-redirects` says otherwise; a refused or failed call is `Error::Host` with the reason
/// (DESTINATION_NOT_ALLOWED, INVALID_URL, REQUEST_ERROR, TOO_MANY_REQUESTS, RESPONSE_TOO_LARGE, TIMEOUT).
pub fn fetch(request: Request) -> Result<Response, Error> {
    let (method, url, headers, body) = request.parts();
    let mut map_headers: Vec<(&[u8], &[u8])> = headers.iter().map(|(n, v)| (n.as_str().as_bytes(), v.as_bytes())).collect();
    // The body's implied type goes along unless the app set one.
    if let (Some(kind), false) = (body.content_type(), headers.contains_key(http::header::CONTENT_TYPE)) {
        map_headers.push((b"content-type", kind.as_bytes()));
    }
    let map = crate::buf::join_map(map_headers);
    let method = method.as_str().as_bytes();
    let mut handle = 0u32;
    Status::check(unsafe {
        sys::http_send(
            method.as_ptr(), len(method), url.as_ptr(), len(url.as_bytes()), map.as_ptr(), len(&map),
            body.as_ptr(), len(&body), &mut handle,
        )
    })?;
    let mut code = 0u32;
    Status::check(unsafe { sys::http_response_status(handle, &mut code) })?;
    let status = http::StatusCode::from_u16(code as u16).map_err(|_| Error::Malformed)?;
    let headers = header_map(&read_out(|b, c, l| unsafe { sys::http_response_headers(handle, b, c, l) })?);
    let mut size = 0u32;
    Status::check(unsafe { sys::http_response_body_size(handle, &mut size) })?;
    let body = read_body(size, |o, b, c, l| unsafe { sys::http_response_body_read(handle, o, b, c, l) })?;
    Ok(Response::from_parts(status, headers, Body::from_bytes(body)))
}

/// FastEdge's `send_request`: the same call with the `http` crate's types.
pub fn send_request(request: http::Request<Body>) -> Result<http::Response<Body>, Error> {
    fetch(Request::from(request)).map(Into::into)
}

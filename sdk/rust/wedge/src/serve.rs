//! The runners the entry-point attributes call: they read the request (or message) from the host, run the
//! app's function, and write its response. An `Err` becomes a 500 whose text/plain body is the error's
//! message, as FastEdge's SDK does.
use crate::body::Body;
use crate::buf::{header_map, len, read_body, read_out};
use crate::context::Context;
use crate::error::{Error, Status};
use crate::message::{Request, Response};
use crate::queue::Message;
use crate::sys;
use std::fmt::Display;
use std::io::Write;

/// Headers the host sets for each hop itself: a response passed through from `fetch` drops them.
const HOP_BY_HOP: [&str; 8] =
    ["content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "te", "trailer", "proxy-connection"];

pub fn serve_handler<E: Display>(handler: impl FnOnce(&Context, &mut Request) -> Result<Response, E>) -> i32 {
    finish(incoming().map(|mut request| handler(&Context::new(), &mut request)))
}

pub fn serve_http<E: Display>(handler: impl FnOnce(http::Request<Body>) -> Result<http::Response<Body>, E>) -> i32 {
    finish(incoming().map(|request| {
        let (method, url, headers, body) = request.parts();
        let mut builder = http::Request::builder().method(method).uri(url);
        if let Some(h) = builder.headers_mut() {
            *h = headers;
        }
        match builder.body(body) {
            Ok(request) => handler(request).map(Response::from).map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        }
    }))
}

pub fn serve_message<E: Display>(handler: impl FnOnce(&Message) -> Result<(), E>) -> i32 {
    let outcome = match Message::current() {
        Ok(message) => handler(&message).map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    };
    flush_stdio();
    match outcome {
        Ok(()) => 0,
        Err(why) => {
            crate::config::log(crate::config::Level::Error, &why);
            1
        }
    }
}

/// The request being handled.
fn incoming() -> Result<Request, Error> {
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).map_err(|_| Error::Malformed);
    let method = text(read_out(|b, c, l| unsafe { sys::request_method(b, c, l) })?)?;
    let method = http::Method::from_bytes(method.as_bytes()).map_err(|_| Error::Malformed)?;
    let url = text(read_out(|b, c, l| unsafe { sys::request_url(b, c, l) })?)?;
    let mut request = Request::new(method, url);
    *request.headers_mut() = header_map(&read_out(|b, c, l| unsafe { sys::request_headers(b, c, l) })?);
    let mut size = 0u32;
    Status::check(unsafe { sys::request_body_size(&mut size) })?;
    request.set_body(Body::from_bytes(read_body(size, |o, b, c, l| unsafe { sys::request_body_read(o, b, c, l) })?));
    Ok(request)
}

/// Writes the handler's response, or a 500 with its error; 0 unless the host refused the response.
fn finish<E: Display>(outcome: Result<Result<Response, E>, Error>) -> i32 {
    let response = match outcome {
        Ok(Ok(response)) => response,
        Ok(Err(e)) => Response::with_status(500, e.to_string()),
        Err(e) => Response::with_status(500, e.to_string()),
    };
    flush_stdio();
    match write(response) {
        Ok(()) => 0,
        Err(_) => 1,
    }
}

fn write(response: Response) -> Result<(), Error> {
    let (status, headers, body) = response.into_parts();
    Status::check(unsafe { sys::response_set_status(status.as_u16() as u32) })?;
    for (name, value) in headers.iter().filter(|(name, _)| !HOP_BY_HOP.contains(&name.as_str())) {
        add_header(name.as_str().as_bytes(), value.as_bytes())?;
    }
    if let (Some(kind), false) = (body.content_type(), headers.contains_key(http::header::CONTENT_TYPE)) {
        add_header(b"content-type", kind.as_bytes())?;
    }
    Status::check(unsafe { sys::response_write(body.as_ptr(), len(&body)) })
}

fn add_header(name: &[u8], value: &[u8]) -> Result<(), Error> {
    Status::check(unsafe { sys::response_add_header(name.as_ptr(), len(name), value.as_ptr(), len(value)) })
}

/// The instance is discarded after the call: buffered `println!` output would be lost.
fn flush_stdio() {
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
}

//! Requests and responses of the `#[handler]` style: owned, with headers (an `http::HeaderMap`), query
//! parameters and a body.
use crate::body::Body;
use http::{HeaderMap, Method, StatusCode};

/// Decoded query parameters, in order; a name may repeat.
#[derive(Clone, Debug, Default)]
pub struct QueryParams {
    pairs: Vec<(String, String)>,
}

impl QueryParams {
    /// Parses a query (without `?`): `&`-separated `name=value`, percent-decoded, `+` as a space.
    pub fn parse(query: &str) -> QueryParams {
        let pairs = query
            .split('&')
            .filter(|piece| !piece.is_empty())
            .map(|piece| {
                let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
                (decode(name), decode(value))
            })
            .collect();
        QueryParams { pairs }
    }

    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// Every value of `name`, in order.
    pub fn get_all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.pairs.iter().filter(move |(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }
}

/// Percent-decoding of a query component; a broken escape stays as written, invalid UTF-8 becomes U+FFFD.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() && hex(bytes[i + 1]).is_some() && hex(bytes[i + 2]).is_some() => {
                out.push(hex(bytes[i + 1]).unwrap() * 16 + hex(bytes[i + 2]).unwrap());
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// An HTTP request: the one the app is handling, or one it sends with `Context::fetch`.
#[derive(Clone, Debug)]
pub struct Request {
    method: Method,
    url: String,
    headers: HeaderMap,
    body: Body,
    query: QueryParams,
}

impl Request {
    /// A request with no headers and no body. `url` is absolute for an outbound call.
    pub fn new(method: Method, url: impl Into<String>) -> Request {
        let url = url.into();
        let query = QueryParams::parse(query_of(&url));
        Request { method, url, headers: HeaderMap::new(), body: Body::empty(), query }
    }

    /// A GET of `url`.
    pub fn get(url: impl AsRef<str>) -> Request {
        Request::new(Method::GET, url.as_ref())
    }

    /// A POST of `body` to `url`.
    pub fn post(url: impl AsRef<str>, body: impl Into<Body>) -> Request {
        Request::new(Method::POST, url.as_ref()).with_body(body)
    }

    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The full URL, `http://host/path?query` for the request being handled.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The path of the URL, percent-encoding kept.
    pub fn path(&self) -> &str {
        let after_scheme = self.url.find("://").map(|i| i + 3).unwrap_or(0);
        let rest = &self.url[after_scheme..];
        let path = rest.find('/').map(|i| &rest[i..]).unwrap_or("/");
        path.split(|c| c == '?' || c == '#').next().unwrap_or("/")
    }

    /// The query, without `?`; empty when there is none.
    pub fn query(&self) -> &str {
        query_of(&self.url)
    }

    /// The query, decoded.
    pub fn query_params(&self) -> &QueryParams {
        &self.query
    }

    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        &mut self.headers
    }

    /// One header as text; repeated headers joined with `, `; `None` when absent or not text.
    pub fn header(&self, name: &str) -> Option<String> {
        joined(&self.headers, name)
    }

    /// Adds a header (a name or value `http` refuses is dropped: build `headers_mut()` to see the error).
    pub fn with_header(mut self, name: &str, value: &str) -> Request {
        append(&mut self.headers, name, value);
        self
    }

    pub fn body(&self) -> &Body {
        &self.body
    }

    pub fn set_body(&mut self, body: impl Into<Body>) {
        self.body = body.into();
    }

    pub fn with_body(mut self, body: impl Into<Body>) -> Request {
        self.set_body(body);
        self
    }

    pub(crate) fn parts(self) -> (Method, String, HeaderMap, Body) {
        (self.method, self.url, self.headers, self.body)
    }
}

fn query_of(url: &str) -> &str {
    let without_fragment = url.split('#').next().unwrap_or("");
    without_fragment.split_once('?').map(|(_, q)| q).unwrap_or("")
}

fn joined(headers: &HeaderMap, name: &str) -> Option<String> {
    let values: Vec<&str> = headers.get_all(name).iter().filter_map(|v| v.to_str().ok()).collect();
    if values.is_empty() {
        None
    } else {
        Some(values.join(", "))
    }
}

fn append(headers: &mut HeaderMap, name: &str, value: &str) {
    if let (Ok(name), Ok(value)) =
        (http::header::HeaderName::from_bytes(name.as_bytes()), http::header::HeaderValue::from_str(value))
    {
        headers.append(name, value);
    }
}

/// An HTTP response: the one the app answers, or one it received from `Context::fetch`.
#[derive(Clone, Debug)]
pub struct Response {
    status: StatusCode,
    headers: HeaderMap,
    body: Body,
}

impl Response {
    /// A response with this status, no headers and no body.
    pub fn new(status: StatusCode) -> Response {
        Response { status, headers: HeaderMap::new(), body: Body::empty() }
    }

    /// A 200 with this body.
    pub fn ok(body: impl Into<Body>) -> Response {
        Response::new(StatusCode::OK).with_body(body)
    }

    /// A response with a status code (500 for a code outside 100..=999) and a body.
    pub fn with_status(code: u16, body: impl Into<Body>) -> Response {
        let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        Response::new(status).with_body(body)
    }

    pub fn status(&self) -> StatusCode {
        self.status
    }

    pub fn set_status(&mut self, status: StatusCode) {
        self.status = status;
    }

    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        &mut self.headers
    }

    /// One header as text; repeated headers joined with `, `.
    pub fn header(&self, name: &str) -> Option<String> {
        joined(&self.headers, name)
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Response {
        append(&mut self.headers, name, value);
        self
    }

    pub fn body(&self) -> &Body {
        &self.body
    }

    pub fn set_body(&mut self, body: impl Into<Body>) {
        self.body = body.into();
    }

    pub fn with_body(mut self, body: impl Into<Body>) -> Response {
        self.set_body(body);
        self
    }

    pub(crate) fn from_parts(status: StatusCode, headers: HeaderMap, body: Body) -> Response {
        Response { status, headers, body }
    }

    pub(crate) fn into_parts(self) -> (StatusCode, HeaderMap, Body) {
        (self.status, self.headers, self.body)
    }
}

impl From<Response> for http::Response<Body> {
    fn from(response: Response) -> Self {
        let (status, headers, body) = response.into_parts();
        let mut out = http::Response::new(body);
        *out.status_mut() = status;
        *out.headers_mut() = headers;
        out
    }
}

impl From<http::Response<Body>> for Response {
    fn from(response: http::Response<Body>) -> Self {
        let (parts, body) = response.into_parts();
        Response::from_parts(parts.status, parts.headers, body)
    }
}

impl From<http::Request<Body>> for Request {
    fn from(request: http::Request<Body>) -> Self {
        let (parts, body) = request.into_parts();
        let mut out = Request::new(parts.method, parts.uri.to_string());
        out.headers = parts.headers;
        out.body = body;
        out
    }
}

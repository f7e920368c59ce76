//! A message body: bytes, with the content type they imply (FastEdge's `Body`).
use std::ops::Deref;

/// Bytes of a request or response body. Built from a `String`/`&str` it is `text/plain; charset=utf-8`, from
/// bytes `application/octet-stream`; the type is sent as `content-type` unless the headers already have one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Body {
    bytes: Vec<u8>,
    content_type: Option<&'static str>,
}

const TEXT: &str = "text/plain; charset=utf-8";
const BYTES: &str = "application/octet-stream";

impl Body {
    /// No bytes and no content type.
    pub fn empty() -> Body {
        Body::default()
    }

    /// Bytes with no implied content type (bodies read from the host are built this way).
    pub fn from_bytes(bytes: Vec<u8>) -> Body {
        Body { bytes, content_type: None }
    }

    /// The content type this body implies, if any.
    pub fn content_type(&self) -> Option<&'static str> {
        self.content_type
    }

    /// The body as text, when it is UTF-8.
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.bytes).ok()
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

impl Deref for Body {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.bytes
    }
}

impl From<String> for Body {
    fn from(text: String) -> Body {
        Body { bytes: text.into_bytes(), content_type: Some(TEXT) }
    }
}

impl From<&str> for Body {
    fn from(text: &str) -> Body {
        Body::from(text.to_string())
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Body {
        Body { bytes, content_type: Some(BYTES) }
    }
}

impl From<&[u8]> for Body {
    fn from(bytes: &[u8]) -> Body {
        Body::from(bytes.to_vec())
    }
}

//! Queues (docs/abi.md, "Imports: queues" and "Message handlers").
use crate::buf::{join_map, len, read_body, read_optional, read_out, split_map};
use crate::error::{Error, Status};
use crate::sys;

/// Publishes `payload` to `topic` of `queue` (a topic in the app's namespace, bound to it), with an optional key
/// and headers. Returns the message's id once it is durable.
pub fn publish(queue: &str, topic: &str, key: Option<&str>, payload: impl AsRef<[u8]>, headers: &[(&str, &str)]) -> Result<String, Error> {
    let payload = payload.as_ref();
    let map = join_map(headers.iter().map(|(n, v)| (n.as_bytes(), v.as_bytes())));
    let (k, kl) = match key {
        Some(key) => (key.as_ptr(), len(key.as_bytes())),
        None => (std::ptr::null(), u32::MAX),
    };
    Status::check(unsafe {
        sys::queue_publish(
            queue.as_ptr(), len(queue.as_bytes()), topic.as_ptr(), len(topic.as_bytes()), k, kl,
            payload.as_ptr(), len(payload), map.as_ptr(), len(&map),
        )
    })?;
    let id = read_out(|b, c, l| unsafe { sys::queue_last_id(b, c, l) })?;
    String::from_utf8(id).map_err(|_| Error::Malformed)
}

/// The queue message a `#[wedge::message]` handler is handling.
#[derive(Clone, Debug)]
pub struct Message {
    pub topic: String,
    pub key: Option<String>,
    pub id: String,
    /// 1 on first delivery, then 2, 3, ...
    pub attempt: u32,
    pub headers: Vec<(String, String)>,
    pub payload: Vec<u8>,
}

impl Message {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub(crate) fn current() -> Result<Message, Error> {
        let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).into_owned();
        let topic = text(read_out(|b, c, l| unsafe { sys::message_topic(b, c, l) })?);
        let key = read_optional(|b, c, l| unsafe { sys::message_key(b, c, l) })?.map(text);
        let id = text(read_out(|b, c, l| unsafe { sys::message_id(b, c, l) })?);
        let mut attempt = 0u32;
        Status::check(unsafe { sys::message_attempt(&mut attempt) })?;
        let map = read_out(|b, c, l| unsafe { sys::message_headers(b, c, l) })?;
        let headers = split_map(&map)
            .into_iter()
            .map(|(n, v)| (String::from_utf8_lossy(n).into_owned(), String::from_utf8_lossy(v).into_owned()))
            .collect();
        let mut size = 0u32;
        Status::check(unsafe { sys::message_payload_size(&mut size) })?;
        let payload = read_body(size, |o, b, c, l| unsafe { sys::message_payload_read(o, b, c, l) })?;
        Ok(Message { topic, key, id, attempt, headers, payload })
    }
}

//! The raw imports of module `wedge` (docs/abi.md). Lengths are u32; out-parameters are written by the host.
#![allow(missing_docs)]

#[link(wasm_import_module = "wedge")]
extern "C" {
    pub fn request_method(buf: *mut u8, cap: u32, out_len: *mut u32) -> i32;
    pub fn request_url(buf: *mut u8, cap: u32, out_len: *mut u32) -> i32;
    pub fn request_headers(buf: *mut u8, cap: u32, out_len: *mut u32) -> i32;
    pub fn request_body_size(out_len: *mut u32) -> i32;
    pub fn request_body_read(offset: u32, buf: *mut u8, cap: u32, out_len: *mut u32) -> i32;

    pub fn response_set_status(code: u32) -> i32;
    pub fn response_add_header(name: *const u8, name_len: u32, value: *const u8, value_len: u32) -> i32;
    pub fn response_write(ptr: *const u8, len: u32) -> i32;

    pub fn env_get(name: *const u8, name_len: u32, buf: *mut u8, cap: u32, out_len: *mut u32) -> i32;
    pub fn secret_get(name: *const u8, name_len: u32, buf: *mut u8, cap: u32, out_len: *mut u32) -> i32;
    pub fn secret_get_effective_at(
        name: *const u8, name_len: u32, at: i64, buf: *mut u8, cap: u32, out_len: *mut u32,
    ) -> i32;
    pub fn dictionary_get(name: *const u8, name_len: u32, buf: *mut u8, cap: u32, out_len: *mut u32) -> i32;
    pub fn log(level: u32, ptr: *const u8, len: u32) -> i32;
    pub fn set_user_diag(ptr: *const u8, len: u32) -> i32;
    pub fn client_info(name: *const u8, name_len: u32, buf: *mut u8, cap: u32, out_len: *mut u32) -> i32;

    pub fn cache_get(key: *const u8, key_len: u32, buf: *mut u8, cap: u32, out_len: *mut u32) -> i32;
    pub fn cache_set(key: *const u8, key_len: u32, value: *const u8, value_len: u32, ttl_ms: i64) -> i32;
    pub fn cache_delete(key: *const u8, key_len: u32) -> i32;
    pub fn cache_exists(key: *const u8, key_len: u32) -> i32;
    pub fn cache_incr(key: *const u8, key_len: u32, delta: i64, out_value: *mut i64) -> i32;
    pub fn cache_expire(key: *const u8, key_len: u32, ttl_ms: i64) -> i32;
    pub fn cache_purge(out_count: *mut u64) -> i32;
    pub fn cache_purge_prefix(prefix: *const u8, prefix_len: u32, out_count: *mut u64) -> i32;

    pub fn kv_open(name: *const u8, name_len: u32, out_handle: *mut u32) -> i32;
    pub fn kv_get(h: u32, key: *const u8, key_len: u32, buf: *mut u8, cap: u32, out_len: *mut u32) -> i32;
    pub fn kv_get_many(h: u32, keys: *const u8, keys_len: u32, buf: *mut u8, cap: u32, out_len: *mut u32) -> i32;
    pub fn kv_set(h: u32, key: *const u8, key_len: u32, value: *const u8, value_len: u32, ttl_ms: i64) -> i32;
    pub fn kv_delete(h: u32, key: *const u8, key_len: u32) -> i32;
    pub fn kv_exists(h: u32, key: *const u8, key_len: u32) -> i32;
    pub fn kv_incr(h: u32, key: *const u8, key_len: u32, delta: i64, out_value: *mut i64) -> i32;
    pub fn kv_cas(
        h: u32, key: *const u8, key_len: u32, expected: *const u8, expected_len: u32, value: *const u8,
        value_len: u32,
    ) -> i32;
    pub fn kv_scan(
        h: u32, pattern: *const u8, pattern_len: u32, cursor: *const u8, cursor_len: u32, limit: u32,
        buf: *mut u8, cap: u32, out_len: *mut u32,
    ) -> i32;
    pub fn kv_zadd(h: u32, key: *const u8, key_len: u32, score: f64, member: *const u8, member_len: u32) -> i32;
    pub fn kv_zrange_by_score(
        h: u32, key: *const u8, key_len: u32, min: f64, max: f64, limit: u32, buf: *mut u8, cap: u32,
        out_len: *mut u32,
    ) -> i32;
    pub fn kv_zscan(
        h: u32, key: *const u8, key_len: u32, pattern: *const u8, pattern_len: u32, cursor: *const u8,
        cursor_len: u32, limit: u32, buf: *mut u8, cap: u32, out_len: *mut u32,
    ) -> i32;

    pub fn queue_publish(
        queue: *const u8, queue_len: u32, topic: *const u8, topic_len: u32, key: *const u8, key_len: u32,
        payload: *const u8, payload_len: u32, headers: *const u8, headers_len: u32,
    ) -> i32;
    pub fn queue_last_id(buf: *mut u8, cap: u32, out_len: *mut u32) -> i32;

    pub fn message_topic(buf: *mut u8, cap: u32, out_len: *mut u32) -> i32;
    pub fn message_key(buf: *mut u8, cap: u32, out_len: *mut u32) -> i32;
    pub fn message_id(buf: *mut u8, cap: u32, out_len: *mut u32) -> i32;
    pub fn message_attempt(out_value: *mut u32) -> i32;
    pub fn message_headers(buf: *mut u8, cap: u32, out_len: *mut u32) -> i32;
    pub fn message_payload_size(out_len: *mut u32) -> i32;
    pub fn message_payload_read(offset: u32, buf: *mut u8, cap: u32, out_len: *mut u32) -> i32;

    pub fn http_send(
        method: *const u8, method_len: u32, url: *const u8, url_len: u32, headers: *const u8, headers_len: u32,
        body: *const u8, body_len: u32, out_handle: *mut u32,
    ) -> i32;
    pub fn http_response_status(h: u32, out_status: *mut u32) -> i32;
    pub fn http_response_headers(h: u32, buf: *mut u8, cap: u32, out_len: *mut u32) -> i32;
    pub fn http_response_body_size(h: u32, out_len: *mut u32) -> i32;
    pub fn http_response_body_read(h: u32, offset: u32, buf: *mut u8, cap: u32, out_len: *mut u32) -> i32;
}

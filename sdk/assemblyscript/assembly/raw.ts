// The wedge guest ABI, version 1 (docs/abi.md): every import of module "wedge", as declared there. Pointers and
// lengths are u32 (usize on wasm32); out-parameters are pointers the host writes a little-endian value to.

// request (http and wagi apps)
@external("wedge", "request_method") export declare function request_method(buf: usize, cap: u32, outLen: usize): i32;
@external("wedge", "request_url") export declare function request_url(buf: usize, cap: u32, outLen: usize): i32;
@external("wedge", "request_path") export declare function request_path(buf: usize, cap: u32, outLen: usize): i32;
@external("wedge", "request_query") export declare function request_query(buf: usize, cap: u32, outLen: usize): i32;
@external("wedge", "request_header")
export declare function request_header(name: usize, nameLen: u32, buf: usize, cap: u32, outLen: usize): i32;
@external("wedge", "request_headers") export declare function request_headers(buf: usize, cap: u32, outLen: usize): i32;
@external("wedge", "request_body_size") export declare function request_body_size(outLen: usize): i32;
@external("wedge", "request_body_read")
export declare function request_body_read(offset: u32, buf: usize, cap: u32, outLen: usize): i32;

// response (http apps)
@external("wedge", "response_set_status") export declare function response_set_status(code: u32): i32;
@external("wedge", "response_set_header")
export declare function response_set_header(name: usize, nameLen: u32, value: usize, valueLen: u32): i32;
@external("wedge", "response_add_header")
export declare function response_add_header(name: usize, nameLen: u32, value: usize, valueLen: u32): i32;
@external("wedge", "response_write") export declare function response_write(ptr: usize, len: u32): i32;

// configuration and logs
@external("wedge", "env_get")
export declare function env_get(name: usize, nameLen: u32, buf: usize, cap: u32, outLen: usize): i32;
@external("wedge", "secret_get")
export declare function secret_get(name: usize, nameLen: u32, buf: usize, cap: u32, outLen: usize): i32;
@external("wedge", "secret_get_effective_at")
export declare function secret_get_effective_at(name: usize, nameLen: u32, at: i64, buf: usize, cap: u32, outLen: usize): i32;
@external("wedge", "dictionary_get")
export declare function dictionary_get(name: usize, nameLen: u32, buf: usize, cap: u32, outLen: usize): i32;
@external("wedge", "log") export declare function log(level: u32, ptr: usize, len: u32): i32;
@external("wedge", "set_user_diag") export declare function set_user_diag(ptr: usize, len: u32): i32;

// the client and the PoP
@external("wedge", "client_info")
export declare function client_info(name: usize, nameLen: u32, buf: usize, cap: u32, outLen: usize): i32;

// key-value stores
@external("wedge", "kv_open") export declare function kv_open(name: usize, nameLen: u32, outHandle: usize): i32;
@external("wedge", "kv_get")
export declare function kv_get(h: u32, key: usize, keyLen: u32, buf: usize, cap: u32, outLen: usize): i32;
@external("wedge", "kv_get_many")
export declare function kv_get_many(h: u32, keys: usize, keysLen: u32, buf: usize, cap: u32, outLen: usize): i32;
@external("wedge", "kv_set")
export declare function kv_set(h: u32, key: usize, keyLen: u32, value: usize, valueLen: u32, ttlMs: i64): i32;
@external("wedge", "kv_delete") export declare function kv_delete(h: u32, key: usize, keyLen: u32): i32;
@external("wedge", "kv_exists") export declare function kv_exists(h: u32, key: usize, keyLen: u32): i32;
@external("wedge", "kv_incr")
export declare function kv_incr(h: u32, key: usize, keyLen: u32, delta: i64, outValue: usize): i32;
@external("wedge", "kv_cas")
export declare function kv_cas(h: u32, key: usize, keyLen: u32, expected: usize, expectedLen: u32, value: usize, valueLen: u32): i32;
@external("wedge", "kv_scan")
export declare function kv_scan(h: u32, pattern: usize, patternLen: u32, cursor: usize, cursorLen: u32, limit: u32,
                                buf: usize, cap: u32, outLen: usize): i32;
@external("wedge", "kv_zadd")
export declare function kv_zadd(h: u32, key: usize, keyLen: u32, score: f64, member: usize, memberLen: u32): i32;
@external("wedge", "kv_zrange_by_score")
export declare function kv_zrange_by_score(h: u32, key: usize, keyLen: u32, min: f64, max: f64, limit: u32,
                                           buf: usize, cap: u32, outLen: usize): i32;
@external("wedge", "kv_zscan")
export declare function kv_zscan(h: u32, key: usize, keyLen: u32, pattern: usize, patternLen: u32, cursor: usize,
                                 cursorLen: u32, limit: u32, buf: usize, cap: u32, outLen: usize): i32;

// the cache
@external("wedge", "cache_get")
export declare function cache_get(key: usize, keyLen: u32, buf: usize, cap: u32, outLen: usize): i32;
@external("wedge", "cache_set")
export declare function cache_set(key: usize, keyLen: u32, value: usize, valueLen: u32, ttlMs: i64): i32;
@external("wedge", "cache_delete") export declare function cache_delete(key: usize, keyLen: u32): i32;
@external("wedge", "cache_exists") export declare function cache_exists(key: usize, keyLen: u32): i32;
@external("wedge", "cache_incr")
export declare function cache_incr(key: usize, keyLen: u32, delta: i64, outValue: usize): i32;
@external("wedge", "cache_expire") export declare function cache_expire(key: usize, keyLen: u32, ttlMs: i64): i32;
@external("wedge", "cache_purge") export declare function cache_purge(outCount: usize): i32;
@external("wedge", "cache_purge_prefix")
export declare function cache_purge_prefix(prefix: usize, prefixLen: u32, outCount: usize): i32;

// queues
@external("wedge", "queue_publish")
export declare function queue_publish(queue: usize, queueLen: u32, topic: usize, topicLen: u32, key: usize, keyLen: u32,
                                      payload: usize, payloadLen: u32, headers: usize, headersLen: u32): i32;
@external("wedge", "queue_last_id") export declare function queue_last_id(buf: usize, cap: u32, outLen: usize): i32;

// message handlers (only while wedge_on_message runs; UNSUPPORTED elsewhere)
@external("wedge", "message_topic") export declare function message_topic(buf: usize, cap: u32, outLen: usize): i32;
@external("wedge", "message_key") export declare function message_key(buf: usize, cap: u32, outLen: usize): i32;
@external("wedge", "message_id") export declare function message_id(buf: usize, cap: u32, outLen: usize): i32;
@external("wedge", "message_attempt") export declare function message_attempt(outValue: usize): i32;
@external("wedge", "message_header")
export declare function message_header(name: usize, nameLen: u32, buf: usize, cap: u32, outLen: usize): i32;
@external("wedge", "message_headers") export declare function message_headers(buf: usize, cap: u32, outLen: usize): i32;
@external("wedge", "message_payload_size") export declare function message_payload_size(outLen: usize): i32;
@external("wedge", "message_payload_read")
export declare function message_payload_read(offset: u32, buf: usize, cap: u32, outLen: usize): i32;

// outbound HTTP
@external("wedge", "http_send")
export declare function http_send(method: usize, methodLen: u32, url: usize, urlLen: u32, headers: usize,
                                  headersLen: u32, body: usize, bodyLen: u32, outHandle: usize): i32;
@external("wedge", "http_response_status") export declare function http_response_status(h: u32, outStatus: usize): i32;
@external("wedge", "http_response_header")
export declare function http_response_header(h: u32, name: usize, nameLen: u32, buf: usize, cap: u32, outLen: usize): i32;
@external("wedge", "http_response_headers")
export declare function http_response_headers(h: u32, buf: usize, cap: u32, outLen: usize): i32;
@external("wedge", "http_response_body_size") export declare function http_response_body_size(h: u32, outLen: usize): i32;
@external("wedge", "http_response_body_read")
export declare function http_response_body_read(h: u32, offset: u32, buf: usize, cap: u32, outLen: usize): i32;

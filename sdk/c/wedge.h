/*
 * wedge.h - C SDK for the wedge guest ABI, version 1 (see docs/abi.md).
 *
 * An http app includes this header, links sdk/c/wedge.c and defines its handler:
 *
 *     #include "wedge.h"
 *     WEDGE_HANDLER {
 *         wedge_set_header("content-type", "text/plain");
 *         wedge_write_str("hi\n");
 *         return 0;                         // 0 = send the response; anything else = 533
 *     }
 *
 * A message app defines WEDGE_MESSAGE_HANDLER { ... } instead (or as well), see below.
 *
 * Build (a WASI reactor; wedge_util.c holds optional helpers, see wedge_util.h, and costs nothing unused):
 *     clang --target=wasm32-wasi -mexec-model=reactor -O2 -Wl,--strip-debug -I sdk/c \
 *           -o app.wasm sdk/c/wedge.c sdk/c/wedge_util.c app.c
 */
#ifndef WEDGE_H
#define WEDGE_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h> /* the getters return malloc'd strings; callers free() them */

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes returned by every import. Stable: new ones are appended. */
typedef enum {
    WEDGE_OK = 0,
    WEDGE_NOT_FOUND = 1,
    WEDGE_BAD_ARGUMENT = 2,
    WEDGE_INVALID_MEMORY = 3,
    WEDGE_BUFFER_TOO_SMALL = 4,
    WEDGE_LIMIT_EXCEEDED = 5,
    WEDGE_UNSUPPORTED = 6,
    WEDGE_ACCESS_DENIED = 7,
    WEDGE_TIMEOUT = 8,
    WEDGE_UNAVAILABLE = 9,
    WEDGE_INTERNAL = 10,
    WEDGE_NO_SUCH_STORE = 11,
    WEDGE_VALUE_TOO_LARGE = 12,
    WEDGE_CONFLICT = 13,
    WEDGE_DESTINATION_NOT_ALLOWED = 14,
    WEDGE_INVALID_URL = 15,
    WEDGE_REQUEST_ERROR = 16,
    WEDGE_TOO_MANY_REQUESTS = 17,
    WEDGE_RESPONSE_TOO_LARGE = 18
} wedge_status;

/* Log levels for wedge_log / wedge_raw_log. */
enum {
    WEDGE_LOG_TRACE = 0,
    WEDGE_LOG_DEBUG = 1,
    WEDGE_LOG_INFO = 2,
    WEDGE_LOG_WARN = 3,
    WEDGE_LOG_ERROR = 4
};

/* ---- Raw imports (module "wedge"). Lengths are u32; out_len receives a u32. ---- */

#define WEDGE_IMPORT(name) __attribute__((import_module("wedge"), import_name(name)))

/* request (http and wagi apps) */
WEDGE_IMPORT("request_method")
int32_t wedge_raw_request_method(void *buf, uint32_t cap, uint32_t *out_len);
WEDGE_IMPORT("request_url")
int32_t wedge_raw_request_url(void *buf, uint32_t cap, uint32_t *out_len);
WEDGE_IMPORT("request_path")
int32_t wedge_raw_request_path(void *buf, uint32_t cap, uint32_t *out_len);
WEDGE_IMPORT("request_query")
int32_t wedge_raw_request_query(void *buf, uint32_t cap, uint32_t *out_len);
WEDGE_IMPORT("request_header")
int32_t wedge_raw_request_header(const char *name, uint32_t name_len,
                                 void *buf, uint32_t cap, uint32_t *out_len);
WEDGE_IMPORT("request_headers")
int32_t wedge_raw_request_headers(void *buf, uint32_t cap, uint32_t *out_len);
WEDGE_IMPORT("request_body_size")
int32_t wedge_raw_request_body_size(uint32_t *out_len);
WEDGE_IMPORT("request_body_read")
int32_t wedge_raw_request_body_read(uint32_t offset, void *buf, uint32_t cap, uint32_t *out_len);

/* response (http apps; UNSUPPORTED in wagi apps) */
WEDGE_IMPORT("response_set_status")
int32_t wedge_raw_response_set_status(uint32_t code);
WEDGE_IMPORT("response_set_header")
int32_t wedge_raw_response_set_header(const char *name, uint32_t name_len,
                                      const char *value, uint32_t value_len);
WEDGE_IMPORT("response_add_header")
int32_t wedge_raw_response_add_header(const char *name, uint32_t name_len,
                                      const char *value, uint32_t value_len);
WEDGE_IMPORT("response_write")
int32_t wedge_raw_response_write(const void *ptr, uint32_t len);

/* configuration and logs (both kinds) */
WEDGE_IMPORT("env_get")
int32_t wedge_raw_env_get(const char *name, uint32_t name_len,
                          void *buf, uint32_t cap, uint32_t *out_len);
WEDGE_IMPORT("secret_get")
int32_t wedge_raw_secret_get(const char *name, uint32_t name_len,
                             void *buf, uint32_t cap, uint32_t *out_len);
WEDGE_IMPORT("secret_get_effective_at")
int32_t wedge_raw_secret_get_effective_at(const char *name, uint32_t name_len, int64_t at,
                                          void *buf, uint32_t cap, uint32_t *out_len);
WEDGE_IMPORT("dictionary_get")
int32_t wedge_raw_dictionary_get(const char *name, uint32_t name_len,
                                 void *buf, uint32_t cap, uint32_t *out_len);
WEDGE_IMPORT("log")
int32_t wedge_raw_log(uint32_t level, const char *ptr, uint32_t len);
WEDGE_IMPORT("set_user_diag")
int32_t wedge_raw_set_user_diag(const char *ptr, uint32_t len);

/* the client and the PoP (all kinds; only the PoP's values outside a request) */
WEDGE_IMPORT("client_info")
int32_t wedge_raw_client_info(const char *name, uint32_t name_len, void *buf, uint32_t cap, uint32_t *out_len);

/* key-value stores (both kinds). Handles are u32; ttl_ms and delta are i64, scores f64. Out-buffer lists are
 * encoded as docs/abi.md describes (the wedge_kv_* helpers below decode them). */
WEDGE_IMPORT("kv_open")
int32_t wedge_raw_kv_open(const char *name, uint32_t name_len, uint32_t *out_handle);
WEDGE_IMPORT("kv_get")
int32_t wedge_raw_kv_get(uint32_t h, const char *key, uint32_t key_len,
                         void *buf, uint32_t cap, uint32_t *out_len);
WEDGE_IMPORT("kv_get_many")
int32_t wedge_raw_kv_get_many(uint32_t h, const char *keys, uint32_t keys_len,
                              void *buf, uint32_t cap, uint32_t *out_len);
WEDGE_IMPORT("kv_set")
int32_t wedge_raw_kv_set(uint32_t h, const char *key, uint32_t key_len,
                         const void *value, uint32_t value_len, int64_t ttl_ms);
WEDGE_IMPORT("kv_delete")
int32_t wedge_raw_kv_delete(uint32_t h, const char *key, uint32_t key_len);
WEDGE_IMPORT("kv_exists")
int32_t wedge_raw_kv_exists(uint32_t h, const char *key, uint32_t key_len);
WEDGE_IMPORT("kv_incr")
int32_t wedge_raw_kv_incr(uint32_t h, const char *key, uint32_t key_len, int64_t delta, int64_t *out_value);
WEDGE_IMPORT("kv_cas")
int32_t wedge_raw_kv_cas(uint32_t h, const char *key, uint32_t key_len, const void *expected,
                         uint32_t expected_len, const void *value, uint32_t value_len);
WEDGE_IMPORT("kv_scan")
int32_t wedge_raw_kv_scan(uint32_t h, const char *pattern, uint32_t pattern_len,
                          const char *cursor, uint32_t cursor_len, uint32_t limit,
                          void *buf, uint32_t cap, uint32_t *out_len);
WEDGE_IMPORT("kv_zadd")
int32_t wedge_raw_kv_zadd(uint32_t h, const char *key, uint32_t key_len, double score,
                          const void *member, uint32_t member_len);
WEDGE_IMPORT("kv_zrange_by_score")
int32_t wedge_raw_kv_zrange_by_score(uint32_t h, const char *key, uint32_t key_len, double min, double max,
                                     uint32_t limit, void *buf, uint32_t cap, uint32_t *out_len);
WEDGE_IMPORT("kv_zscan")
int32_t wedge_raw_kv_zscan(uint32_t h, const char *key, uint32_t key_len,
                           const char *pattern, uint32_t pattern_len,
                           const char *cursor, uint32_t cursor_len, uint32_t limit,
                           void *buf, uint32_t cap, uint32_t *out_len);

/* the cache (all kinds): PoP-wide, per app; ttl_ms 0 = no expiry (docs/abi.md, "Imports: the cache") */
WEDGE_IMPORT("cache_get")
int32_t wedge_raw_cache_get(const char *key, uint32_t key_len, void *buf, uint32_t cap, uint32_t *out_len);
WEDGE_IMPORT("cache_set")
int32_t wedge_raw_cache_set(const char *key, uint32_t key_len, const void *value, uint32_t value_len,
                            int64_t ttl_ms);
WEDGE_IMPORT("cache_delete")
int32_t wedge_raw_cache_delete(const char *key, uint32_t key_len);
WEDGE_IMPORT("cache_exists")
int32_t wedge_raw_cache_exists(const char *key, uint32_t key_len);
WEDGE_IMPORT("cache_incr")
int32_t wedge_raw_cache_incr(const char *key, uint32_t key_len, int64_t delta, int64_t *out_value);
WEDGE_IMPORT("cache_expire")
int32_t wedge_raw_cache_expire(const char *key, uint32_t key_len, int64_t ttl_ms);
WEDGE_IMPORT("cache_purge")
int32_t wedge_raw_cache_purge(uint64_t *out_count);
WEDGE_IMPORT("cache_purge_prefix")
int32_t wedge_raw_cache_purge_prefix(const char *prefix, uint32_t prefix_len, uint64_t *out_count);

/* queues (all kinds). key_len WEDGE_QUEUE_NO_KEY publishes without a key; headers is a header map. */
#define WEDGE_QUEUE_NO_KEY 0xFFFFFFFFu
WEDGE_IMPORT("queue_publish")
int32_t wedge_raw_queue_publish(const char *queue, uint32_t queue_len, const char *topic, uint32_t topic_len,
                                const char *key, uint32_t key_len, const void *payload, uint32_t payload_len,
                                const char *headers, uint32_t headers_len);
WEDGE_IMPORT("queue_last_id")
int32_t wedge_raw_queue_last_id(void *buf, uint32_t cap, uint32_t *out_len);

/* the message being handled (inside wedge_on_message; UNSUPPORTED elsewhere) */
WEDGE_IMPORT("message_topic")
int32_t wedge_raw_message_topic(void *buf, uint32_t cap, uint32_t *out_len);
WEDGE_IMPORT("message_key")
int32_t wedge_raw_message_key(void *buf, uint32_t cap, uint32_t *out_len);
WEDGE_IMPORT("message_id")
int32_t wedge_raw_message_id(void *buf, uint32_t cap, uint32_t *out_len);
WEDGE_IMPORT("message_attempt")
int32_t wedge_raw_message_attempt(uint32_t *out_value);
WEDGE_IMPORT("message_header")
int32_t wedge_raw_message_header(const char *name, uint32_t name_len, void *buf, uint32_t cap, uint32_t *out_len);
WEDGE_IMPORT("message_headers")
int32_t wedge_raw_message_headers(void *buf, uint32_t cap, uint32_t *out_len);
WEDGE_IMPORT("message_payload_size")
int32_t wedge_raw_message_payload_size(uint32_t *out_len);
WEDGE_IMPORT("message_payload_read")
int32_t wedge_raw_message_payload_read(uint32_t offset, void *buf, uint32_t cap, uint32_t *out_len);

/* outbound HTTP (all kinds): a call returns a handle to its buffered response, valid for the rest of the request */
WEDGE_IMPORT("http_send")
int32_t wedge_raw_http_send(const char *method, uint32_t method_len, const char *url, uint32_t url_len,
                            const char *headers, uint32_t headers_len, const void *body, uint32_t body_len,
                            uint32_t *out_handle);
WEDGE_IMPORT("http_response_status")
int32_t wedge_raw_http_response_status(uint32_t h, uint32_t *out_status);
WEDGE_IMPORT("http_response_header")
int32_t wedge_raw_http_response_header(uint32_t h, const char *name, uint32_t name_len,
                                       void *buf, uint32_t cap, uint32_t *out_len);
WEDGE_IMPORT("http_response_headers")
int32_t wedge_raw_http_response_headers(uint32_t h, void *buf, uint32_t cap, uint32_t *out_len);
WEDGE_IMPORT("http_response_body_size")
int32_t wedge_raw_http_response_body_size(uint32_t h, uint32_t *out_len);
WEDGE_IMPORT("http_response_body_read")
int32_t wedge_raw_http_response_body_read(uint32_t h, uint32_t offset, void *buf, uint32_t cap, uint32_t *out_len);

/* ---- Friendly helpers (defined in wedge.c) ----
 * Getters return a malloc'd, NUL-terminated string the caller frees, or NULL when the value is absent or the
 * call failed. The others return a wedge_status. */

char *wedge_request_method(void);
char *wedge_request_url(void);
char *wedge_request_path(void);
char *wedge_request_query(void);                 /* "" when the URL has no query */
char *wedge_request_header(const char *name);    /* NULL when absent; repeated headers joined with ", " */
char *wedge_request_headers(size_t *len);        /* header map: name NUL value NUL ...; *len = map bytes */
char *wedge_request_body(size_t *len);           /* whole body (may contain NULs); *len = body bytes */
char *wedge_env(const char *name);
char *wedge_secret(const char *name);            /* the value in force now */
char *wedge_secret_at(const char *name, int64_t unix_seconds); /* the value in force then (secret slots) */
char *wedge_dictionary(const char *name);        /* the app's dictionary entry, else its env var */
/* What the node knows about the client and the PoP, by FastEdge's header name: "x-real-ip" (the client's
 * address), "server_name", "geoip-country-code", "geoip-city", ..., "pop-city", ... (docs/abi.md). */
char *wedge_client_info(const char *name);

int wedge_set_status(int code);
int wedge_set_header(const char *name, const char *value);
int wedge_add_header(const char *name, const char *value);
int wedge_write(const void *data, size_t len);
int wedge_write_str(const char *s);
int wedge_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* One short diagnostic text for this request (kept in its log line, counted in the metrics); the last wins. */
int wedge_set_user_diag(const char *text);

/* ---- Key-value helpers (defined in wedge.c) ----
 * Keys, patterns and cursors are NUL-terminated strings; values and members are bytes with a length. Each
 * helper returns the wedge_status of its final import call (a BUFFER_TOO_SMALL retry is done for you), or
 * WEDGE_LIMIT_EXCEEDED when the guest is out of memory, WEDGE_INTERNAL when the host's list is malformed.
 * A page/values struct is left empty on failure and is always safe to pass to its free function. */

typedef uint32_t wedge_kv;                     /* a store handle, valid for the rest of the request */
#define WEDGE_KV_NONE ((wedge_kv)0xFFFFFFFFu)  /* never a valid handle */
#define WEDGE_KV_ABSENT ((size_t)0xFFFFFFFFu)  /* expected_len of wedge_kv_cas: "only if the key is absent" */

/* A page of keys from wedge_kv_scan_page; release with wedge_kv_keys_free. */
typedef struct {
    char *cursor;   /* next cursor; "" when the scan is complete */
    size_t count;   /* number of keys */
    char **keys;    /* NUL-terminated keys, in the order the store returned them */
    char *raw_;     /* internal: the buffer the strings point into */
} wedge_kv_keys;

/* One sorted-set entry. The member is also NUL-terminated, but may contain NULs: len is authoritative. */
typedef struct {
    double score;
    const char *member;
    size_t len;
} wedge_kv_zentry;

/* Sorted-set entries from wedge_kv_zscan_page / wedge_kv_zrange_by_score; release with wedge_kv_zpage_free. */
typedef struct {
    char *cursor;             /* zscan: next cursor, "" when complete; zrange_by_score: always "" */
    size_t count;             /* number of entries */
    wedge_kv_zentry *entries;
    char *raw_;               /* internal */
} wedge_kv_zpage;

/* Values from wedge_kv_get_many, one per requested key; release with wedge_kv_values_free. */
typedef struct {
    size_t count;     /* number of keys asked for */
    char **values;    /* NUL-terminated values (may contain NULs), NULL for an absent key */
    size_t *lens;     /* byte length of each value; 0 for an absent key */
    char *raw_;       /* internal */
} wedge_kv_values;

int wedge_kv_open(const char *name, wedge_kv *out);             /* opens a store bound to this app */
char *wedge_kv_get(wedge_kv kv, const char *key, size_t *len, int *status); /* malloc'd value or NULL */
int wedge_kv_set(wedge_kv kv, const char *key, const void *value, size_t len, int64_t ttl_ms); /* ttl 0: none */
int wedge_kv_set_str(wedge_kv kv, const char *key, const char *value, int64_t ttl_ms); /* set of a C string */
int wedge_kv_delete(wedge_kv kv, const char *key);              /* WEDGE_NOT_FOUND when there was no key */
int wedge_kv_exists(wedge_kv kv, const char *key);              /* WEDGE_OK or WEDGE_NOT_FOUND */
int wedge_kv_incr(wedge_kv kv, const char *key, int64_t delta, int64_t *out); /* atomic add; *out = new value */
int wedge_kv_cas(wedge_kv kv, const char *key, const void *expected, size_t expected_len,
                 const void *value, size_t len);                /* WEDGE_OK or WEDGE_CONFLICT */
int wedge_kv_get_many(wedge_kv kv, const char *const *keys, size_t nkeys, wedge_kv_values *out); /* batch get */
void wedge_kv_values_free(wedge_kv_values *values);
int wedge_kv_scan_page(wedge_kv kv, const char *pattern, const char *cursor, uint32_t limit,
                       wedge_kv_keys *page);                    /* one page; start and end with cursor "" */
void wedge_kv_keys_free(wedge_kv_keys *page);
int wedge_kv_zadd(wedge_kv kv, const char *key, double score, const void *member, size_t len); /* add/update */
int wedge_kv_zrange_by_score(wedge_kv kv, const char *key, double min, double max, uint32_t limit,
                             wedge_kv_zpage *page);             /* min <= score <= max, lowest first */
int wedge_kv_zscan_page(wedge_kv kv, const char *key, const char *pattern, const char *cursor, uint32_t limit,
                        wedge_kv_zpage *page);                  /* one page of members matching pattern */
void wedge_kv_zpage_free(wedge_kv_zpage *page);

/* ---- Cache helpers (defined in wedge.c) ----
 * The PoP's cache, shared by the node's cluster and private to the app (FastEdge's cache-sync). Keys are
 * NUL-terminated strings, values bytes with a length; ttl_ms 0 means no expiry. Each returns a wedge_status. */
char *wedge_cache_get(const char *key, size_t *len, int *status); /* malloc'd value, or NULL (WEDGE_NOT_FOUND) */
int wedge_cache_set(const char *key, const void *value, size_t len, int64_t ttl_ms);
int wedge_cache_set_str(const char *key, const char *value, int64_t ttl_ms);
int wedge_cache_delete(const char *key);                      /* WEDGE_NOT_FOUND when there was no key */
int wedge_cache_exists(const char *key);                      /* WEDGE_OK or WEDGE_NOT_FOUND */
int wedge_cache_incr(const char *key, int64_t delta, int64_t *out); /* atomic; a missing key counts as 0 */
int wedge_cache_expire(const char *key, int64_t ttl_ms);      /* new TTL from now (0: now); NOT_FOUND: no key */
int wedge_cache_purge(uint64_t *count);                       /* removes every key of the app */
int wedge_cache_purge_prefix(const char *prefix, uint64_t *count); /* removes the app's keys with this prefix */

/* ---- Queue and message helpers (defined in wedge.c) ----
 * Queue, topic, key and header names are NUL-terminated strings; payloads are bytes with a length. */

/* Publishes payload[0..len) to topic of queue; key NULL publishes without a key. headers is a header map
 * ("name NUL value NUL ...", e.g. built with wedge_buf_header from wedge_util.h) of headers_len bytes, or NULL.
 * Returns the wedge_status: WEDGE_OK once the message is durable. */
int wedge_queue_publish(const char *queue, const char *topic, const char *key, const void *payload, size_t len,
                        const char *headers, size_t headers_len);
char *wedge_queue_last_id(void);               /* id of this request's (or message's) last successful publish */

/* Inside a message handler (all NULL / 0 elsewhere): */
char *wedge_message_topic(void);               /* the topic, without the namespace */
char *wedge_message_key(void);                 /* NULL when published without a key */
char *wedge_message_id(void);                  /* the backend's id, unique per topic */
int wedge_message_attempt(void);               /* 1 on first delivery, then 2, 3, ...; 0 when unavailable */
char *wedge_message_header(const char *name);  /* NULL when absent */
char *wedge_message_headers(size_t *len);      /* header map: name NUL value NUL ...; *len = map bytes */
char *wedge_message_payload(size_t *len);      /* whole payload (may contain NULs); *len = payload bytes */

/* ---- Outbound HTTP helpers (defined in wedge.c) ----
 * A call sends method, url, a header map ("name NUL value NUL ...", e.g. built with wedge_buf_header) and a body,
 * and waits for the whole response (the time waited does not count against the app's deadline). It returns the
 * wedge_status (WEDGE_OK, or why not: WEDGE_DESTINATION_NOT_ALLOWED, WEDGE_INVALID_URL, WEDGE_REQUEST_ERROR,
 * WEDGE_TOO_MANY_REQUESTS, WEDGE_RESPONSE_TOO_LARGE, WEDGE_TIMEOUT; the app's log says more) and sets *out to
 * the response's handle. A 3xx is a response like any other unless the app's outbound.max-redirects says. */

typedef uint32_t wedge_http;                   /* a response handle, valid for the rest of the request */

int wedge_http_send(const char *method, const char *url, const char *headers, size_t headers_len,
                    const void *body, size_t body_len, wedge_http *out);
int wedge_http_get(const char *url, wedge_http *out);        /* a GET without headers or body */
int wedge_http_status(wedge_http h);                         /* 200, 404, ...; -1 for a bad handle */
char *wedge_http_header(wedge_http h, const char *name);     /* NULL when absent; repeats joined with ", " */
char *wedge_http_headers(wedge_http h, size_t *len);         /* header map; *len = map bytes */
char *wedge_http_body(wedge_http h, size_t *len);            /* whole body (may contain NULs), read in chunks */
const char *wedge_status_name(int status);                   /* "OK", "TIMEOUT", ...; "?" for unknown codes */

/* Flushes stdio; WEDGE_HANDLER calls it after the handler so printf output reaches the log. */
void wedge_flush_stdio(void);

/* ---- The handler ----
 * WEDGE_HANDLER { ... return 0; } defines and exports wedge_on_request. The body runs as a static function and
 * is followed by a stdio flush: the instance is discarded after the call, so buffered stdout would be lost. */
int wedge_on_request(void);
#define WEDGE_HANDLER                                                              \
    static int wedge_handler_body_(void);                                          \
    __attribute__((export_name("wedge_on_request"))) int wedge_on_request(void) {  \
        int wedge_rc_ = wedge_handler_body_();                                     \
        wedge_flush_stdio();                                                       \
        return wedge_rc_;                                                          \
    }                                                                              \
    static int wedge_handler_body_(void)

/* WEDGE_MESSAGE_HANDLER { ... return 0; } defines and exports wedge_on_message, called once per queue message
 * (docs/abi.md, "Message handlers"). Returning 0 consumes the message; anything else (or a trap) is a failure:
 * the message is delivered again later, and after the trigger's max-attempts moved to TOPIC.dlq. Like
 * WEDGE_HANDLER it flushes stdio after the body. A module that defines only this handler is a message app; an
 * http app may define both. */
int wedge_on_message(void);
#define WEDGE_MESSAGE_HANDLER                                                      \
    static int wedge_message_body_(void);                                          \
    __attribute__((export_name("wedge_on_message"))) int wedge_on_message(void) {  \
        int wedge_rc_ = wedge_message_body_();                                     \
        wedge_flush_stdio();                                                       \
        return wedge_rc_;                                                          \
    }                                                                              \
    static int wedge_message_body_(void)

#ifdef __cplusplus
}
#endif

#endif /* WEDGE_H */

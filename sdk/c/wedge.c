/* wedge.c - helpers of the wedge C SDK, ABI version 1 (see wedge.h and docs/abi.md). */
#include "wedge.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Declares that this module was built for ABI version 1. Never called by the host. */
__attribute__((export_name("wedge_abi_version_1"))) void wedge_abi_version_1(void) {}

/* Every value getter reduced to one shape, so the buffer-retry logic lives in one place. */
typedef int32_t (*getter)(const char *name, uint32_t name_len, void *buf, uint32_t cap, uint32_t *out_len);

#define NAMELESS(fn, raw)                                                                 \
    static int32_t fn(const char *n, uint32_t nl, void *b, uint32_t c, uint32_t *o) {     \
        (void)n; (void)nl;                                                                \
        return raw(b, c, o);                                                              \
    }
NAMELESS(get_method, wedge_raw_request_method)
NAMELESS(get_url, wedge_raw_request_url)
NAMELESS(get_path, wedge_raw_request_path)
NAMELESS(get_query, wedge_raw_request_query)
NAMELESS(get_headers, wedge_raw_request_headers)
NAMELESS(get_last_id, wedge_raw_queue_last_id)
NAMELESS(get_topic, wedge_raw_message_topic)
NAMELESS(get_key, wedge_raw_message_key)
NAMELESS(get_id, wedge_raw_message_id)
NAMELESS(get_msg_headers, wedge_raw_message_headers)

/* Calls get with a guessed capacity; on BUFFER_TOO_SMALL retries once with the length the host asked for. */
static char *get_value(getter get, const char *name, size_t *len_out) {
    uint32_t name_len = name ? (uint32_t)strlen(name) : 0;
    uint32_t cap = 256;
    for (int attempt = 0; attempt < 2; attempt++) {
        char *buf = malloc((size_t)cap + 1);
        if (!buf) return NULL;
        uint32_t len = 0;
        int32_t s = get(name, name_len, buf, cap, &len);
        if (s == WEDGE_OK && len <= cap) {
            buf[len] = '\0';
            if (len_out) *len_out = len;
            return buf;
        }
        free(buf);
        if (s != WEDGE_BUFFER_TOO_SMALL || len == UINT32_MAX) return NULL;
        cap = len;
    }
    return NULL;
}

char *wedge_request_method(void) { return get_value(get_method, NULL, NULL); }
char *wedge_request_url(void) { return get_value(get_url, NULL, NULL); }
char *wedge_request_path(void) { return get_value(get_path, NULL, NULL); }
char *wedge_request_query(void) { return get_value(get_query, NULL, NULL); }
char *wedge_request_headers(size_t *len) { return get_value(get_headers, NULL, len); }
char *wedge_request_header(const char *name) { return get_value(wedge_raw_request_header, name, NULL); }
char *wedge_env(const char *name) { return get_value(wedge_raw_env_get, name, NULL); }
char *wedge_secret(const char *name) { return get_value(wedge_raw_secret_get, name, NULL); }
char *wedge_dictionary(const char *name) { return get_value(wedge_raw_dictionary_get, name, NULL); }
char *wedge_client_info(const char *name) { return get_value(wedge_raw_client_info, name, NULL); }

/* The moment wedge_secret_at asks about: an instance serves one request on one thread, so a static will do. */
static int64_t secret_at_seconds;
static int32_t get_secret_at(const char *n, uint32_t nl, void *b, uint32_t c, uint32_t *o) {
    return wedge_raw_secret_get_effective_at(n, nl, secret_at_seconds, b, c, o);
}
char *wedge_secret_at(const char *name, int64_t unix_seconds) {
    secret_at_seconds = unix_seconds;
    return get_value(get_secret_at, name, NULL);
}

int wedge_set_user_diag(const char *text) { return wedge_raw_set_user_diag(text, (uint32_t)strlen(text)); }

/* Reads a whole body or payload: its size, then chunks until it is complete. */
typedef int32_t (*size_fn)(uint32_t *out_len);
typedef int32_t (*read_fn)(uint32_t offset, void *buf, uint32_t cap, uint32_t *out_len);

static char *read_all(size_fn size_of, read_fn read_chunk, size_t *len) {
    uint32_t size = 0;
    if (size_of(&size) != WEDGE_OK || size == UINT32_MAX) return NULL;
    char *buf = malloc((size_t)size + 1);
    if (!buf) return NULL;
    uint32_t used = 0;
    while (used < size) {
        uint32_t n = 0;
        if (read_chunk(used, buf + used, size - used, &n) != WEDGE_OK || n > size - used) {
            free(buf);
            return NULL;
        }
        if (n == 0) break; /* end came early */
        used += n;
    }
    buf[used] = '\0';
    if (len) *len = used;
    return buf;
}

char *wedge_request_body(size_t *len) {
    return read_all(wedge_raw_request_body_size, wedge_raw_request_body_read, len);
}

int wedge_set_status(int code) { return wedge_raw_response_set_status((uint32_t)code); }

int wedge_set_header(const char *name, const char *value) {
    return wedge_raw_response_set_header(name, strlen(name), value, strlen(value));
}

int wedge_add_header(const char *name, const char *value) {
    return wedge_raw_response_add_header(name, strlen(name), value, strlen(value));
}

int wedge_write(const void *data, size_t len) { return wedge_raw_response_write(data, (uint32_t)len); }

int wedge_write_str(const char *s) { return wedge_raw_response_write(s, strlen(s)); }

int wedge_log(int level, const char *fmt, ...) {
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return WEDGE_BAD_ARGUMENT;
    if ((size_t)n < sizeof small) return wedge_raw_log((uint32_t)level, small, (uint32_t)n);

    char *big = malloc((size_t)n + 1); /* message longer than the stack buffer: format again */
    if (!big) return wedge_raw_log((uint32_t)level, small, sizeof small - 1); /* out of memory: truncate */
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    int s = wedge_raw_log((uint32_t)level, big, (uint32_t)n);
    free(big);
    return s;
}

void wedge_flush_stdio(void) { fflush(NULL); }

/* ---- Queue and message helpers ---- */

int wedge_queue_publish(const char *queue, const char *topic, const char *key, const void *payload, size_t len,
                        const char *headers, size_t headers_len) {
    if (!headers) headers_len = 0;
    return wedge_raw_queue_publish(queue, strlen(queue), topic, strlen(topic), key,
                                   key ? (uint32_t)strlen(key) : WEDGE_QUEUE_NO_KEY, payload, (uint32_t)len,
                                   headers, (uint32_t)headers_len);
}

char *wedge_queue_last_id(void) { return get_value(get_last_id, NULL, NULL); }
char *wedge_message_topic(void) { return get_value(get_topic, NULL, NULL); }
char *wedge_message_key(void) { return get_value(get_key, NULL, NULL); }
char *wedge_message_id(void) { return get_value(get_id, NULL, NULL); }
char *wedge_message_header(const char *name) { return get_value(wedge_raw_message_header, name, NULL); }
char *wedge_message_headers(size_t *len) { return get_value(get_msg_headers, NULL, len); }

int wedge_message_attempt(void) {
    uint32_t attempt = 0;
    if (wedge_raw_message_attempt(&attempt) != WEDGE_OK || attempt > INT32_MAX) return 0;
    return (int)attempt;
}

char *wedge_message_payload(size_t *len) {
    return read_all(wedge_raw_message_payload_size, wedge_raw_message_payload_read, len);
}

/* ---- Key-value helpers ---- */

/* The arguments of one list- or value-returning kv call, so one retry loop serves every such import. */
typedef struct {
    uint32_t h;
    const char *key, *pattern, *cursor;
    uint32_t key_len, pattern_len, cursor_len, limit;
    double min, max;
} kv_call;

typedef int32_t (*kv_fetch)(const kv_call *c, void *buf, uint32_t cap, uint32_t *out_len);

static int32_t fetch_get(const kv_call *c, void *b, uint32_t cap, uint32_t *o) {
    return wedge_raw_kv_get(c->h, c->key, c->key_len, b, cap, o);
}
static int32_t fetch_get_many(const kv_call *c, void *b, uint32_t cap, uint32_t *o) {
    return wedge_raw_kv_get_many(c->h, c->key, c->key_len, b, cap, o);
}
static int32_t fetch_scan(const kv_call *c, void *b, uint32_t cap, uint32_t *o) {
    return wedge_raw_kv_scan(c->h, c->pattern, c->pattern_len, c->cursor, c->cursor_len, c->limit, b, cap, o);
}
static int32_t fetch_zrange(const kv_call *c, void *b, uint32_t cap, uint32_t *o) {
    return wedge_raw_kv_zrange_by_score(c->h, c->key, c->key_len, c->min, c->max, c->limit, b, cap, o);
}
static int32_t fetch_zscan(const kv_call *c, void *b, uint32_t cap, uint32_t *o) {
    return wedge_raw_kv_zscan(c->h, c->key, c->key_len, c->pattern, c->pattern_len, c->cursor, c->cursor_len,
                              c->limit, b, cap, o);
}

/* Calls f with a guessed capacity and, after BUFFER_TOO_SMALL, again with the length the host asked for (the
 * host answers a retry from the result it already fetched). On WEDGE_OK, *out is a malloc'd buffer of *len
 * bytes followed by a NUL. Out of guest memory is reported as WEDGE_LIMIT_EXCEEDED. */
static int kv_fetch_all(kv_fetch f, const kv_call *c, uint32_t cap, char **out, uint32_t *len) {
    *out = NULL;
    *len = 0;
    for (int attempt = 0; attempt < 4; attempt++) {
        if (cap == UINT32_MAX) return WEDGE_LIMIT_EXCEEDED; /* cap + 1 would not fit a 32-bit size_t */
        char *buf = malloc((size_t)cap + 1);
        if (!buf) return WEDGE_LIMIT_EXCEEDED;
        uint32_t n = 0;
        int32_t s = f(c, buf, cap, &n);
        if (s == WEDGE_OK) {
            if (n > cap) { free(buf); return WEDGE_INTERNAL; } /* the host broke the out-buffer contract */
            buf[n] = '\0';
            *out = buf;
            *len = n;
            return WEDGE_OK;
        }
        free(buf);
        if (s != WEDGE_BUFFER_TOO_SMALL) return s;
        cap = n > cap ? n : cap; /* a host that asks for no more than it had: retry until the attempts run out */
    }
    return WEDGE_BUFFER_TOO_SMALL;
}

static uint32_t load_u32(const char *p) { uint32_t v; memcpy(&v, p, sizeof v); return v; } /* wasm is LE */
static double load_f64(const char *p) { double v; memcpy(&v, p, sizeof v); return v; }

int wedge_kv_open(const char *name, wedge_kv *out) {
    uint32_t h = WEDGE_KV_NONE;
    int s = wedge_raw_kv_open(name, strlen(name), &h);
    if (out) *out = s == WEDGE_OK ? h : WEDGE_KV_NONE;
    return s;
}

char *wedge_kv_get(wedge_kv kv, const char *key, size_t *len, int *status) {
    kv_call c = {.h = kv, .key = key, .key_len = strlen(key)};
    char *value;
    uint32_t n;
    int s = kv_fetch_all(fetch_get, &c, 256, &value, &n);
    if (status) *status = s;
    if (len) *len = s == WEDGE_OK ? n : 0;
    return value;
}

/* ---- Cache helpers ---- */

static int32_t fetch_cache_get(const kv_call *c, void *b, uint32_t cap, uint32_t *o) {
    return wedge_raw_cache_get(c->key, c->key_len, b, cap, o);
}

char *wedge_cache_get(const char *key, size_t *len, int *status) {
    kv_call c = {.key = key, .key_len = strlen(key)};
    char *value;
    uint32_t n;
    int s = kv_fetch_all(fetch_cache_get, &c, 256, &value, &n);
    if (status) *status = s;
    if (len) *len = s == WEDGE_OK ? n : 0;
    return value;
}

int wedge_cache_set(const char *key, const void *value, size_t len, int64_t ttl_ms) {
    return wedge_raw_cache_set(key, strlen(key), value, (uint32_t)len, ttl_ms);
}

int wedge_cache_set_str(const char *key, const char *value, int64_t ttl_ms) {
    return wedge_raw_cache_set(key, strlen(key), value, strlen(value), ttl_ms);
}

int wedge_cache_delete(const char *key) { return wedge_raw_cache_delete(key, strlen(key)); }

int wedge_cache_exists(const char *key) { return wedge_raw_cache_exists(key, strlen(key)); }

int wedge_cache_incr(const char *key, int64_t delta, int64_t *out) {
    int64_t v = 0;
    int s = wedge_raw_cache_incr(key, strlen(key), delta, &v);
    if (out && s == WEDGE_OK) *out = v;
    return s;
}

int wedge_cache_expire(const char *key, int64_t ttl_ms) { return wedge_raw_cache_expire(key, strlen(key), ttl_ms); }

int wedge_cache_purge(uint64_t *count) {
    uint64_t n = 0;
    int s = wedge_raw_cache_purge(&n);
    if (count) *count = s == WEDGE_OK ? n : 0;
    return s;
}

int wedge_cache_purge_prefix(const char *prefix, uint64_t *count) {
    uint64_t n = 0;
    int s = wedge_raw_cache_purge_prefix(prefix, strlen(prefix), &n);
    if (count) *count = s == WEDGE_OK ? n : 0;
    return s;
}

int wedge_kv_set(wedge_kv kv, const char *key, const void *value, size_t len, int64_t ttl_ms) {
    return wedge_raw_kv_set(kv, key, strlen(key), value, (uint32_t)len, ttl_ms);
}

int wedge_kv_set_str(wedge_kv kv, const char *key, const char *value, int64_t ttl_ms) {
    return wedge_raw_kv_set(kv, key, strlen(key), value, strlen(value), ttl_ms);
}

int wedge_kv_delete(wedge_kv kv, const char *key) { return wedge_raw_kv_delete(kv, key, strlen(key)); }

int wedge_kv_exists(wedge_kv kv, const char *key) { return wedge_raw_kv_exists(kv, key, strlen(key)); }

int wedge_kv_incr(wedge_kv kv, const char *key, int64_t delta, int64_t *out) {
    int64_t v = 0;
    int s = wedge_raw_kv_incr(kv, key, strlen(key), delta, &v);
    if (out && s == WEDGE_OK) *out = v;
    return s;
}

int wedge_kv_cas(wedge_kv kv, const char *key, const void *expected, size_t expected_len, const void *value,
                 size_t len) {
    if (expected_len == WEDGE_KV_ABSENT) expected = NULL;
    return wedge_raw_kv_cas(kv, key, strlen(key), expected, (uint32_t)expected_len, value, (uint32_t)len);
}

int wedge_kv_get_many(wedge_kv kv, const char *const *keys, size_t nkeys, wedge_kv_values *out) {
    memset(out, 0, sizeof *out);
    size_t keys_len = 0;
    for (size_t i = 0; i < nkeys; i++) keys_len += strlen(keys[i]) + 1;
    char *list = malloc(keys_len + 1);
    if (!list) return WEDGE_LIMIT_EXCEEDED;
    char *p = list;
    for (size_t i = 0; i < nkeys; i++) {
        size_t n = strlen(keys[i]) + 1;
        memcpy(p, keys[i], n); /* the key and its NUL separator */
        p += n;
    }

    kv_call c = {.h = kv, .key = list, .key_len = (uint32_t)keys_len};
    char *raw;
    uint32_t n;
    int s = kv_fetch_all(fetch_get_many, &c, 64 + (uint32_t)nkeys * 64, &raw, &n);
    free(list);
    if (s != WEDGE_OK) return s;

    char **values = calloc(nkeys + 1, sizeof *values);
    size_t *lens = calloc(nkeys + 1, sizeof *lens);
    size_t *ends = calloc(nkeys + 1, sizeof *ends);
    if (!values || !lens || !ends) s = WEDGE_LIMIT_EXCEEDED;
    uint32_t off = 0;
    for (size_t i = 0; s == WEDGE_OK && i < nkeys; i++) {
        if (n - off < 4) { s = WEDGE_INTERNAL; break; }
        uint32_t len = load_u32(raw + off);
        off += 4;
        ends[i] = off;
        if (len == UINT32_MAX) continue; /* absent */
        if (n - off < len) { s = WEDGE_INTERNAL; break; }
        values[i] = raw + off;
        lens[i] = len;
        off += len;
        ends[i] = off;
    }
    if (s == WEDGE_OK && off != n) s = WEDGE_INTERNAL;
    if (s != WEDGE_OK) {
        free(values); free(lens); free(ends); free(raw);
        return s;
    }
    /* NUL-terminate each value in place: the byte after it begins the next entry, which is already decoded. */
    for (size_t i = 0; i < nkeys; i++) if (values[i]) raw[ends[i]] = '\0';
    free(ends);
    out->count = nkeys;
    out->values = values;
    out->lens = lens;
    out->raw_ = raw;
    return WEDGE_OK;
}

void wedge_kv_values_free(wedge_kv_values *v) {
    free(v->values);
    free(v->lens);
    free(v->raw_);
    memset(v, 0, sizeof *v);
}

/* Splits "cursor NUL" off the front of a list result; returns the offset after it, or 0 when malformed. */
static uint32_t split_cursor(const char *raw, uint32_t n) {
    const char *nul = memchr(raw, '\0', n);
    return nul ? (uint32_t)(nul - raw) + 1 : 0;
}

int wedge_kv_scan_page(wedge_kv kv, const char *pattern, const char *cursor, uint32_t limit, wedge_kv_keys *page) {
    memset(page, 0, sizeof *page);
    if (!cursor) cursor = "";
    kv_call c = {.h = kv, .pattern = pattern, .pattern_len = strlen(pattern), .cursor = cursor,
                 .cursor_len = strlen(cursor), .limit = limit};
    char *raw;
    uint32_t n;
    int s = kv_fetch_all(fetch_scan, &c, 4096, &raw, &n);
    if (s != WEDGE_OK) return s;

    uint32_t start = split_cursor(raw, n);
    if (start == 0 || (n > start && raw[n - 1] != '\0')) { free(raw); return WEDGE_INTERNAL; }
    size_t count = 0;
    for (uint32_t i = start; i < n; i++) count += raw[i] == '\0';
    char **keys = malloc((count + 1) * sizeof *keys);
    if (!keys) { free(raw); return WEDGE_LIMIT_EXCEEDED; }
    size_t k = 0;
    for (uint32_t i = start; i < n; i += strlen(raw + i) + 1) keys[k++] = raw + i;
    page->cursor = raw;
    page->count = count;
    page->keys = keys;
    page->raw_ = raw;
    return WEDGE_OK;
}

void wedge_kv_keys_free(wedge_kv_keys *page) {
    free(page->keys);
    free(page->raw_);
    memset(page, 0, sizeof *page);
}

/* Decodes sorted-set entries from raw[start..n) into page; takes ownership of raw. */
static int decode_zpage(char *raw, uint32_t n, uint32_t start, wedge_kv_zpage *page) {
    size_t count = 0;
    for (uint32_t off = start; off < n; count++) { /* first pass: validate and count */
        if (n - off < 12 || n - off - 12 < load_u32(raw + off + 8)) { free(raw); return WEDGE_INTERNAL; }
        off += 12 + load_u32(raw + off + 8);
    }
    wedge_kv_zentry *entries = malloc((count + 1) * sizeof *entries);
    if (!entries) { free(raw); return WEDGE_LIMIT_EXCEEDED; }
    uint32_t off = start;
    for (size_t i = 0; i < count; i++) {
        entries[i].score = load_f64(raw + off);
        entries[i].len = load_u32(raw + off + 8);
        entries[i].member = raw + off + 12;
        off += 12 + entries[i].len;
    }
    /* NUL-terminate each member in place: the byte after it begins the next entry, which is already decoded. */
    for (size_t i = 0; i < count; i++) raw[entries[i].member - raw + entries[i].len] = '\0';
    page->count = count;
    page->entries = entries;
    page->raw_ = raw;
    return WEDGE_OK;
}

int wedge_kv_zadd(wedge_kv kv, const char *key, double score, const void *member, size_t len) {
    return wedge_raw_kv_zadd(kv, key, strlen(key), score, member, (uint32_t)len);
}

int wedge_kv_zrange_by_score(wedge_kv kv, const char *key, double min, double max, uint32_t limit,
                             wedge_kv_zpage *page) {
    memset(page, 0, sizeof *page);
    kv_call c = {.h = kv, .key = key, .key_len = strlen(key), .min = min, .max = max, .limit = limit};
    char *raw;
    uint32_t n;
    int s = kv_fetch_all(fetch_zrange, &c, 4096, &raw, &n);
    if (s != WEDGE_OK) return s;
    s = decode_zpage(raw, n, 0, page);
    if (s == WEDGE_OK) page->cursor = raw + n; /* the NUL after the data: "" */
    return s;
}

int wedge_kv_zscan_page(wedge_kv kv, const char *key, const char *pattern, const char *cursor, uint32_t limit,
                        wedge_kv_zpage *page) {
    memset(page, 0, sizeof *page);
    if (!cursor) cursor = "";
    kv_call c = {.h = kv, .key = key, .key_len = strlen(key), .pattern = pattern, .pattern_len = strlen(pattern),
                 .cursor = cursor, .cursor_len = strlen(cursor), .limit = limit};
    char *raw;
    uint32_t n;
    int s = kv_fetch_all(fetch_zscan, &c, 4096, &raw, &n);
    if (s != WEDGE_OK) return s;
    uint32_t start = split_cursor(raw, n);
    if (start == 0) { free(raw); return WEDGE_INTERNAL; }
    s = decode_zpage(raw, n, start, page);
    if (s == WEDGE_OK) page->cursor = raw;
    return s;
}

void wedge_kv_zpage_free(wedge_kv_zpage *page) {
    free(page->entries);
    free(page->raw_);
    memset(page, 0, sizeof *page);
}

/* ---- Outbound HTTP ---- */

/* The response the getter adapters below read: set just before each call (a guest runs one thread). */
static uint32_t http_handle_;

static int32_t get_http_header(const char *n, uint32_t nl, void *b, uint32_t c, uint32_t *o) {
    return wedge_raw_http_response_header(http_handle_, n, nl, b, c, o);
}
static int32_t get_http_headers(const char *n, uint32_t nl, void *b, uint32_t c, uint32_t *o) {
    (void)n; (void)nl;
    return wedge_raw_http_response_headers(http_handle_, b, c, o);
}
static int32_t http_body_size(uint32_t *out_len) { return wedge_raw_http_response_body_size(http_handle_, out_len); }
static int32_t http_body_read(uint32_t offset, void *buf, uint32_t cap, uint32_t *out_len) {
    return wedge_raw_http_response_body_read(http_handle_, offset, buf, cap, out_len);
}

int wedge_http_send(const char *method, const char *url, const char *headers, size_t headers_len,
                    const void *body, size_t body_len, wedge_http *out) {
    return wedge_raw_http_send(method, strlen(method), url, strlen(url), headers ? headers : "",
                               headers ? (uint32_t)headers_len : 0, body ? body : "", body ? (uint32_t)body_len : 0,
                               out);
}

int wedge_http_get(const char *url, wedge_http *out) { return wedge_http_send("GET", url, NULL, 0, NULL, 0, out); }

int wedge_http_status(wedge_http h) {
    uint32_t status = 0;
    return wedge_raw_http_response_status(h, &status) == WEDGE_OK ? (int)status : -1;
}

char *wedge_http_header(wedge_http h, const char *name) {
    http_handle_ = h;
    return get_value(get_http_header, name, NULL);
}

char *wedge_http_headers(wedge_http h, size_t *len) {
    http_handle_ = h;
    return get_value(get_http_headers, NULL, len);
}

char *wedge_http_body(wedge_http h, size_t *len) {
    http_handle_ = h;
    return read_all(http_body_size, http_body_read, len);
}

const char *wedge_status_name(int status) {
    static const char *const names[] = {"OK", "NOT_FOUND", "BAD_ARGUMENT", "INVALID_MEMORY", "BUFFER_TOO_SMALL",
        "LIMIT_EXCEEDED", "UNSUPPORTED", "ACCESS_DENIED", "TIMEOUT", "UNAVAILABLE", "INTERNAL", "NO_SUCH_STORE",
        "VALUE_TOO_LARGE", "CONFLICT", "DESTINATION_NOT_ALLOWED", "INVALID_URL", "REQUEST_ERROR",
        "TOO_MANY_REQUESTS", "RESPONSE_TOO_LARGE"};
    return status >= 0 && (size_t)status < sizeof names / sizeof names[0] ? names[status] : "?";
}

/*
 * A small C SDK for proxy-wasm filters (ABI 0.2.1) as wedge runs them as CDN apps (docs/cdn-apps.md): the
 * host's imports, the result and type codes, and helpers for the hooks a filter exports. Header-only; build a
 * filter as a WASI reactor that exports malloc (scripts/build-guests.sh does: -mexec-model=reactor
 * -Wl,--export=malloc). Values the host returns live in memory it took from the filter's malloc: free them.
 */
#ifndef PROXY_WASM_H
#define PROXY_WASM_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PROXY_IMPORT(name) __attribute__((import_module("env"), import_name(#name)))
#define PROXY_EXPORT(name) __attribute__((export_name(#name)))

/* Results (WasmResult). */
enum {
    PROXY_OK = 0,
    PROXY_NOT_FOUND = 1,
    PROXY_BAD_ARGUMENT = 2,
    PROXY_INVALID_MEMORY_ACCESS = 6,
    PROXY_EMPTY = 7,
    PROXY_CAS_MISMATCH = 8,
    PROXY_INTERNAL_FAILURE = 10,
    PROXY_UNIMPLEMENTED = 12
};

/* What a hook returns. */
enum { PROXY_CONTINUE = 0, PROXY_PAUSE = 1 };

/* Header maps and buffers. */
enum { PROXY_REQUEST_HEADERS = 0, PROXY_RESPONSE_HEADERS = 2, PROXY_CALLOUT_HEADERS = 6 };
enum { PROXY_REQUEST_BODY = 0, PROXY_RESPONSE_BODY = 1, PROXY_CALLOUT_BODY = 4, PROXY_PLUGIN_CONFIGURATION = 7 };
enum { PROXY_LOG_TRACE = 0, PROXY_LOG_DEBUG, PROXY_LOG_INFO, PROXY_LOG_WARN, PROXY_LOG_ERROR, PROXY_LOG_CRITICAL };

PROXY_IMPORT(proxy_log) uint32_t proxy_log(uint32_t level, const char *message, size_t size);
PROXY_IMPORT(proxy_get_header_map_value)
uint32_t proxy_get_header_map_value(uint32_t map, const char *key, size_t key_size, char **value, size_t *size);
PROXY_IMPORT(proxy_add_header_map_value)
uint32_t proxy_add_header_map_value(uint32_t map, const char *key, size_t key_size, const char *value,
                                    size_t value_size);
PROXY_IMPORT(proxy_get_buffer_bytes)
uint32_t proxy_get_buffer_bytes(uint32_t buffer, uint32_t start, uint32_t max_size, char **value, size_t *size);
PROXY_IMPORT(proxy_set_buffer_bytes)
uint32_t proxy_set_buffer_bytes(uint32_t buffer, uint32_t start, uint32_t length, const char *data, size_t size);
PROXY_IMPORT(proxy_send_local_response)
uint32_t proxy_send_local_response(uint32_t status, const char *details, size_t details_size, const char *body,
                                   size_t body_size, const char *headers, size_t headers_size, int32_t grpc_status);
PROXY_IMPORT(proxy_get_property)
uint32_t proxy_get_property(const char *path, size_t path_size, char **value, size_t *size);
PROXY_IMPORT(proxy_set_property)
uint32_t proxy_set_property(const char *path, size_t path_size, const char *value, size_t size);

/* FastEdge's cache extension (docs/cdn-apps.md, "Cache"): the PoP's cache, private to the app; ttl_ms 0 = none. */
PROXY_IMPORT(proxy_cache_get) uint32_t proxy_cache_get(const char *key, size_t key_size, char **value, size_t *size);
PROXY_IMPORT(proxy_cache_set)
uint32_t proxy_cache_set(const char *key, size_t key_size, const char *value, size_t size, uint64_t ttl_ms);
PROXY_IMPORT(proxy_cache_delete) uint32_t proxy_cache_delete(const char *key, size_t key_size);
PROXY_IMPORT(proxy_cache_exists) uint32_t proxy_cache_exists(const char *key, size_t key_size, uint32_t *exists);
PROXY_IMPORT(proxy_cache_incr) uint32_t proxy_cache_incr(const char *key, size_t key_size, int64_t delta, int64_t *value);
PROXY_IMPORT(proxy_cache_expire)
uint32_t proxy_cache_expire(const char *key, size_t key_size, uint64_t ttl_ms, uint32_t *existed);
PROXY_IMPORT(proxy_cache_purge) uint32_t proxy_cache_purge(uint64_t *count);
PROXY_IMPORT(proxy_cache_purge_prefix) uint32_t proxy_cache_purge_prefix(const char *prefix, size_t size, uint64_t *count);

/* Every filter declares the ABI it speaks and lets the host create its contexts. */
#define PROXY_FILTER_ABI                                                                    \
    PROXY_EXPORT(proxy_abi_version_0_2_1) void proxy_abi_version_0_2_1(void) {}              \
    PROXY_EXPORT(proxy_on_context_create) void proxy_on_context_create(uint32_t c, uint32_t r) { \
        (void)c;                                                                            \
        (void)r;                                                                            \
    }

/* A header of the request (or another map) as a NUL-terminated copy; NULL when absent. Free it. */
static inline char *proxy_header(uint32_t map, const char *name) {
    char *value = NULL;
    size_t size = 0;
    if (proxy_get_header_map_value(map, name, strlen(name), &value, &size) != PROXY_OK) {
        return NULL;
    }
    char *text = malloc(size + 1);
    if (text == NULL) {
        return NULL;
    }
    memcpy(text, value, size);
    text[size] = 0;
    free(value);
    return text;
}

/* Answers the request itself with a text body and no extra headers. */
static inline uint32_t proxy_respond(uint32_t status, const char *body) {
    static const char no_headers[4] = {0, 0, 0, 0};
    return proxy_send_local_response(status, "", 0, body, strlen(body), no_headers, sizeof no_headers, -1);
}

#endif

// A proxy-wasm filter (C SDK) on FastEdge's cache imports; it answers every request itself, by path:
//   /count   adds 1 to "hits" and answers 200 "hits N"
//   /ops     runs every import once and answers 200 with "name=STATUS[:result]" for each, space-separated
//   /bad     passes pointers past its memory to each import; answers 200 with the statuses
//   anything else passes through
#include "proxy_wasm.h"
#include <inttypes.h>
#include <stdio.h>

PROXY_FILTER_ABI

static int is(const char *path, const char *want) { return path != NULL && strcmp(path, want) == 0; }

static uint32_t count(void) {
    int64_t hits = 0;
    uint32_t s = proxy_cache_incr("hits", 4, 1, &hits);
    char body[64];
    snprintf(body, sizeof body, "hits %" PRId64 " (status %u)", hits, s);
    return proxy_respond(200, body);
}

static uint32_t ops(void) {
    char body[512], *value = NULL;
    size_t size = 0, n = 0;
    uint32_t flag = 9, s;
    int64_t number = 0;
    uint64_t removed = 0;
#define OUT(...) n += (size_t)snprintf(body + n, sizeof body - n, __VA_ARGS__)
    OUT("set=%u", proxy_cache_set("k", 1, "value", 5, 0));
    s = proxy_cache_get("k", 1, &value, &size);
    OUT(" get=%u:%.*s", s, (int)size, value ? value : "");
    free(value);
    value = NULL, size = 0;
    s = proxy_cache_exists("k", 1, &flag);
    OUT(" exists=%u:%u", s, flag);
    s = proxy_cache_expire("k", 1, 60000, &flag);
    OUT(" expire=%u:%u", s, flag);
    s = proxy_cache_expire("nope", 4, 60000, &flag);
    OUT(" expire-missing=%u:%u", s, flag);
    OUT(" delete=%u", proxy_cache_delete("k", 1));
    OUT(" delete-again=%u", proxy_cache_delete("k", 1));
    OUT(" get-missing=%u", proxy_cache_get("k", 1, &value, &size));
    s = proxy_cache_incr("n", 1, 5, &number);
    OUT(" incr=%u:%" PRId64, s, number);
    proxy_cache_set("word", 4, "abc", 3, 0);
    OUT(" incr-word=%u", proxy_cache_incr("word", 4, 1, &number));
    s = proxy_cache_purge_prefix("wo", 2, &removed);
    OUT(" purge-prefix=%u:%" PRIu64, s, removed);
    s = proxy_cache_purge(&removed);
    OUT(" purge=%u:%" PRIu64, s, removed);
    OUT(" empty-key=%u", proxy_cache_set("", 0, "v", 1, 0));
#undef OUT
    return proxy_respond(200, body);
}

static uint32_t bad(void) {
    const char *far = (const char *)0xfffffff0;
    char body[128], *value = NULL;
    size_t size = 0;
    uint32_t a = proxy_cache_get(far, 100, &value, &size);
    uint32_t b = proxy_cache_get("k", 1, (char **)far, &size);
    uint32_t c = proxy_cache_set("k", 1, far, 100, 0);
    uint32_t d = proxy_cache_incr("k", 1, 1, (int64_t *)far);
    uint32_t e = proxy_cache_purge((uint64_t *)far);
    snprintf(body, sizeof body, "statuses %u,%u,%u,%u,%u", a, b, c, d, e);
    return proxy_respond(200, body);
}

PROXY_EXPORT(proxy_on_request_headers) uint32_t proxy_on_request_headers(uint32_t c, uint32_t n, uint32_t end) {
    (void)c, (void)n, (void)end;
    char *path = proxy_header(PROXY_REQUEST_HEADERS, ":path");
    int answered = 1;
    if (is(path, "/count")) {
        count();
    } else if (is(path, "/ops")) {
        ops();
    } else if (is(path, "/bad")) {
        bad();
    } else {
        answered = 0;
    }
    free(path);
    return answered ? PROXY_PAUSE : PROXY_CONTINUE;
}

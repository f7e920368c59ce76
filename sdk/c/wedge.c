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

char *wedge_request_body(size_t *len) {
    uint32_t size = 0;
    if (wedge_raw_request_body_size(&size) != WEDGE_OK || size == UINT32_MAX) return NULL;
    char *buf = malloc((size_t)size + 1);
    if (!buf) return NULL;
    uint32_t used = 0;
    while (used < size) {
        uint32_t n = 0;
        if (wedge_raw_request_body_read(used, buf + used, size - used, &n) != WEDGE_OK || n > size - used) {
            free(buf);
            return NULL;
        }
        if (n == 0) break; /* end of body came early */
        used += n;
    }
    buf[used] = '\0';
    if (len) *len = used;
    return buf;
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

// A hostile proxy-wasm filter (C SDK): the request path picks the misdeed and the phase it happens in.
//   /trap/PHASE        traps in that phase (request-headers, request-body, response-headers, response-body)
//   /bad-pointer       passes pointers past its memory; answers 200 "statuses N,N,N" with what the host said
//   /oversize          grows the response body past the app's limit
//   /spin              never returns from onRequestHeaders
//   /exit              calls proc_exit(3) while the request headers are filtered
//   anything else      passes through
#include "proxy_wasm.h"
#include <stdio.h>

PROXY_FILTER_ABI

static int wants(const char *misdeed) {
    char *path = proxy_header(PROXY_REQUEST_HEADERS, ":path");
    int match = path != NULL && strcmp(path, misdeed) == 0;
    free(path);
    return match;
}

static uint32_t bad_pointers(void) {
    char **far = (char **)0x7ffffff0;
    char *value = NULL;
    size_t size = 0;
    uint32_t a = proxy_get_header_map_value(PROXY_REQUEST_HEADERS, (const char *)0xfffffff0, 16, &value, &size);
    uint32_t b = proxy_get_header_map_value(PROXY_REQUEST_HEADERS, "host", 4, far, &size);
    uint32_t c = proxy_set_buffer_bytes(PROXY_REQUEST_BODY, 0, 0, (const char *)0xffffff00, 4096);
    char body[64];
    snprintf(body, sizeof body, "statuses %u,%u,%u", a, b, c);
    proxy_respond(200, body);
    return PROXY_PAUSE;
}

PROXY_EXPORT(proxy_on_request_headers) uint32_t proxy_on_request_headers(uint32_t c, uint32_t n, uint32_t end) {
    (void)c, (void)n, (void)end;
    if (wants("/trap/request-headers")) {
        __builtin_trap();
    }
    if (wants("/bad-pointer")) {
        return bad_pointers();
    }
    if (wants("/spin")) {
        for (volatile int i = 0;; i++) {
        }
    }
    if (wants("/exit")) {
        exit(3);
    }
    return PROXY_CONTINUE;
}

PROXY_EXPORT(proxy_on_request_body) uint32_t proxy_on_request_body(uint32_t c, uint32_t size, uint32_t end) {
    (void)c, (void)size, (void)end;
    if (wants("/trap/request-body")) {
        __builtin_trap();
    }
    return PROXY_CONTINUE;
}

PROXY_EXPORT(proxy_on_response_headers) uint32_t proxy_on_response_headers(uint32_t c, uint32_t n, uint32_t end) {
    (void)c, (void)n, (void)end;
    if (wants("/trap/response-headers")) {
        __builtin_trap();
    }
    return PROXY_CONTINUE;
}

PROXY_EXPORT(proxy_on_response_body) uint32_t proxy_on_response_body(uint32_t c, uint32_t size, uint32_t end) {
    (void)c, (void)end;
    if (wants("/trap/response-body")) {
        __builtin_trap();
    }
    if (wants("/oversize")) {
        static char chunk[64 * 1024];
        memset(chunk, 'x', sizeof chunk);
        for (int i = 0; i < 64; i++) { // 4 MiB, past the test app's 1 MiB response limit
            if (proxy_set_buffer_bytes(PROXY_RESPONSE_BODY, size + i * sizeof chunk, 0, chunk, sizeof chunk)
                != PROXY_OK) {
                break;
            }
        }
    }
    return PROXY_CONTINUE;
}

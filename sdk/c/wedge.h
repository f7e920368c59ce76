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
 * Build (a WASI reactor):
 *     clang --target=wasm32-wasi -mexec-model=reactor -O2 -Wl,--strip-debug -I sdk/c \
 *           -o app.wasm sdk/c/wedge.c app.c
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
    WEDGE_VALUE_TOO_LARGE = 12
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
WEDGE_IMPORT("log")
int32_t wedge_raw_log(uint32_t level, const char *ptr, uint32_t len);

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
char *wedge_secret(const char *name);

int wedge_set_status(int code);
int wedge_set_header(const char *name, const char *value);
int wedge_add_header(const char *name, const char *value);
int wedge_write(const void *data, size_t len);
int wedge_write_str(const char *s);
int wedge_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

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

#ifdef __cplusplus
}
#endif

#endif /* WEDGE_H */

/*
 * wedge_util.h - optional helpers for wedge apps written in C: a growable byte buffer with JSON string output,
 * query-string and percent decoding, and a tiny JSON object reader. Link sdk/c/wedge_util.c next to
 * sdk/c/wedge.c (scripts/build-guests.sh does); the linker drops whatever an app does not call.
 *
 * These helpers do not call the host: they only need the C library. Running out of memory calls abort() (a trap:
 * the host answers 533, or counts a failed message), except in wedge_query_param, which then returns NULL.
 */
#ifndef WEDGE_UTIL_H
#define WEDGE_UTIL_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Growable buffer ----
 * Start with  wedge_buf b = WEDGE_BUF_INIT;  append, use b.data / b.len, then wedge_buf_free(&b).
 * b.data is NULL until something non-empty is appended; after that it is always NUL-terminated (the NUL is not
 * counted in len), so text can be passed on as a C string. */
typedef struct {
    char *data;
    size_t len, cap;
} wedge_buf;

#define WEDGE_BUF_INIT {NULL, 0, 0}

void wedge_buf_append(wedge_buf *b, const void *data, size_t len);   /* appends len bytes (may contain NULs) */
void wedge_buf_append_str(wedge_buf *b, const char *s);              /* appends a C string without its NUL */
void wedge_buf_printf(wedge_buf *b, const char *fmt, ...)            /* appends printf output */
    __attribute__((format(printf, 2, 3)));
void wedge_buf_free(wedge_buf *b);                                   /* frees the data; b is empty again */

/* Appends name NUL value NUL: one entry of a header map (docs/abi.md), e.g. for wedge_queue_publish. */
void wedge_buf_header(wedge_buf *b, const char *name, const char *value);

/* Appends s[0..len) as a quoted JSON string: '"' and '\' are escaped with a backslash, bytes below 0x20 as
 * \u00XX (lower-case hex), everything else, bytes >= 0x80 included, as it is (UTF-8 stays UTF-8; invalid
 * UTF-8 is not repaired). */
void wedge_buf_json_string(wedge_buf *b, const char *s, size_t len);

/* The same with options: WEDGE_JSON_ESCAPE_DEL also writes DEL (0x7f) as \u007f. */
#define WEDGE_JSON_ESCAPE_DEL 1u
void wedge_buf_json_string_flags(wedge_buf *b, const char *s, size_t len, unsigned flags);

/* ---- URL decoding ---- */

/* Decodes %XX escapes of s in place; a '%' not followed by two hex digits stays as it is, '+' is not special.
 * Returns 1, or 0 when an escape decodes to NUL (s is then partly decoded: do not use it). */
int wedge_percent_decode(char *s);

/* The value of parameter name in query (a query string without '?', pieces separated by '&'), malloc'd and
 * percent-decoded; "" for "name=". NULL when there is no "name=" piece, when its value decodes to a NUL, or when
 * out of memory. The first matching piece wins; "name" without '=' does not match. */
char *wedge_query_param(const char *query, const char *name);

/* ---- JSON reader ----
 * Looks up one member of a JSON object held in a NUL-terminated string (check first that the text has no NUL of
 * its own, e.g. strlen(body) == len). Each call validates the whole text, which must be exactly one object
 * (whitespace around it allowed); values may be strings, numbers, true, false, null, and nested arrays/objects
 * (up to 64 levels; they are skipped, only members of the outer object can be looked up). When a name repeats,
 * the last member wins. Limits: names are compared after decoding escapes, byte for byte; UTF-8 is not checked;
 * a \u escape of a lone surrogate makes the text invalid; each call is O(length of the text). */

typedef enum {
    WEDGE_JSON_INVALID = -1, /* the text is not a JSON object */
    WEDGE_JSON_ABSENT = 0,   /* valid, but no member of that name */
    WEDGE_JSON_STRING,
    WEDGE_JSON_NUMBER,
    WEDGE_JSON_BOOL,
    WEDGE_JSON_NULL,
    WEDGE_JSON_ARRAY,
    WEDGE_JSON_OBJECT
} wedge_json_type;

/* The type of member field of the object in json (WEDGE_JSON_INVALID, WEDGE_JSON_ABSENT or its type). */
wedge_json_type wedge_json_type_of(const char *json, const char *field);

/* Returns 1 and sets *out when member field is a number, else 0 (*out untouched). The value is converted by
 * strtod: a huge exponent gives +-HUGE_VAL (check isfinite). */
int wedge_json_number(const char *json, const char *field, double *out);

/* Returns member field, a string, decoded (escapes resolved, \uXXXX as UTF-8) and malloc'd; NULL when the text is
 * invalid, the member is absent or not a string, or the string contains \u0000. */
char *wedge_json_string(const char *json, const char *field);

/* ---- Hashing and encodings (for signatures such as JWT's HS256) ---- */

#define WEDGE_SHA256_BYTES 32

/* SHA-256 (FIPS 180-4) of data[0..len) into out. */
void wedge_sha256(const void *data, size_t len, unsigned char out[WEDGE_SHA256_BYTES]);

/* HMAC-SHA256 (RFC 2104) of msg[0..msg_len) under key[0..key_len) into out. */
void wedge_hmac_sha256(const void *key, size_t key_len, const void *msg, size_t msg_len,
                       unsigned char out[WEDGE_SHA256_BYTES]);

/* Whether a[0..len) equals b[0..len), in a time that does not depend on where they differ (for MACs and keys). */
int wedge_equal_const_time(const void *a, const void *b, size_t len);

/* Decodes base64url (RFC 4648 section 5, without padding, as JWT writes it) of s[0..len); malloc'd, NUL-terminated
 * (the NUL is not counted in *out_len). NULL when s is not base64url, or when out of memory. */
unsigned char *wedge_base64url_decode(const char *s, size_t len, size_t *out_len);

/* Appends data[0..len) as lower-case hex. */
void wedge_buf_hex(wedge_buf *b, const void *data, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* WEDGE_UTIL_H */

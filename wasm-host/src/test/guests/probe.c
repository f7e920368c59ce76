/*
 * probe: an http test guest for the host's tests. It dispatches on the request path (see the handler at the
 * end); each probe exercises one part of the ABI or one failure mode.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wedge.h"

/* Addresses and lengths that cannot be valid in a 32-bit guest memory. */
#define BAD_PTR ((void *)(uintptr_t)0xFFFFFFF0u)
#define BAD_LEN 0xFFFFFFFFu
#define BAD_OUT ((uint32_t *)(uintptr_t)0xFFFFFFFFu)

static void text(const char *s) { wedge_write_str(s); }

/* Writes "key=value\n". */
static void line(const char *key, const char *value) {
    wedge_write_str(key);
    wedge_write_str("=");
    wedge_write_str(value);
    wedge_write_str("\n");
}

static void line_int(const char *key, long value) {
    char num[24];
    snprintf(num, sizeof num, "%ld", value);
    line(key, num);
}

static void line_or_none(const char *key, char *value) {
    line(key, value ? value : "(none)");
    free(value);
}

static int probe_info(void) {
    wedge_set_status(200);
    wedge_set_header("Content-Type", "text/plain");
    wedge_set_header("X-Probe", "yes");
    wedge_add_header("X-Multi", "a");
    wedge_add_header("X-Multi", "b");

    line_or_none("method", wedge_request_method());
    line_or_none("url", wedge_request_url());
    line_or_none("path", wedge_request_path());
    line_or_none("query", wedge_request_query());
    line_or_none("x-test", wedge_request_header("x-test"));

    size_t map_len = 0;
    char *map = wedge_request_headers(&map_len);
    long nuls = 0;
    for (size_t i = 0; map && i < map_len; i++) nuls += map[i] == '\0';
    free(map);
    line_int("header-count", nuls / 2);

    uint32_t size = 0;
    wedge_raw_request_body_size(&size);
    line_int("body-size", (long)size);

    /* Read the body with the raw import in small chunks, to exercise offsets. */
    text("body=");
    char chunk[7];
    for (uint32_t offset = 0;;) {
        uint32_t n = 0;
        if (wedge_raw_request_body_read(offset, chunk, sizeof chunk, &n) != WEDGE_OK || n == 0) break;
        wedge_write(chunk, n);
        offset += n;
    }
    text("\n");

    line_or_none("env.FOO", wedge_env("FOO"));
    line_or_none("secret.BAR", wedge_secret("BAR"));
    return 0;
}

static int probe_status(void) {
    char *query = wedge_request_query();
    int code = query ? atoi(query) : 0;
    free(query);
    int s = wedge_raw_response_set_status((uint32_t)code);
    if (s != WEDGE_OK) {
        wedge_set_status(200);
        line_int("rejected", s);
    } else {
        text("ok\n");
    }
    return 0;
}

/* Calls every import that takes memory arguments with out-of-range memory; expects 3 (INVALID_MEMORY) each. */
static int probe_hostile(void) {
    char buf[256];
    uint32_t len = 0;
    static const char host[] = "host", foo[] = "FOO", bar[] = "BAR", ct[] = "x-hostile", val[] = "v";

    /* (buf, cap, out_len) getters: bad buffer, huge capacity from 0, bad out_len */
#define GETTER(NAME, CALL)                                                  \
    line_int(NAME ".buf", CALL(BAD_PTR, 100, &len));                        \
    line_int(NAME ".cap", CALL((void *)0, BAD_LEN, &len));                  \
    line_int(NAME ".out_len", CALL(buf, sizeof buf, BAD_OUT));
    GETTER("request_method", wedge_raw_request_method)
    GETTER("request_url", wedge_raw_request_url)
    GETTER("request_path", wedge_raw_request_path)
    GETTER("request_query", wedge_raw_request_query)
    GETTER("request_headers", wedge_raw_request_headers)
#undef GETTER

    /* (name, name_len, buf, cap, out_len) getters: additionally a bad name and a huge name length */
#define NAMED(NAME, CALL, KEY)                                                          \
    line_int(NAME ".name", CALL(BAD_PTR, 100, buf, sizeof buf, &len));                  \
    line_int(NAME ".name_len", CALL((const char *)0, BAD_LEN, buf, sizeof buf, &len));  \
    line_int(NAME ".buf", CALL(KEY, sizeof KEY - 1, BAD_PTR, 100, &len));               \
    line_int(NAME ".cap", CALL(KEY, sizeof KEY - 1, (void *)0, BAD_LEN, &len));         \
    line_int(NAME ".out_len", CALL(KEY, sizeof KEY - 1, buf, sizeof buf, BAD_OUT));
    NAMED("request_header", wedge_raw_request_header, host)
    NAMED("env_get", wedge_raw_env_get, foo)
    NAMED("secret_get", wedge_raw_secret_get, bar)
#undef NAMED

    line_int("request_body_size.out_len", wedge_raw_request_body_size(BAD_OUT));
    line_int("request_body_read.buf", wedge_raw_request_body_read(0, BAD_PTR, 100, &len));
    line_int("request_body_read.cap", wedge_raw_request_body_read(0, (void *)0, BAD_LEN, &len));
    line_int("request_body_read.out_len", wedge_raw_request_body_read(0, buf, sizeof buf, BAD_OUT));

    /* (name, name_len, value, value_len) setters */
#define SETTER(NAME, CALL)                                                                \
    line_int(NAME ".name", CALL(BAD_PTR, 100, val, 1));                                   \
    line_int(NAME ".name_len", CALL((const char *)0, BAD_LEN, val, 1));                   \
    line_int(NAME ".value", CALL(ct, sizeof ct - 1, BAD_PTR, 100));                       \
    line_int(NAME ".value_len", CALL(ct, sizeof ct - 1, (const char *)0, BAD_LEN));
    SETTER("response_set_header", wedge_raw_response_set_header)
    SETTER("response_add_header", wedge_raw_response_add_header)
#undef SETTER

    line_int("response_write.ptr", wedge_raw_response_write(BAD_PTR, 100));
    line_int("response_write.len", wedge_raw_response_write((void *)0, BAD_LEN));
    line_int("log.ptr", wedge_raw_log(WEDGE_LOG_INFO, BAD_PTR, 100));
    line_int("log.len", wedge_raw_log(WEDGE_LOG_INFO, (const char *)0, BAD_LEN));

    wedge_set_status(200);
    return 0;
}

static int probe_small_buffer(void) {
    char buf[1];
    uint32_t needed = 0;
    int s = wedge_raw_request_method(buf, sizeof buf, &needed);
    char out[64];
    snprintf(out, sizeof out, "status=%d needed=%u\n", s, (unsigned)needed);
    text(out);
    return 0;
}

static int probe_bad_args(void) {
    static const char bad_name[] = "bad name", ok_name[] = "x-ok", crlf[] = "a\r\nb", msg[] = "level 9";
    line_int("set_status_99", wedge_raw_response_set_status(99));
    line_int("set_header_badname", wedge_raw_response_set_header(bad_name, sizeof bad_name - 1, "v", 1));
    line_int("set_header_crlf", wedge_raw_response_set_header(ok_name, sizeof ok_name - 1, crlf, sizeof crlf - 1));
    line_int("log_level_9", wedge_raw_log(9, msg, sizeof msg - 1));
    return 0;
}

/* Survives only as long as the instance: every request must see 1. */
static int counter;

static int probe_counter(void) {
    counter++;
    line_int("count", counter);
    return 0;
}

static int probe_loop(void) {
    volatile unsigned spins = 0; /* volatile: the loop has a side effect the compiler must keep */
    for (;;) spins++;
}

static void *volatile sink; /* keeps each allocation alive, so malloc/memset cannot be optimised away */

static int probe_membomb(void) {
    for (;;) {
        void *p = malloc(1 << 20);
        if (!p) break;
        memset(p, 0xA5, 1 << 20);
        sink = p;
    }
    __builtin_trap();
}

static int probe_bigout(void) {
    char *block = malloc(1 << 20);
    if (!block) return 1;
    memset(block, 'x', 1 << 20);
    while (wedge_raw_response_write(block, 1 << 20) == WEDGE_OK) {}
    return 0;
}

/*
 * Adds headers of 1 KiB until the host refuses one, which must be for their total size (64 KiB, before the count
 * limit of 100): 533 response-too-large then; 7 (533 handler-failed) when the host refused for another reason or
 * never did; then a single header larger than the whole limit, which must be refused without being copied.
 */
static int probe_header_bomb(void) {
    static char value[1024];
    memset(value, 'v', sizeof value);
    char name[16];
    int s = WEDGE_OK;
    for (int i = 0; i < 100 && s == WEDGE_OK; i++) {
        snprintf(name, sizeof name, "x-h%d", i);
        s = wedge_raw_response_add_header(name, strlen(name), value, sizeof value);
    }
    if (s != WEDGE_LIMIT_EXCEEDED) return 7;
    static char huge[70 * 1024];
    return wedge_raw_response_set_header("x-huge", 6, huge, sizeof huge) == WEDGE_LIMIT_EXCEEDED ? 0 : 7;
}

static int probe_log(void) {
    wedge_log(WEDGE_LOG_INFO, "hello log");
    printf("to stdout\n");
    fprintf(stderr, "to stderr\n");
    text("logged\n");
    return 0;
}

static int probe_body_echo(void) {
    size_t len = 0;
    char *body = wedge_request_body(&len);
    if (!body) return 1;
    wedge_set_header("Content-Type", "application/octet-stream");
    wedge_write(body, len);
    free(body);
    return 0;
}

static int probe_stdout_flood(void) {
    char l[1024]; /* 1023 chars + NUL; printed with a newline: 1 KiB per line */
    memset(l, 'f', sizeof l - 1);
    l[sizeof l - 1] = '\0';
    for (int i = 0; i < 2000; i++) printf("%s\n", l);
    text("done\n");
    return 0;
}

WEDGE_HANDLER {
    char *path = wedge_request_path();
    if (!path) return 1;
    int rc;
    if (!strcmp(path, "/info")) rc = probe_info();
    else if (!strcmp(path, "/status")) rc = probe_status();
    else if (!strcmp(path, "/hostile")) rc = probe_hostile();
    else if (!strcmp(path, "/small-buffer")) rc = probe_small_buffer();
    else if (!strcmp(path, "/bad-args")) rc = probe_bad_args();
    else if (!strcmp(path, "/counter")) rc = probe_counter();
    else if (!strcmp(path, "/loop")) rc = probe_loop();
    else if (!strcmp(path, "/membomb")) rc = probe_membomb();
    else if (!strcmp(path, "/trap")) __builtin_trap();
    else if (!strcmp(path, "/fail")) rc = 7;
    else if (!strcmp(path, "/exit")) exit(3);
    else if (!strcmp(path, "/bigout")) rc = probe_bigout();
    else if (!strcmp(path, "/header-bomb")) rc = probe_header_bomb();
    else if (!strcmp(path, "/log")) rc = probe_log();
    else if (!strcmp(path, "/body-echo")) rc = probe_body_echo();
    else if (!strcmp(path, "/stdout-flood")) rc = probe_stdout_flood();
    else {
        wedge_set_status(404);
        text("no such probe\n");
        rc = 0;
    }
    free(path);
    return rc;
}

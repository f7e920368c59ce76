/*
 * outbound_probe: an http test guest for the outbound HTTP imports. The request body is a script (probe_commands.h);
 * each command writes one line:
 *
 *   get URL                  -> "STATUS CODE BODY" (STATUS of http_send; CODE and BODY "-" when it failed)
 *   send METHOD URL BODY     -> the same, with a body ("-" for none)
 *   hdr NAME VALUE           -> "0": the header is sent on every following call
 *   header NAME              -> "STATUS VALUE" of a header of the last response
 *   chunks URL               -> "STATUS CODE LEN": GET, the body read 7 bytes at a time with the raw import
 *   spin MS                  -> "0": computes (a busy loop reading the clock) for MS milliseconds
 *   hostile                  -> "http_send.N=STATUS" per pointer argument N out of range, then the response
 *                               imports with a bad handle and bad buffers
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wedge.h"
#include "wedge_util.h"

#include "probe_commands.h"

#define BAD ((void *)(uintptr_t)0xFFFFFFF0u)

static wedge_buf headers = WEDGE_BUF_INIT;
static wedge_http last = 0xFFFFFFFFu;

static const char *arg(char **argv, int argc, int i) { return i < argc ? argv[i] : ""; }

static void send(const char *method, const char *url, const char *body, wedge_buf *out) {
    size_t body_len = strcmp(body, "-") == 0 ? 0 : strlen(body);
    wedge_http h = 0;
    int s = wedge_http_send(method, url, headers.data, headers.len, body, body_len, &h);
    if (s != WEDGE_OK) {
        wedge_buf_printf(out, "%d - -\n", s);
        return;
    }
    last = h;
    size_t len = 0;
    char *text = wedge_http_body(h, &len);
    wedge_buf_printf(out, "0 %d ", wedge_http_status(h));
    wedge_buf_append(out, text ? text : "", text ? len : 0);
    wedge_buf_append_str(out, "\n");
    free(text);
}

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

static void hostile(wedge_buf *out) {
    const char *m = "GET", *u = "http://example.com/";
    uint32_t h = 0;
    wedge_buf_printf(out, "http_send.0=%d\n", (int)wedge_raw_http_send(BAD, 100, u, strlen(u), "", 0, "", 0, &h));
    wedge_buf_printf(out, "http_send.2=%d\n", (int)wedge_raw_http_send(m, 3, BAD, 100, "", 0, "", 0, &h));
    wedge_buf_printf(out, "http_send.4=%d\n", (int)wedge_raw_http_send(m, 3, u, strlen(u), BAD, 100, "", 0, &h));
    wedge_buf_printf(out, "http_send.6=%d\n", (int)wedge_raw_http_send(m, 3, u, strlen(u), "", 0, BAD, 100, &h));
    wedge_buf_printf(out, "http_send.8=%d\n", (int)wedge_raw_http_send(m, 3, u, strlen(u), "", 0, "", 0, BAD));
    uint32_t v = 0;
    char buf[8];
    wedge_buf_printf(out, "status.handle=%d\n", (int)wedge_raw_http_response_status(12345, &v));
    wedge_buf_printf(out, "body.handle=%d\n", (int)wedge_raw_http_response_body_read(12345, 0, buf, 8, &v));
    wedge_buf_printf(out, "body.buf=%d\n", (int)wedge_raw_http_response_body_read(12345, 0, BAD, 100, &v));
    wedge_buf_printf(out, "headers.buf=%d\n", (int)wedge_raw_http_response_headers(0, BAD, 100, &v));
}

static void run(char **argv, int argc, wedge_buf *out) {
    const char *cmd = argv[0];
    if (strcmp(cmd, "get") == 0) {
        send("GET", arg(argv, argc, 1), "-", out);
    } else if (strcmp(cmd, "send") == 0) {
        send(arg(argv, argc, 1), arg(argv, argc, 2), arg(argv, argc, 3), out);
    } else if (strcmp(cmd, "hdr") == 0) {
        wedge_buf_header(&headers, arg(argv, argc, 1), arg(argv, argc, 2));
        wedge_buf_append_str(out, "0\n");
    } else if (strcmp(cmd, "header") == 0) {
        char *value = wedge_http_header(last, arg(argv, argc, 1));
        wedge_buf_printf(out, "%d %s\n", value ? 0 : 1, value ? value : "");
        free(value);
    } else if (strcmp(cmd, "chunks") == 0) {
        wedge_http h = 0;
        int s = wedge_http_get(arg(argv, argc, 1), &h);
        uint32_t total = 0, n = 0;
        char chunk[7];
        while (s == WEDGE_OK) {
            s = wedge_raw_http_response_body_read(h, total, chunk, sizeof chunk, &n);
            if (s != WEDGE_OK || n == 0) break;
            total += n;
        }
        wedge_buf_printf(out, "%d %d %u\n", s, s == WEDGE_OK ? wedge_http_status(h) : -1, (unsigned)total);
    } else if (strcmp(cmd, "spin") == 0) {
        double until = now_ms() + atof(arg(argv, argc, 1));
        while (now_ms() < until) {
        }
        wedge_buf_append_str(out, "0\n");
    } else if (strcmp(cmd, "hostile") == 0) {
        hostile(out);
    } else {
        wedge_buf_printf(out, "? %s\n", cmd);
    }
}

WEDGE_HANDLER { return probe_commands(run); }

/*
 * conformance-c: the reference of the SDK conformance suite (README.md here gives the routes and the exact answers;
 * apps/conformance-rust, -as and -go answer the same bytes, SdkConformanceTest compares them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wedge.h"
#include "wedge_util.h"

static int answer(int status, const char *body, size_t len) {
    wedge_set_status(status);
    wedge_set_header("content-type", "text/plain; charset=utf-8");
    wedge_set_header("x-conformance", "1");
    wedge_write(body, len);
    return 0;
}

static int answer_buf(int status, wedge_buf *out) {
    answer(status, out->data ? out->data : "", out->len);
    wedge_buf_free(out);
    return 0;
}

static int failed(int status, const char *what, int code) {
    wedge_buf out = WEDGE_BUF_INIT;
    wedge_buf_printf(&out, "%s failed: %s\n", what, wedge_status_name(code));
    return answer_buf(status, &out);
}

static const char *or_dash(const char *value) { return value ? value : "-"; }

static int echo(void) {
    char *method = wedge_request_method(), *path = wedge_request_path(), *query = wedge_request_query();
    char *header = wedge_request_header("x-echo");
    size_t len = 0;
    char *body = wedge_request_body(&len);
    wedge_buf out = WEDGE_BUF_INIT;
    wedge_buf_printf(&out, "method=%s\npath=%s\nquery=%s\nx-echo=%s\nbody=", or_dash(method), or_dash(path),
                     or_dash(query), or_dash(header));
    wedge_buf_append(&out, body ? body : "", body ? len : 0);
    wedge_buf_append_str(&out, "\n");
    free(method), free(path), free(query), free(header), free(body);
    return answer_buf(200, &out);
}

static int counter(void) {
    wedge_kv kv;
    int status = wedge_kv_open("conformance", &kv);
    if (status != WEDGE_OK) return failed(503, "store", status);
    size_t len = 0;
    char *value = wedge_kv_get(kv, "counter", &len, &status);
    if (status != WEDGE_OK && status != WEDGE_NOT_FOUND) return failed(503, "store", status);
    long long next = (value ? strtoll(value, NULL, 10) : 0) + 1;
    free(value);
    char text[32];
    snprintf(text, sizeof text, "%lld", next);
    status = wedge_kv_set_str(kv, "counter", text, 0);
    if (status != WEDGE_OK) return failed(503, "store", status);
    wedge_buf out = WEDGE_BUF_INIT;
    wedge_buf_printf(&out, "counter=%s\n", text);
    return answer_buf(200, &out);
}

static int publish(void) {
    size_t len = 0;
    char *body = wedge_request_body(&len);
    wedge_buf headers = WEDGE_BUF_INIT;
    wedge_buf_header(&headers, "x-conformance", "1");
    int status = wedge_queue_publish("bus", "conformance", "conformance-key", body ? body : "", body ? len : 0,
                                     headers.data, headers.len);
    free(body);
    wedge_buf_free(&headers);
    if (status != WEDGE_OK) return failed(503, "publish", status);
    return answer(202, "published\n", strlen("published\n"));
}

static int fetch(const char *query) {
    char *url = wedge_query_param(query, "url");
    if (!url) return answer(400, "missing url\n", strlen("missing url\n"));
    wedge_http response;
    int status = wedge_http_get(url, &response);
    free(url);
    if (status != WEDGE_OK) return failed(502, "fetch", status);
    size_t len = 0;
    char *body = wedge_http_body(response, &len);
    wedge_buf out = WEDGE_BUF_INIT;
    wedge_buf_printf(&out, "status=%d\n", wedge_http_status(response));
    wedge_buf_append(&out, body ? body : "", body ? len : 0);
    free(body);
    return answer_buf(200, &out);
}

static int secret(const char *query) {
    char *at_text = wedge_query_param(query, "at");
    long long at = at_text ? strtoll(at_text, NULL, 10) : 0;
    free(at_text);
    char *now = wedge_secret("TOKEN"), *then = wedge_secret_at("TOKEN", at);
    wedge_buf out = WEDGE_BUF_INIT;
    wedge_buf_printf(&out, "now=%s;at=%s\n", or_dash(now), or_dash(then));
    free(now), free(then);
    return answer_buf(200, &out);
}

static int env(void) {
    char *value = wedge_env("GREETING");
    wedge_buf out = WEDGE_BUF_INIT;
    wedge_buf_printf(&out, "GREETING=%s\n", or_dash(value));
    free(value);
    return answer_buf(200, &out);
}

/* C has no error type: this is what the Rust SDK answers for a handler's Err (a 500 with the message). */
static int error(void) {
    wedge_set_status(500);
    wedge_set_header("content-type", "text/plain; charset=utf-8");
    wedge_write_str("conformance error");
    return 0;
}

WEDGE_HANDLER {
    char *path = wedge_request_path(), *query = wedge_request_query();
    const char *p = path ? path : "";
    const char *q = query ? query : "";
    int rc;
    if (strcmp(p, "/hello") == 0) rc = answer(200, "hello from wedge\n", strlen("hello from wedge\n"));
    else if (strcmp(p, "/echo") == 0) rc = echo();
    else if (strcmp(p, "/counter") == 0) rc = counter();
    else if (strcmp(p, "/publish") == 0) rc = publish();
    else if (strcmp(p, "/fetch") == 0) rc = fetch(q);
    else if (strcmp(p, "/secret") == 0) rc = secret(q);
    else if (strcmp(p, "/env") == 0) rc = env();
    else if (strcmp(p, "/error") == 0) rc = error();
    else rc = answer(404, "no such route\n", strlen("no such route\n"));
    free(path), free(query);
    return rc;
}

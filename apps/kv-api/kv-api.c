/*
 * kv-api: a small HTTP API over a key-value store (the store named by env var STORE, default "default").
 *   GET /KEY           200 the value (application/octet-stream), 404 when absent
 *   PUT /KEY[?ttl=MS]  stores the request body (expiring after MS milliseconds when given), 204
 *   DELETE /KEY        204, 404 when absent
 *   GET /?scan=GLOB    200 a JSON array of every matching key (sorted, each once)
 * The key is the path without its leading "/", percent-decoded. An empty key is 400, another method 405, and a
 * store error 503 with "kv error: S" (S the ABI status). When the app is routed under a path prefix, env var
 * BASE_PATH (e.g. "/kv") names it, and it is removed from the path first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wedge.h"
#include "wedge_util.h"

static int answer(int code, const char *text) {
    wedge_set_status(code);
    if (text) {
        wedge_set_header("Content-Type", "text/plain");
        wedge_write_str(text);
    }
    return 0;
}

static int kv_error(int status) {
    char body[32];
    snprintf(body, sizeof body, "kv error: %d\n", status);
    return answer(503, body);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Answers the JSON array of every key matching pattern, following the cursor through every page. */
static int scan(wedge_kv kv, const char *pattern) {
    char **keys = NULL;
    size_t count = 0, cap = 0;
    char *cursor = strdup("");
    int s = WEDGE_OK;
    do {
        wedge_kv_keys page;
        s = wedge_kv_scan_page(kv, pattern, cursor, 100, &page);
        free(cursor);
        cursor = NULL;
        if (s != WEDGE_OK) break;
        for (size_t i = 0; i < page.count; i++) {
            if (count == cap) {
                cap = cap ? cap * 2 : 128;
                keys = realloc(keys, cap * sizeof *keys);
                if (!keys) abort();
            }
            keys[count++] = strdup(page.keys[i]);
        }
        cursor = strdup(page.cursor);
        wedge_kv_keys_free(&page);
    } while (cursor[0] != '\0');
    free(cursor);
    if (s != WEDGE_OK) {
        for (size_t i = 0; i < count; i++) free(keys[i]);
        free(keys);
        return kv_error(s);
    }

    /* A scan may return a key more than once: sort, then skip repeats. */
    if (count) qsort(keys, count, sizeof *keys, cmp_str);
    wedge_buf o = WEDGE_BUF_INIT;
    wedge_buf_append_str(&o, "[");
    for (size_t i = 0; i < count; i++) {
        if (i == 0 || strcmp(keys[i - 1], keys[i]) != 0) {
            if (o.len > 1) wedge_buf_append_str(&o, ",");
            /* DEL is escaped too, as this app always did */
            wedge_buf_json_string_flags(&o, keys[i], strlen(keys[i]), WEDGE_JSON_ESCAPE_DEL);
        }
    }
    wedge_buf_append_str(&o, "]\n");
    for (size_t i = 0; i < count; i++) free(keys[i]);
    free(keys);
    wedge_set_status(200);
    wedge_set_header("Content-Type", "application/json");
    wedge_write(o.data, o.len);
    wedge_buf_free(&o);
    return 0;
}

static int get(wedge_kv kv, const char *key) {
    size_t len = 0;
    int s;
    char *value = wedge_kv_get(kv, key, &len, &s);
    if (s == WEDGE_NOT_FOUND) return answer(404, "not found\n");
    if (s != WEDGE_OK) return kv_error(s);
    wedge_set_status(200);
    wedge_set_header("Content-Type", "application/octet-stream");
    wedge_write(value, len);
    free(value);
    return 0;
}

static int put_value(wedge_kv kv, const char *key, const char *query) {
    int64_t ttl = 0;
    char *ttl_text = wedge_query_param(query, "ttl");
    if (ttl_text) {
        char *end;
        ttl = strtoll(ttl_text, &end, 10);
        int bad = ttl_text[0] < '0' || ttl_text[0] > '9' || *end != '\0';
        free(ttl_text);
        if (bad) return answer(400, "ttl must be a number of milliseconds\n");
    }
    size_t len = 0;
    char *body = wedge_request_body(&len);
    if (!body) return 1;
    int s = wedge_kv_set(kv, key, body, len, ttl);
    free(body);
    return s == WEDGE_OK ? answer(204, NULL) : kv_error(s);
}

static int delete(wedge_kv kv, const char *key) {
    int s = wedge_kv_delete(kv, key);
    if (s == WEDGE_NOT_FOUND) return answer(404, "not found\n");
    return s == WEDGE_OK ? answer(204, NULL) : kv_error(s);
}

static int handle(const char *method, char *path, const char *query) {
    int is_get = !strcmp(method, "GET"), is_put = !strcmp(method, "PUT"), is_delete = !strcmp(method, "DELETE");
    if (!is_get && !is_put && !is_delete) {
        wedge_set_header("Allow", "GET, PUT, DELETE");
        return answer(405, "method not allowed\n");
    }

    char *store = wedge_env("STORE");
    wedge_kv kv;
    int s = wedge_kv_open(store ? store : "default", &kv);
    free(store);
    if (s != WEDGE_OK) return kv_error(s);

    if (is_get && !strcmp(path, "/")) {
        char *pattern = wedge_query_param(query, "scan");
        if (pattern) {
            int rc = scan(kv, pattern);
            free(pattern);
            return rc;
        }
    }
    char *key = path[0] == '/' ? path + 1 : path;
    if (!wedge_percent_decode(key) || key[0] == '\0') return answer(400, "missing or bad key\n");
    if (is_get) return get(kv, key);
    if (is_put) return put_value(kv, key, query);
    return delete(kv, key);
}

/* The path below BASE_PATH ("/" when the path is BASE_PATH itself); the path unchanged when it is not under it. */
static char *strip_base(char *path) {
    char *base = wedge_env("BASE_PATH");
    size_t n = base ? strlen(base) : 0;
    while (n > 0 && base[n - 1] == '/') n--;
    char *rest = path;
    if (n > 0 && !strncmp(path, base, n) && (path[n] == '/' || path[n] == '\0')) {
        rest = path[n] == '\0' ? "/" : path + n;
    }
    free(base);
    return rest;
}

WEDGE_HANDLER {
    char *method = wedge_request_method(), *path = wedge_request_path(), *query = wedge_request_query();
    int rc = method && path && query ? handle(method, strip_base(path), query) : 1;
    free(method);
    free(path);
    free(query);
    return rc;
}

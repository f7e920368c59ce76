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

/* A growable output buffer. */
typedef struct {
    char *data;
    size_t len, cap;
} out_t;

static void put(out_t *o, const char *s, size_t n) {
    if (o->len + n > o->cap) {
        size_t cap = o->cap ? o->cap : 1024;
        while (cap < o->len + n) cap *= 2;
        char *p = realloc(o->data, cap);
        if (!p) abort(); /* out of memory: trap, the host answers 533 */
        o->data = p;
        o->cap = cap;
    }
    memcpy(o->data + o->len, s, n);
    o->len += n;
}

/* Appends s as a JSON string. Bytes >= 0x80 pass through unchanged (keys are UTF-8). */
static void put_json(out_t *o, const char *s) {
    static const char hex[] = "0123456789abcdef";
    put(o, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            put(o, esc, 2);
        } else if (c < 0x20 || c == 0x7f) {
            char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            put(o, esc, 6);
        } else {
            put(o, (const char *)&c, 1);
        }
    }
    put(o, "\"", 1);
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Decodes %XX escapes in place (a malformed escape stays as it is); returns 0 when the result contains NUL. */
static int percent_decode(char *s) {
    char *w = s;
    for (const char *r = s; *r; r++) {
        if (r[0] == '%' && hexval(r[1]) >= 0 && hexval(r[2]) >= 0) {
            char c = (char)(hexval(r[1]) * 16 + hexval(r[2]));
            if (c == '\0') return 0;
            *w++ = c;
            r += 2;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    return 1;
}

/* Returns the malloc'd, percent-decoded value of query parameter name, or NULL when absent (or containing NUL). */
static char *query_param(const char *query, const char *name) {
    size_t name_len = strlen(name);
    for (const char *p = query; *p;) {
        size_t n = strcspn(p, "&");
        if (n > name_len && !strncmp(p, name, name_len) && p[name_len] == '=') {
            char *v = strndup(p + name_len + 1, n - name_len - 1);
            if (v && !percent_decode(v)) { free(v); v = NULL; }
            return v;
        }
        p += n + (p[n] == '&');
    }
    return NULL;
}

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
    out_t o = {0};
    put(&o, "[", 1);
    for (size_t i = 0; i < count; i++) {
        if (i == 0 || strcmp(keys[i - 1], keys[i]) != 0) {
            if (o.len > 1) put(&o, ",", 1);
            put_json(&o, keys[i]);
        }
    }
    put(&o, "]\n", 2);
    for (size_t i = 0; i < count; i++) free(keys[i]);
    free(keys);
    wedge_set_status(200);
    wedge_set_header("Content-Type", "application/json");
    wedge_write(o.data, o.len);
    free(o.data);
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
    char *ttl_text = query_param(query, "ttl");
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
        char *pattern = query_param(query, "scan");
        if (pattern) {
            int rc = scan(kv, pattern);
            free(pattern);
            return rc;
        }
    }
    char *key = path[0] == '/' ? path + 1 : path;
    if (!percent_decode(key) || key[0] == '\0') return answer(400, "missing or bad key\n");
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

/* echo: answers with the request as a JSON object (method, path, query, url, headers, body). */
#include <stdlib.h>
#include <string.h>

#include "wedge.h"

/* A growable output buffer; the response is written in one call at the end. */
typedef struct {
    char *data;
    size_t len, cap;
} out_t;

static void put(out_t *o, const char *s, size_t n) {
    if (n == 0) return;
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

static void puts_(out_t *o, const char *s) { put(o, s, strlen(s)); }

/* Appends s[0..n) as a JSON string. Bytes >= 0x80 pass through unchanged (UTF-8 stays UTF-8). */
static void put_json(out_t *o, const char *s, size_t n) {
    static const char hex[] = "0123456789abcdef";
    put(o, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            put(o, esc, 2);
        } else if (c < 0x20) {
            char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            put(o, esc, 6);
        } else {
            put(o, (const char *)&c, 1);
        }
    }
    put(o, "\"", 1);
}

static void put_field(out_t *o, const char *key, const char *value) {
    put_json(o, key, strlen(key));
    put(o, ":", 1);
    put_json(o, value ? value : "", value ? strlen(value) : 0);
    put(o, ",", 1);
}

/* Writes the header map as a JSON object; a name that repeats becomes one key with its values joined by ", ". */
static void put_headers(out_t *o, const char *map, size_t map_len) {
    size_t count = 0;
    for (size_t i = 0; i < map_len; i++) count += map[i] == '\0';
    count /= 2;
    const char **names = malloc((count + 1) * sizeof *names);
    const char **values = malloc((count + 1) * sizeof *values);
    if (!names || !values) abort();
    const char *p = map;
    for (size_t i = 0; i < count; i++) {
        names[i] = p;
        p += strlen(p) + 1;
        values[i] = p;
        p += strlen(p) + 1;
    }

    put(o, "{", 1);
    int first = 1;
    for (size_t i = 0; i < count; i++) {
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++) seen = strcmp(names[j], names[i]) == 0;
        if (seen) continue;
        out_t joined = {0};
        for (size_t j = i; j < count; j++) {
            if (strcmp(names[j], names[i]) != 0) continue;
            if (joined.len) put(&joined, ", ", 2);
            puts_(&joined, values[j]);
        }
        if (!first) put(o, ",", 1);
        first = 0;
        put_json(o, names[i], strlen(names[i]));
        put(o, ":", 1);
        put_json(o, joined.data, joined.len);
        free(joined.data);
    }
    put(o, "}", 1);
    free(names);
    free(values);
}

WEDGE_HANDLER {
    char *method = wedge_request_method(), *path = wedge_request_path();
    char *query = wedge_request_query(), *url = wedge_request_url();
    size_t map_len = 0, body_len = 0;
    char *map = wedge_request_headers(&map_len);
    char *body = wedge_request_body(&body_len);
    if (!method || !path || !query || !url || !map || !body) return 1;

    out_t o = {0};
    puts_(&o, "{");
    put_field(&o, "method", method);
    put_field(&o, "path", path);
    put_field(&o, "query", query);
    put_field(&o, "url", url);
    puts_(&o, "\"headers\":");
    put_headers(&o, map, map_len);
    puts_(&o, ",\"body\":");
    put_json(&o, body, body_len);
    puts_(&o, "}");

    wedge_set_status(200);
    wedge_set_header("Content-Type", "application/json");
    return wedge_write(o.data, o.len) == WEDGE_OK ? 0 : 1;
}

/* echo: answers with the request as a JSON object (method, path, query, url, headers, body). */
#include <stdlib.h>
#include <string.h>

#include "wedge.h"
#include "wedge_util.h"

static void put_field(wedge_buf *o, const char *key, const char *value) {
    wedge_buf_json_string(o, key, strlen(key));
    wedge_buf_append_str(o, ":");
    wedge_buf_json_string(o, value ? value : "", value ? strlen(value) : 0);
    wedge_buf_append_str(o, ",");
}

/* Writes the header map as a JSON object; a name that repeats becomes one key with its values joined by ", ". */
static void put_headers(wedge_buf *o, const char *map, size_t map_len) {
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

    wedge_buf_append_str(o, "{");
    int first = 1;
    for (size_t i = 0; i < count; i++) {
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++) seen = strcmp(names[j], names[i]) == 0;
        if (seen) continue;
        wedge_buf joined = WEDGE_BUF_INIT;
        for (size_t j = i; j < count; j++) {
            if (strcmp(names[j], names[i]) != 0) continue;
            if (joined.len) wedge_buf_append_str(&joined, ", ");
            wedge_buf_append_str(&joined, values[j]);
        }
        if (!first) wedge_buf_append_str(o, ",");
        first = 0;
        wedge_buf_json_string(o, names[i], strlen(names[i]));
        wedge_buf_append_str(o, ":");
        wedge_buf_json_string(o, joined.data, joined.len);
        wedge_buf_free(&joined);
    }
    wedge_buf_append_str(o, "}");
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

    wedge_buf o = WEDGE_BUF_INIT;
    wedge_buf_append_str(&o, "{");
    put_field(&o, "method", method);
    put_field(&o, "path", path);
    put_field(&o, "query", query);
    put_field(&o, "url", url);
    wedge_buf_append_str(&o, "\"headers\":");
    put_headers(&o, map, map_len);
    wedge_buf_append_str(&o, ",\"body\":");
    wedge_buf_json_string(&o, body, body_len);
    wedge_buf_append_str(&o, "}");

    wedge_set_status(200);
    wedge_set_header("Content-Type", "application/json");
    return wedge_write(o.data, o.len) == WEDGE_OK ? 0 : 1;
}

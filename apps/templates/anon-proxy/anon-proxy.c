/*
 * anon-proxy: fetches the URL given in the `url` query parameter with a GET and answers with its response, after
 * dropping the headers that would tell the origin who asked: `host` and `referer`, as in the article, and what
 * the node tells apps about their client (`x-real-ip`, `x-forwarded-for`, `geoip-*`, `server_name`), which an
 * anonymous proxy must not pass on. 400 when the parameter is missing; 502 with the reason when the call cannot
 * be made (the node refuses private addresses, for one).
 */
#include <stdlib.h>
#include <string.h>

#include "wedge.h"
#include "wedge_util.h"

/* Headers not passed on: what the node sets for each hop itself. */
static int dropped(const char *name) {
    static const char *const names[] = {"content-length", "transfer-encoding", "connection", "keep-alive",
                                        "upgrade", "te", "trailer", "proxy-connection"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i]) == 0) return 1;
    }
    return 0;
}

/* Inbound headers not passed on: those, and whatever tells the origin who asked. */
static int identifying(const char *name) {
    static const char *const names[] = {"host", "referer", "x-real-ip", "x-forwarded-for", "forwarded",
                                        "server_name"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i]) == 0) return 1;
    }
    return strncmp(name, "geoip-", 6) == 0 || dropped(name);
}

/* Copies the entries of a header map that drop() does not refuse. */
static void filter(const char *map, size_t len, int (*drop)(const char *), wedge_buf *out) {
    for (const char *p = map; p < map + len;) {
        const char *name = p;
        const char *value = name + strlen(name) + 1;
        p = value + strlen(value) + 1;
        if (!drop(name)) wedge_buf_header(out, name, value);
    }
}

static int answer(int status, const char *text) {
    wedge_set_status(status);
    wedge_set_header("content-type", "text/plain");
    wedge_write_str(text);
    return 0;
}

WEDGE_HANDLER {
    char *query = wedge_request_query();
    char *url = query ? wedge_query_param(query, "url") : NULL;
    free(query);
    if (!url || !url[0]) {
        free(url);
        return answer(400, "Missing 'url' query parameter\n");
    }

    size_t map_len = 0;
    char *map = wedge_request_headers(&map_len);
    wedge_buf headers = WEDGE_BUF_INIT;
    if (map) filter(map, map_len, identifying, &headers);
    free(map);

    wedge_http response;
    int s = wedge_http_send("GET", url, headers.data, headers.len, NULL, 0, &response);
    wedge_buf_free(&headers);
    free(url);
    if (s != WEDGE_OK) {
        wedge_buf why = WEDGE_BUF_INIT;
        wedge_buf_printf(&why, "cannot fetch the url: %s\n", wedge_status_name(s));
        answer(502, why.data);
        wedge_buf_free(&why);
        return 0;
    }

    size_t got_len = 0, body_len = 0;
    char *got = wedge_http_headers(response, &got_len);
    char *body = wedge_http_body(response, &body_len);
    if (!got || !body) return 1;
    wedge_set_status(wedge_http_status(response));
    for (const char *p = got; p < got + got_len;) {
        const char *name = p;
        const char *value = name + strlen(name) + 1;
        p = value + strlen(value) + 1;
        if (!dropped(name)) wedge_add_header(name, value);
    }
    return wedge_write(body, body_len) == WEDGE_OK ? 0 : 1;
}

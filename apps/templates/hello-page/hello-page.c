/* hello-page (template): answers every request with a small HTML page greeting the visitor with GREETING.
 * Each request is logged, so the console's log tail has something to show. */
#include <stdlib.h>
#include <string.h>

#include "wedge.h"

/* Writes text with the five HTML-special characters escaped: GREETING is whatever the deployer typed. */
static void write_escaped(const char *text) {
    for (const char *c = text; *c; c++) {
        switch (*c) {
        case '<': wedge_write_str("&lt;"); break;
        case '>': wedge_write_str("&gt;"); break;
        case '&': wedge_write_str("&amp;"); break;
        case '"': wedge_write_str("&quot;"); break;
        case '\'': wedge_write_str("&#39;"); break;
        default: wedge_write(c, 1);
        }
    }
}

WEDGE_HANDLER {
    char *greeting = wedge_env("GREETING");
    char *path = wedge_request_path();
    const char *shown = greeting && *greeting ? greeting : "Hello";
    wedge_log(WEDGE_LOG_INFO, "hello-page answered a request");
    wedge_set_status(200);
    wedge_set_header("Content-Type", "text/html; charset=utf-8");
    wedge_write_str("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
    write_escaped(shown);
    wedge_write_str("</title></head>\n<body><h1>");
    write_escaped(shown);
    wedge_write_str("</h1>\n<p>You asked for ");
    write_escaped(path ? path : "/");
    wedge_write_str(".</p></body></html>\n");
    free(greeting);
    free(path);
    return 0;
}

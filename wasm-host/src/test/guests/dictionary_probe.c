/*
 * dictionary_probe: answers the value of the dictionary entry named by the request path (without its leading
 * '/'), 404 when the app's dictionary has none, or 500 "status S" for any other answer of dictionary_get.
 */
#include <stdio.h>
#include <string.h>

#include "wedge.h"

__attribute__((import_module("wedge"), import_name("dictionary_get")))
int32_t dictionary_get(const char *name, uint32_t name_len, void *buf, uint32_t cap, uint32_t *out_len);

WEDGE_HANDLER {
    char *path = wedge_request_path();
    const char *name = path && path[0] == '/' ? path + 1 : "";
    char value[256];
    uint32_t len = 0;
    int32_t s = dictionary_get(name, (uint32_t)strlen(name), value, sizeof value, &len);
    free(path);
    wedge_set_header("Content-Type", "text/plain");
    if (s == WEDGE_OK) {
        wedge_write(value, len);
    } else if (s == WEDGE_NOT_FOUND) {
        wedge_set_status(404);
    } else {
        char body[32];
        snprintf(body, sizeof body, "status %d", (int)s);
        wedge_set_status(500);
        wedge_write_str(body);
    }
    return 0;
}

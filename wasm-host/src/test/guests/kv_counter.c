/*
 * kv_counter: a test guest for concurrent increments. Adds 1 to key "n" of store "default" and answers 200
 * text/plain "N\n" (the new value); a store error answers 503 "kv error: S\n" (S the ABI status).
 */
#include <inttypes.h>
#include <stdio.h>

#include "wedge.h"

WEDGE_HANDLER {
    char body[32];
    wedge_kv kv;
    int64_t n = 0;
    int s = wedge_kv_open("default", &kv);
    if (s == WEDGE_OK) s = wedge_kv_incr(kv, "n", 1, &n);
    wedge_set_header("Content-Type", "text/plain");
    if (s != WEDGE_OK) {
        snprintf(body, sizeof body, "kv error: %d\n", s);
        wedge_set_status(503);
    } else {
        snprintf(body, sizeof body, "%" PRId64 "\n", n);
        wedge_set_status(200);
    }
    wedge_write_str(body);
    return 0;
}

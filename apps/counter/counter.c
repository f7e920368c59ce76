/* counter: counts visits in a key-value store (the store named by env var STORE, default "default"). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "wedge.h"

static int kv_error(int status) {
    char body[32];
    snprintf(body, sizeof body, "kv error: %d\n", status);
    wedge_set_status(503);
    wedge_write_str(body);
    return 0;
}

WEDGE_HANDLER {
    char *store = wedge_env("STORE");
    wedge_kv kv;
    int s = wedge_kv_open(store ? store : "default", &kv);
    free(store);
    wedge_set_header("Content-Type", "text/plain");
    if (s != WEDGE_OK) return kv_error(s);

    int64_t visits = 0;
    s = wedge_kv_incr(kv, "visits", 1, &visits);
    if (s != WEDGE_OK) return kv_error(s);

    char body[48];
    snprintf(body, sizeof body, "visits: %" PRId64 "\n", visits);
    wedge_set_status(200);
    wedge_write_str(body);
    return 0;
}

/* env: answers with the app's env var GREETING (set with --env GREETING=... or the config's env:). */
#include <stdlib.h>

#include "wedge.h"

WEDGE_HANDLER {
    char *greeting = wedge_env("GREETING");
    wedge_set_header("Content-Type", "text/plain");
    if (!greeting) {
        wedge_set_status(500);
        wedge_write_str("GREETING is not set\n");
        return 0;
    }
    wedge_set_status(200);
    wedge_write_str(greeting);
    wedge_write_str("\n");
    free(greeting);
    return 0;
}

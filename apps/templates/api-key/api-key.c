/*
 * api-key: lets a request through only when its X-API-Key header equals the app's secret API_KEY: 200, else 401
 * without the header and 403 with a wrong key. The comparison takes the same time wherever the keys differ.
 */
#include <string.h>

#include "wedge.h"
#include "wedge_util.h"

static int answer(int status, const char *text) {
    wedge_set_status(status);
    wedge_write_str(text);
    wedge_write_str("\n");
    if (status != 200) wedge_set_user_diag(text);
    return 0;
}

WEDGE_HANDLER {
    wedge_set_header("Content-Type", "text/plain");
    char *expected = wedge_secret("API_KEY");
    if (!expected) return answer(500, "API_KEY is not set");
    char *given = wedge_request_header("x-api-key");
    int status;
    if (!given) {
        status = 401;
    } else {
        size_t len = strlen(expected);
        status = strlen(given) == len && wedge_equal_const_time(given, expected, len) ? 200 : 403;
    }
    free(given);
    free(expected);
    return answer(status, status == 200 ? "access granted" : status == 401 ? "an X-API-Key header is required"
                                                                           : "wrong API key");
}

/*
 * config_probe: the secrets, client and diagnostic imports, by request path:
 *   /secret/NAME          secret_get                    /secret-at/SECONDS/NAME  secret_get_effective_at
 *   /client/NAME          client_info                   /diag?TEXT               set_user_diag twice, TEXT last
 *   /leak/NAME            logs the secret NAME (log, stdout, stderr) and makes it the diagnostic text
 *   /bad-at               secret_get_effective_at with a negative time
 * A value is answered 200 as the body; NOT_FOUND is 404; any other status 500 "status S". The command may
 * follow a route prefix (/fixed/secret/NAME).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wedge.h"

static int answer(char *value, int32_t status) {
    wedge_set_header("Content-Type", "text/plain");
    if (value) {
        wedge_write_str(value);
        free(value);
    } else if (status == WEDGE_NOT_FOUND) {
        wedge_set_status(404);
    } else {
        char body[32];
        snprintf(body, sizeof body, "status %d", (int)status);
        wedge_set_status(500);
        wedge_write_str(body);
    }
    return 0;
}

/* Calls a getter with a buffer large enough for any test value, for its status. */
static int32_t raw_at(const char *name, int64_t at, char **out) {
    static char buf[1024];
    uint32_t len = 0;
    int32_t s = wedge_raw_secret_get_effective_at(name, (uint32_t)strlen(name), at, buf, sizeof buf - 1, &len);
    *out = NULL;
    if (s == WEDGE_OK) {
        buf[len] = '\0';
        *out = strdup(buf);
    }
    return s;
}

/* What follows command in path, or NULL when the path has no such command. */
static const char *after(const char *path, const char *command) {
    const char *found = strstr(path, command);
    return found ? found + strlen(command) : NULL;
}

WEDGE_HANDLER {
    char *path = wedge_request_path();
    const char *arg;
    char *value = NULL;
    int32_t status = WEDGE_NOT_FOUND;
    if ((arg = after(path, "/secret/"))) {
        value = wedge_secret(arg);
    } else if ((arg = after(path, "/secret-at/"))) {
        char *end;
        long long at = strtoll(arg, &end, 10);
        status = raw_at(*end == '/' ? end + 1 : "", at, &value);
    } else if (after(path, "/bad-at")) {
        status = raw_at("TOKEN", -1, &value);
    } else if ((arg = after(path, "/client/"))) {
        value = wedge_client_info(arg);
    } else if (after(path, "/diag")) {
        char *query = wedge_request_query();
        wedge_set_user_diag("first");
        status = wedge_set_user_diag(query);
        free(query);
        value = status == WEDGE_OK ? strdup("diag set") : NULL;
    } else if ((arg = after(path, "/leak/"))) {
        char *secret = wedge_secret(arg);
        if (secret) {
            wedge_log(WEDGE_LOG_INFO, "the secret is %s", secret);
            printf("stdout: %s\n", secret);
            fprintf(stderr, "stderr: %s\n", secret);
            wedge_set_user_diag(secret);
            free(secret);
            value = strdup("logged");
        }
    }
    free(path);
    return answer(value, status);
}

/*
 * geo-block: answers 403 to clients from the countries listed in the env var BLACKLIST (ISO codes separated by
 * commas, e.g. "JP,BR"), 200 to everyone else. The country is what the node found for the client's address
 * (client_info "geoip-country-code", also sent as the request header of that name).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "wedge.h"

/* Whether code is one of the comma-separated entries of list, ignoring case and spaces around entries. */
static int listed(const char *list, const char *code) {
    size_t code_len = strlen(code);
    const char *p = list;
    while (*p) {
        while (*p == ' ' || *p == ',') p++;
        const char *start = p;
        while (*p && *p != ',') p++;
        const char *end = p;
        while (end > start && end[-1] == ' ') end--;
        if ((size_t)(end - start) == code_len && code_len > 0) {
            size_t i = 0;
            while (i < code_len && tolower((unsigned char)start[i]) == tolower((unsigned char)code[i])) i++;
            if (i == code_len) return 1;
        }
    }
    return 0;
}

WEDGE_HANDLER {
    char *country = wedge_client_info("geoip-country-code");
    char *blacklist = wedge_env("BLACKLIST");
    char line[96];
    wedge_set_header("Content-Type", "text/plain");
    if (country && blacklist && listed(blacklist, country)) {
        snprintf(line, sizeof line, "access from %s is not allowed\n", country);
        wedge_set_status(403);
        wedge_write_str(line);
        snprintf(line, sizeof line, "blocked %s", country);
        wedge_set_user_diag(line);
    } else {
        snprintf(line, sizeof line, "welcome (country: %s)\n", country ? country : "unknown");
        wedge_write_str(line);
    }
    free(country);
    free(blacklist);
    return 0;
}

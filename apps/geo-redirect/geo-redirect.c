/*
 * geo-redirect: answers 302 to the URL configured for the client's country: the dictionary entry (or env var)
 * named by the country code (e.g. DE=https://example.de/), else DEFAULT. Without DEFAULT and without an entry
 * for the country it answers 500. The country is the request header geoip-country-code, which the node sets.
 */
#include <stdio.h>
#include <string.h>

#include "wedge.h"

WEDGE_HANDLER {
    char *country = wedge_request_header("geoip-country-code");
    char *target = country && country[0] ? wedge_dictionary(country) : NULL;
    if (!target) target = wedge_dictionary("DEFAULT");
    wedge_set_header("Content-Type", "text/plain");
    if (!target) {
        wedge_set_status(500);
        wedge_write_str("DEFAULT is not set\n");
        wedge_set_user_diag("no DEFAULT");
        free(country);
        return 0;
    }
    wedge_set_status(302);
    wedge_set_header("Location", target);
    wedge_write_str("redirecting to ");
    wedge_write_str(target);
    wedge_write_str("\n");
    free(target);
    free(country);
    return 0;
}

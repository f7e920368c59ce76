/*
 * geo-redirect: answers 302 to the URL configured for the client's country: the dictionary entry (or env var)
 * named by the country code (e.g. DE=https://example.de/), else the country's entry in COUNTRY_URLS (a list
 * "DE=https://example.de/, FR=https://example.fr/", the one setting a template form can give), else DEFAULT.
 * Without DEFAULT and without an entry for the country it answers 500. The country is the request header
 * geoip-country-code, which the node sets.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "wedge.h"

/* The URL COUNTRY_URLS gives for the country (codes in any case, spaces around entries ignored), or NULL. */
static char *listed_url(const char *country) {
    char *list = wedge_dictionary("COUNTRY_URLS");
    if (!list) return NULL;
    size_t code_len = strlen(country);
    char *found = NULL;
    for (char *entry = strtok(list, ","); entry && !found; entry = strtok(NULL, ",")) {
        while (isspace((unsigned char)*entry)) entry++;
        char *eq = strchr(entry, '=');
        if (!eq || (size_t)(eq - entry) < code_len || strncasecmp(entry, country, code_len) != 0) continue;
        char *rest = entry + code_len;
        while (rest < eq && isspace((unsigned char)*rest)) rest++;
        if (rest != eq) continue;
        char *url = eq + 1;
        while (isspace((unsigned char)*url)) url++;
        size_t len = strlen(url);
        while (len > 0 && isspace((unsigned char)url[len - 1])) len--;
        if (len > 0) found = strndup(url, len);
    }
    free(list);
    return found;
}

WEDGE_HANDLER {
    char *country = wedge_request_header("geoip-country-code");
    char *target = NULL;
    if (country && country[0]) {
        target = wedge_dictionary(country);
        if (!target) target = listed_url(country);
    }
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

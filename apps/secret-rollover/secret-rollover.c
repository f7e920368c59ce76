/*
 * secret-rollover: shows which value of the app's secret TOKEN is in force, never the value itself: the first 16
 * hex digits of its SHA-256. Without a header it asks for the value in force now; with "x-slot: N" (Unix seconds)
 * for the one in force at N, as a service checking a token signed before a rotation would. 404 when no value is
 * in force then, 400 when x-slot is not a number.
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "wedge.h"
#include "wedge_util.h"

WEDGE_HANDLER {
    wedge_set_header("Content-Type", "text/plain");
    char *slot = wedge_request_header("x-slot");
    char *value;
    if (slot) {
        char *end;
        long long at = strtoll(slot, &end, 10);
        if (!slot[0] || *end || at < 0) {
            free(slot);
            wedge_set_status(400);
            wedge_write_str("x-slot must be Unix seconds\n");
            return 0;
        }
        value = wedge_secret_at("TOKEN", at);
    } else {
        value = wedge_secret("TOKEN");
    }
    if (!value) {
        wedge_set_status(404);
        wedge_write_str("no value of TOKEN is in force then\n");
        free(slot);
        return 0;
    }
    unsigned char digest[WEDGE_SHA256_BYTES];
    wedge_sha256(value, strlen(value), digest);
    wedge_buf out = WEDGE_BUF_INIT;
    wedge_buf_printf(&out, "slot: %s\nsha256: ", slot ? slot : "now");
    wedge_buf_hex(&out, digest, 8);
    wedge_buf_append_str(&out, "\n");
    wedge_write(out.data, out.len);
    wedge_buf_free(&out);
    free(value);
    free(slot);
    return 0;
}

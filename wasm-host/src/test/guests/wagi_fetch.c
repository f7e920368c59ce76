/*
 * wagi_fetch: a WAGI test guest calling wedge.http_send directly (a WASI command, without the C SDK): GETs the
 * URL that is the whole query string and prints "STATUS CODE BODY" (CODE and BODY "-" when the call failed).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WEDGE_IMPORT(name) __attribute__((import_module("wedge"), import_name(name)))
WEDGE_IMPORT("http_send")
int32_t http_send(const char *method, uint32_t method_len, const char *url, uint32_t url_len, const char *headers,
                  uint32_t headers_len, const void *body, uint32_t body_len, uint32_t *out_handle);
WEDGE_IMPORT("http_response_status")
int32_t http_response_status(uint32_t h, uint32_t *out_status);
WEDGE_IMPORT("http_response_body_read")
int32_t http_response_body_read(uint32_t h, uint32_t offset, void *buf, uint32_t cap, uint32_t *out_len);

int main(void) {
    const char *url = getenv("QUERY_STRING");
    if (!url) url = "";
    uint32_t h = 0, status = 0, len = 0;
    static char body[4096];
    int32_t s = http_send("GET", 3, url, (uint32_t)strlen(url), "", 0, "", 0, &h);
    printf("Content-Type: text/plain\n\n");
    if (s != 0) {
        printf("%d - -\n", (int)s);
        return 0;
    }
    http_response_status(h, &status);
    http_response_body_read(h, 0, body, sizeof body - 1, &len);
    body[len] = '\0';
    printf("0 %u %s\n", (unsigned)status, body);
    return 0;
}

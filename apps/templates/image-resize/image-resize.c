/* image-resize (template, http): fetches BASE + the request's path from the origin and answers the image
 * resized and re-encoded as the query asks (width, height, fit, format, quality) within the deployer's bounds
 * (format=auto: WebP for clients whose Accept names it, with Vary: Accept),
 * with an optional watermark (WATERMARK_URL fetched, or WATERMARK embedded as base64) laid on at OPACITY.
 * The image work is apps/templates/_lib/imaging.h; the parameters are in README.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wedge.h"
#include "wedge_util.h"
#include "../_lib/imaging.h"

static char *setting(void *context, const char *name) {
    (void)context;
    return wedge_env(name);
}

static char *query_param(void *query, const char *name) { return wedge_query_param(query, name); }

static int answer_text(int status, const char *text) {
    wedge_set_status(status);
    wedge_set_header("Content-Type", "text/plain; charset=utf-8");
    wedge_write_str(text);
    wedge_write_str("\n");
    return 0;
}

/* GETs url; the body when the answer is 200 (else NULL, with *status the answer's or 502). */
static char *fetch(const char *url, size_t *size, int *status) {
    wedge_http response;
    int rc = wedge_http_get(url, &response);
    if (rc != WEDGE_OK) {
        wedge_log(WEDGE_LOG_WARN, "image-resize: GET %s failed: %s", url, wedge_status_name(rc));
        *status = 502;
        return NULL;
    }
    *status = wedge_http_status(response);
    return *status == 200 ? wedge_http_body(response, size) : NULL;
}

/* The watermark's encoded bytes: WATERMARK_URL fetched, else the embedded WATERMARK; NULL when neither. */
static unsigned char *watermark(size_t *size) {
    char *url = wedge_env("WATERMARK_URL");
    unsigned char *mark = NULL;
    if (url != NULL && *url) {
        int status;
        mark = (unsigned char *)fetch(url, size, &status);
        if (mark == NULL) wedge_log(WEDGE_LOG_WARN, "image-resize: watermark not loaded (status %d)", status);
    } else {
        mark = image_embedded_mark(setting, NULL, size);
    }
    free(url);
    return mark;
}

WEDGE_HANDLER {
    image_limits limits;
    image_request request;
    const char *wrong = image_read_limits(setting, NULL, &limits);
    if (wrong != NULL) return answer_text(500, wrong);
    char *query = wedge_request_query();
    wrong = image_read_request(query_param, query ? query : "", &request);
    if (wrong == NULL) wrong = image_check_bounds(&request, &limits);
    free(query);
    if (wrong != NULL) return answer_text(400, wrong);
    char *accept = wedge_request_header("accept");
    int varies = image_negotiate(&request, &limits, accept);
    free(accept);

    char *base = wedge_env("BASE"), *path = wedge_request_path();
    if (base == NULL || *base == 0 || path == NULL) {
        free(base), free(path);
        return answer_text(500, "BASE is not set");
    }
    size_t base_len = strlen(base);
    if (base[base_len - 1] == '/' && path[0] == '/') base[--base_len] = 0;
    char *url = malloc(base_len + strlen(path) + 1);
    if (url == NULL) return answer_text(500, "out of memory");
    strcpy(url, base);
    strcat(url, path);
    free(base), free(path);

    size_t size = 0, mark_size = 0;
    int status;
    char *source = fetch(url, &size, &status);
    free(url);
    if (source == NULL) {
        return answer_text(status == 404 ? 404 : 502, status == 404 ? "no such image" : "the origin did not answer 200");
    }
    unsigned char *mark = watermark(&mark_size);
    image_result out = image_transform((unsigned char *)source, size, &request, &limits, mark, mark_size);
    free(source);
    free(mark);
    if (out.status != 200) return answer_text(out.status, out.error);
    wedge_set_status(200);
    wedge_set_header("Content-Type", out.content_type);
    if (varies) wedge_set_header("Vary", "Accept");
    wedge_write(out.data, out.size);
    free(out.data);
    return 0;
}

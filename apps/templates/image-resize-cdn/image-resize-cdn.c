/* image-resize-cdn (template, cdn): resizes and re-encodes the JPEG, PNG and WebP images the origin answers, as
 * the request's query asks (width, height, fit, format, quality) within the deployer's bounds (format=auto, or
 * FORMAT=auto: WebP for clients whose Accept names it, with Vary: Accept), with an optional
 * embedded watermark (WATERMARK, base64) laid on at OPACITY. A wrong query is refused with 400 before the origin
 * is asked; an answer that is not an image, is compressed, or cannot be decoded passes through unchanged. The
 * image work is apps/templates/_lib/imaging.h; the parameters are in README.md. */
#include <stdio.h>

#include "proxy_wasm.h"
#include "../_lib/imaging.h"

PROXY_FILTER_ABI

PROXY_IMPORT(proxy_dictionary_get)
uint32_t proxy_dictionary_get(const char *key, size_t key_size, char **value, size_t *size);
PROXY_IMPORT(proxy_replace_header_map_value)
uint32_t proxy_replace_header_map_value(uint32_t map, const char *key, size_t key_size, const char *value,
                                        size_t value_size);

static char *copy_text(const char *bytes, size_t size) {
    char *text = malloc(size + 1);
    if (text != NULL) {
        memcpy(text, bytes, size);
        text[size] = 0;
    }
    return text;
}

/* A parameter of the app (its dictionary, which falls back to its env). */
static char *setting(void *context, const char *name) {
    (void)context;
    char *value = NULL;
    size_t size = 0;
    if (proxy_dictionary_get(name, strlen(name), &value, &size) != PROXY_OK) return NULL;
    char *text = copy_text(value, size);
    free(value);
    return text;
}

/* The value of name=... in the query of a path; no percent-decoding (every value read here is a word or digits). */
static char *query_param(void *path, const char *name) {
    const char *piece = strchr(path, '?');
    size_t len = strlen(name);
    while (piece != NULL) {
        piece++;
        const char *end = strchr(piece, '&');
        if (strncmp(piece, name, len) == 0 && piece[len] == '=') {
            const char *value = piece + len + 1;
            return copy_text(value, end ? (size_t)(end - value) : strlen(value));
        }
        piece = end;
    }
    return NULL;
}

static char *request_path(void) {
    char *value = NULL;
    size_t size = 0;
    if (proxy_get_property("request.path", 12, &value, &size) != PROXY_OK) return copy_text("/", 1);
    char *text = copy_text(value, size);
    free(value);
    return text;
}

/* Whether the query asks for anything (format negotiated already): without it (and without a watermark or FORMAT)
 * images pass untouched. */
static int asks_anything(const image_request *req, const image_limits *lim, int has_mark) {
    enum image_format format = req->format != IMAGE_SAME ? req->format : lim->format;
    return req->width || req->height || req->quality || (format != IMAGE_SAME && format != IMAGE_AUTO) || has_mark;
}

/* Answers the client itself with a line of text (a header map in proxy-wasm's form: a count, the sizes of each
 * name and value, then each followed by a NUL). */
static void refuse(uint32_t status, const char *why) {
    static const char name[] = "content-type", value[] = "text/plain; charset=utf-8";
    char headers[12 + sizeof name + sizeof value];
    uint32_t sizes[3] = {1, sizeof name - 1, sizeof value - 1};
    memcpy(headers, sizes, sizeof sizes);
    memcpy(headers + 12, name, sizeof name);
    memcpy(headers + 12 + sizeof name, value, sizeof value);
    proxy_send_local_response(status, "", 0, why, strlen(why), headers, sizeof headers, -1);
}

PROXY_EXPORT(proxy_on_request_headers) uint32_t proxy_on_request_headers(uint32_t c, uint32_t n, uint32_t end) {
    (void)c, (void)n, (void)end;
    image_limits limits;
    image_request request;
    const char *wrong = image_read_limits(setting, NULL, &limits);
    char *path = request_path();
    if (wrong != NULL) {
        refuse(500, wrong);
    } else if ((wrong = image_read_request(query_param, path, &request)) != NULL
               || (wrong = image_check_bounds(&request, &limits)) != NULL) {
        refuse(400, wrong);
    }
    free(path);
    return wrong != NULL ? PROXY_PAUSE : PROXY_CONTINUE;
}

static int is_image(void) {
    char *type = proxy_header(PROXY_RESPONSE_HEADERS, "content-type");
    char *encoding = proxy_header(PROXY_RESPONSE_HEADERS, "content-encoding");
    int image = type != NULL
                && (strncmp(type, "image/jpeg", 10) == 0 || strncmp(type, "image/png", 9) == 0
                    || strncmp(type, "image/webp", 10) == 0)
                && (encoding == NULL || *encoding == 0 || strcmp(encoding, "identity") == 0);
    free(type);
    free(encoding);
    return image;
}

PROXY_EXPORT(proxy_on_response_body) uint32_t proxy_on_response_body(uint32_t c, uint32_t size, uint32_t end) {
    (void)c;
    if (!end) return PROXY_PAUSE; /* buffer the whole image */
    image_limits limits;
    image_request request;
    size_t mark_size = 0;
    char *path = request_path();
    const char *wrong = image_read_limits(setting, NULL, &limits);
    if (wrong == NULL) wrong = image_read_request(query_param, path, &request);
    free(path);
    if (wrong != NULL || !is_image()) return PROXY_CONTINUE;
    char *accept = proxy_header(PROXY_REQUEST_HEADERS, "accept");
    if (image_negotiate(&request, &limits, accept)) proxy_add_header_map_value(PROXY_RESPONSE_HEADERS, "vary", 4, "Accept", 6);
    free(accept);
    unsigned char *mark = image_embedded_mark(setting, NULL, &mark_size);
    if (!asks_anything(&request, &limits, mark != NULL)) {
        free(mark);
        return PROXY_CONTINUE;
    }
    char *body = NULL;
    size_t body_size = 0;
    if (proxy_get_buffer_bytes(PROXY_RESPONSE_BODY, 0, size, &body, &body_size) != PROXY_OK) {
        free(mark);
        return PROXY_CONTINUE;
    }
    image_result out = image_transform((unsigned char *)body, body_size, &request, &limits, mark, mark_size);
    free(body);
    free(mark);
    if (out.status != 200) {
        char line[160];
        int len = snprintf(line, sizeof line, "image-resize-cdn: passed unchanged: %s", out.error);
        proxy_log(PROXY_LOG_WARN, line, (size_t)len);
        return PROXY_CONTINUE;
    }
    proxy_set_buffer_bytes(PROXY_RESPONSE_BODY, 0, size, (const char *)out.data, out.size);
    proxy_replace_header_map_value(PROXY_RESPONSE_HEADERS, "content-type", 12, out.content_type,
                                   strlen(out.content_type));
    free(out.data);
    return PROXY_CONTINUE;
}

/* image_params.h: what the image templates read from their settings and from the request's query, and the
 * base64 watermark setting; part of imaging.h (which includes it after its types). */
#ifndef IMAGE_PARAMS_H
#define IMAGE_PARAMS_H

static int image_parse_int(const char *text, int *out) {
    if (text == NULL || *text == 0) {
        return 0;
    }
    long value = 0;
    for (const char *c = text; *c; c++) {
        if (*c < '0' || *c > '9' || value > 100000) {
            return -1;
        }
        value = value * 10 + (*c - '0');
    }
    *out = (int)value;
    return 1;
}

static int image_parse_format(const char *text, enum image_format *out) {
    if (text == NULL || *text == 0) return 0;
    if (strcmp(text, "jpeg") == 0 || strcmp(text, "jpg") == 0) *out = IMAGE_JPEG;
    else if (strcmp(text, "png") == 0) *out = IMAGE_PNG;
    else if (strcmp(text, "webp") == 0) *out = IMAGE_WEBP;
    else if (strcmp(text, "auto") == 0) *out = IMAGE_AUTO;
    else if (strcmp(text, "same") == 0) *out = IMAGE_SAME;
    else return -1;
    return 1;
}

static int image_parse_fit(const char *text, enum image_fit *out) {
    if (text == NULL || *text == 0) return 0;
    if (strcmp(text, "contain") == 0) *out = FIT_CONTAIN;
    else if (strcmp(text, "cover") == 0) *out = FIT_COVER;
    else if (strcmp(text, "fill") == 0) *out = FIT_FILL;
    else return -1;
    return 1;
}

static int image_parse_corner(const char *text, enum image_corner *out) {
    if (text == NULL || *text == 0) return 0;
    if (strcmp(text, "bottom-right") == 0) *out = AT_BOTTOM_RIGHT;
    else if (strcmp(text, "bottom-left") == 0) *out = AT_BOTTOM_LEFT;
    else if (strcmp(text, "top-right") == 0) *out = AT_TOP_RIGHT;
    else if (strcmp(text, "top-left") == 0) *out = AT_TOP_LEFT;
    else if (strcmp(text, "center") == 0) *out = AT_CENTER;
    else return -1;
    return 1;
}

/* Base64 (standard alphabet, padding optional, whitespace skipped): a watermark pasted into a form. Returns the
 * decoded length, or -1 when the text is not base64. */
static long image_base64_decode(const char *text, unsigned char *out) {
    long n = 0;
    unsigned bits = 0, count = 0;
    for (const char *c = text; *c && *c != '='; c++) {
        int v;
        if (*c >= 'A' && *c <= 'Z') v = *c - 'A';
        else if (*c >= 'a' && *c <= 'z') v = *c - 'a' + 26;
        else if (*c >= '0' && *c <= '9') v = *c - '0' + 52;
        else if (*c == '+' || *c == '-') v = 62;
        else if (*c == '/' || *c == '_') v = 63;
        else if (*c == ' ' || *c == '\n' || *c == '\r' || *c == '\t') continue;
        else return -1;
        bits = (bits << 6) | (unsigned)v;
        count += 6;
        if (count >= 8) {
            count -= 8;
            out[n++] = (unsigned char)(bits >> count);
        }
    }
    return n;
}

/* A setting or query parameter by name: malloc'd, NULL when absent. */
typedef char *(*image_lookup)(void *context, const char *name);

/* One whole-number value of lookup, within [low, high]; fallback when absent. Returns 0 when malformed. */
static int image_number(image_lookup lookup, void *context, const char *name, int low, int high, int *out) {
    char *text = lookup(context, name);
    int value = 0, found = image_parse_int(text, &value);
    free(text);
    if (found < 0 || (found > 0 && (value < low || value > high))) return 0;
    if (found > 0) *out = value;
    return 1;
}

/* The deployer's bounds from the app's settings; NULL, or which setting is wrong. */
static const char *image_read_limits(image_lookup setting, void *context, image_limits *lim) {
    lim->max_width = 2000, lim->max_height = 2000, lim->quality = 80, lim->opacity = 50;
    lim->max_input_pixels = 25000000L, lim->format = IMAGE_SAME, lim->corner = AT_BOTTOM_RIGHT;
    int megapixels = 25;
    if (!image_number(setting, context, "MAX_WIDTH", 1, 10000, &lim->max_width)) return "MAX_WIDTH must be 1-10000";
    if (!image_number(setting, context, "MAX_HEIGHT", 1, 10000, &lim->max_height)) return "MAX_HEIGHT must be 1-10000";
    if (!image_number(setting, context, "MAX_INPUT_MEGAPIXELS", 1, 100, &megapixels)) return "MAX_INPUT_MEGAPIXELS must be 1-100";
    if (!image_number(setting, context, "QUALITY", 1, 100, &lim->quality)) return "QUALITY must be 1-100";
    if (!image_number(setting, context, "OPACITY", 0, 100, &lim->opacity)) return "OPACITY must be 0-100";
    lim->max_input_pixels = megapixels * 1000000L;
    char *text = setting(context, "FORMAT");
    int found = image_parse_format(text, &lim->format);
    free(text);
    if (found < 0) return "FORMAT must be same, jpeg, png, webp or auto";
    text = setting(context, "WATERMARK_POSITION");
    found = image_parse_corner(text, &lim->corner);
    free(text);
    if (found < 0) return "WATERMARK_POSITION must be bottom-right, bottom-left, top-right, top-left or center";
    return NULL;
}

/* What the query asks for; NULL, or which parameter is wrong (a 400 for the client). */
static const char *image_read_request(image_lookup query, void *context, image_request *req) {
    memset(req, 0, sizeof *req);
    if (!image_number(query, context, "width", 1, 100000, &req->width)) return "width must be a whole number above 0";
    if (!image_number(query, context, "height", 1, 100000, &req->height)) return "height must be a whole number above 0";
    if (!image_number(query, context, "quality", 1, 100, &req->quality)) return "quality must be 1-100";
    char *text = query(context, "fit");
    int found = image_parse_fit(text, &req->fit);
    free(text);
    if (found < 0) return "fit must be contain, cover or fill";
    text = query(context, "format");
    found = image_parse_format(text, &req->format);
    free(text);
    if (found < 0) return "format must be jpeg, png, webp, auto or same";
    return NULL;
}

/* The base64 watermark setting decoded (malloc'd, *size bytes); NULL when unset or not base64. */
static unsigned char *image_embedded_mark(image_lookup setting, void *context, size_t *size) {
    char *text = setting(context, "WATERMARK");
    *size = 0;
    if (text == NULL || *text == 0) {
        free(text);
        return NULL;
    }
    unsigned char *bytes = malloc(strlen(text) * 3 / 4 + 3);
    long n = bytes ? image_base64_decode(text, bytes) : -1;
    free(text);
    if (n <= 0) {
        free(bytes);
        return NULL;
    }
    *size = (size_t)n;
    return bytes;
}

#endif

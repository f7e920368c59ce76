/* imaging.h: the image work shared by the image-resize templates (http and cdn). Header-only, included once by
 * each template's single source file. Decoding (JPEG, PNG), resizing and encoding (JPEG, PNG) are stb's
 * (Debian's libstb-dev: stb_image, stb_image_resize, stb_image_write; public domain), WebP in and out is
 * libwebp's (image_webp.h); the rest is the template's:
 * what the query asks for and within which bounds, the fit modes, a box pre-shrink (stb's filters cost a lot
 * per source pixel, so a large source is first averaged down to at most twice the target) and the watermark.
 *
 * The caller fills an image_limits from the app's settings and an image_request from the query (image_params.h),
 * then calls image_transform; every failure is an HTTP status with a one-line reason. */
#ifndef IMAGING_H
#define IMAGING_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define STBI_NO_STDIO
#define STBI_ONLY_JPEG
#define STBI_ONLY_PNG
#define STBI_NO_THREAD_LOCALS
#define STBI_NO_LINEAR
#define STBI_NO_HDR
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>
#define STB_IMAGE_RESIZE_IMPLEMENTATION
#include <stb_image_resize.h>
#define STBI_WRITE_NO_STDIO
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>

/* IMAGE_AUTO: WebP for a client whose Accept names image/webp, else the source's format (the caller resolves it
 * before image_transform, see image_negotiate). */
enum image_format { IMAGE_SAME = 0, IMAGE_JPEG, IMAGE_PNG, IMAGE_WEBP, IMAGE_AUTO };
enum image_fit { FIT_CONTAIN = 0, FIT_COVER, FIT_FILL };
enum image_corner { AT_BOTTOM_RIGHT = 0, AT_BOTTOM_LEFT, AT_TOP_RIGHT, AT_TOP_LEFT, AT_CENTER };

/* What the deployer allows. */
typedef struct {
    int max_width, max_height;  /* of the output */
    long max_input_pixels;      /* a larger source is refused before it is decoded (memory) */
    int quality;                /* JPEG and WebP quality when the query gives none */
    enum image_format format;   /* output format when the query gives none */
    int opacity;                /* watermark, 0-100 */
    enum image_corner corner;   /* where the watermark goes */
} image_limits;

/* What one request asks for (0 / IMAGE_SAME: not given). */
typedef struct {
    int width, height, quality;
    enum image_fit fit;
    enum image_format format;
} image_request;

/* A finished image, or why not. */
typedef struct {
    int status;                 /* 200, or the HTTP status of the failure */
    const char *error;          /* the reason, when status != 200 */
    unsigned char *data;        /* the encoded image (malloc'd) */
    size_t size;
    const char *content_type;
} image_result;

/* Decoded pixels: channels is 3 (RGB) or 4 (RGBA). */
typedef struct {
    int w, h, channels;
    unsigned char *px;
} image_pixels;

#include "image_params.h"

typedef struct {
    unsigned char *data;
    size_t size, cap;
    int failed;
} image_sink;

static void image_sink_write(void *context, void *data, int size) {
    image_sink *sink = context;
    if (sink->failed || size <= 0) return;
    if (sink->size + (size_t)size > sink->cap) {
        size_t cap = sink->cap ? sink->cap * 2 : 65536;
        while (cap < sink->size + (size_t)size) cap *= 2;
        unsigned char *grown = realloc(sink->data, cap);
        if (grown == NULL) {
            sink->failed = 1;
            return;
        }
        sink->data = grown;
        sink->cap = cap;
    }
    memcpy(sink->data + sink->size, data, (size_t)size);
    sink->size += (size_t)size;
}

#include "image_webp.h"

static int image_decode(const unsigned char *data, size_t size, long max_pixels, image_pixels *out,
                        image_result *why) {
    int w, h, comp, webp = image_is_webp(data, size);
    if (webp ? !image_webp_info(data, size, &w, &h, &comp)
             : size > INT32_MAX || !stbi_info_from_memory(data, (int)size, &w, &h, &comp)) {
        why->status = 415;
        why->error = "the source is not a JPEG, PNG or WebP image";
        return 0;
    }
    if ((long)w * h > max_pixels) {
        why->status = 413;
        why->error = "the source image has more pixels than MAX_INPUT_MEGAPIXELS allows";
        return 0;
    }
    int channels = webp ? (comp ? 4 : 3) : comp == 2 || comp == 4 ? 4 : 3;
    out->px = webp ? image_webp_decode(data, size, comp, &out->w, &out->h)
                   : stbi_load_from_memory(data, (int)size, &out->w, &out->h, &comp, channels);
    if (out->px == NULL) {
        why->status = 422;
        why->error = "the source image could not be decoded";
        return 0;
    }
    out->channels = channels;
    return 1;
}

/* Averages k x k blocks: cheap, and what stb's filter would converge to for a large reduction. */
static int image_box_shrink(image_pixels *img, int k) {
    int w = img->w / k, h = img->h / k, ch = img->channels;
    unsigned char *px = malloc((size_t)w * h * ch);
    if (px == NULL) return 0;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            for (int c = 0; c < ch; c++) {
                unsigned sum = 0;
                for (int dy = 0; dy < k; dy++) {
                    const unsigned char *row = img->px + ((size_t)(y * k + dy) * img->w + (size_t)x * k) * ch + c;
                    for (int dx = 0; dx < k; dx++) sum += row[dx * ch];
                }
                px[((size_t)y * w + x) * ch + c] = (unsigned char)(sum / (unsigned)(k * k));
            }
        }
    }
    free(img->px);
    img->px = px;
    img->w = w;
    img->h = h;
    return 1;
}

/* Resizes the (sx, sy, sw, sh) window of img to w x h. */
static int image_resize(image_pixels *img, int sx, int sy, int sw, int sh, int w, int h) {
    int k = sw / w < sh / h ? sw / w : sh / h;
    if (k >= 4) {
        k /= 2; /* keep twice the target for stb's filter to smooth */
        if (!image_box_shrink(img, k)) return 0;
        sx /= k, sy /= k, sw /= k, sh /= k;
        if (sx + sw > img->w) sw = img->w - sx;
        if (sy + sh > img->h) sh = img->h - sy;
    }
    int ch = img->channels;
    unsigned char *px = malloc((size_t)w * h * ch);
    if (px == NULL) return 0;
    const unsigned char *from = img->px + ((size_t)sy * img->w + sx) * ch;
    if (!stbir_resize_uint8(from, sw, sh, img->w * ch, px, w, h, w * ch, ch)) {
        free(px);
        return 0;
    }
    free(img->px);
    img->px = px;
    img->w = w;
    img->h = h;
    return 1;
}

/* Scales the watermark to at most a quarter of the image's width and blends it into a corner, its own alpha
 * times opacity. */
static void image_watermark(image_pixels *img, image_pixels *mark, int opacity, enum image_corner corner) {
    if (opacity <= 0 || mark->w <= 0) return;
    int limit = img->w / 4 > 1 ? img->w / 4 : 1;
    if (mark->w > limit) {
        int h = (int)((long)mark->h * limit / mark->w);
        if (h < 1 || !image_resize(mark, 0, 0, mark->w, mark->h, limit, h)) return;
    }
    if (mark->w > img->w || mark->h > img->h) return;
    int margin = img->w / 50, x0, y0;
    switch (corner) {
    case AT_TOP_LEFT: x0 = margin, y0 = margin; break;
    case AT_TOP_RIGHT: x0 = img->w - mark->w - margin, y0 = margin; break;
    case AT_BOTTOM_LEFT: x0 = margin, y0 = img->h - mark->h - margin; break;
    case AT_CENTER: x0 = (img->w - mark->w) / 2, y0 = (img->h - mark->h) / 2; break;
    default: x0 = img->w - mark->w - margin, y0 = img->h - mark->h - margin;
    }
    if (x0 < 0) x0 = 0;
    if (y0 < 0) y0 = 0;
    int ch = img->channels, mch = mark->channels;
    for (int y = 0; y < mark->h && y0 + y < img->h; y++) {
        for (int x = 0; x < mark->w && x0 + x < img->w; x++) {
            const unsigned char *m = mark->px + ((size_t)y * mark->w + x) * mch;
            unsigned char *p = img->px + ((size_t)(y0 + y) * img->w + x0 + x) * ch;
            unsigned a = (mch == 4 ? m[3] : 255u) * (unsigned)opacity / 100u; /* 0-255 */
            for (int c = 0; c < 3; c++) p[c] = (unsigned char)((m[c] * a + p[c] * (255u - a)) / 255u);
        }
    }
}

/* Whether the sizes asked for are within the bounds: NULL, or why not. Checked before the source is fetched. */
static const char *image_check_bounds(const image_request *req, const image_limits *lim) {
    if (req->width > lim->max_width) return "width is larger than MAX_WIDTH";
    if (req->height > lim->max_height) return "height is larger than MAX_HEIGHT";
    return NULL;
}

/* The output size for a source of sw x sh: fills *w, *h (output) and the source window (cover crops). */
static const char *image_plan(const image_request *req, const image_limits *lim, int sw, int sh, int *w, int *h,
                              int *cx, int *cy, int *cw, int *ch) {
    *cx = 0, *cy = 0, *cw = sw, *ch = sh;
    int rw = req->width, rh = req->height;
    if (rw == 0 && rh == 0) { /* the source's size, shrunk to the bounds if larger */
        rw = sw < lim->max_width ? sw : lim->max_width;
        rh = sh < lim->max_height ? sh : lim->max_height;
    } else if (rw == 0 || rh == 0) { /* one side given: the other keeps the aspect ratio */
        if (rw == 0) rw = (int)(((long)sw * rh + sh / 2) / sh);
        else rh = (int)(((long)sh * rw + sw / 2) / sw);
        if (rw > lim->max_width || rh > lim->max_height) return "the other side would exceed MAX_WIDTH/MAX_HEIGHT";
        *w = rw > 0 ? rw : 1, *h = rh > 0 ? rh : 1;
        return NULL;
    }
    if (req->fit == FIT_FILL) {
        *w = rw, *h = rh;
    } else if (req->fit == FIT_COVER) { /* fill rw x rh, crop the source's overflow around its centre */
        *w = rw, *h = rh;
        if ((long)sw * rh > (long)sh * rw) {
            *cw = (int)((long)sh * rw / rh);
            *cx = (sw - *cw) / 2;
        } else {
            *ch = (int)((long)sw * rh / rw);
            *cy = (sh - *ch) / 2;
        }
    } else { /* contain: the largest size inside rw x rh with the source's aspect ratio */
        if ((long)sw * rh > (long)sh * rw) {
            *w = rw, *h = (int)(((long)sh * rw + sw / 2) / sw);
        } else {
            *h = rh, *w = (int)(((long)sw * rh + sh / 2) / sh);
        }
    }
    if (*w < 1) *w = 1;
    if (*h < 1) *h = 1;
    return NULL;
}

/* The format of encoded bytes (image_decode has accepted them). */
static enum image_format image_source_format(const unsigned char *data, size_t size) {
    if (image_is_webp(data, size)) return IMAGE_WEBP;
    return size >= 2 && data[0] == 0xFF && data[1] == 0xD8 ? IMAGE_JPEG : IMAGE_PNG;
}

/* Whether an Accept header names image/webp with a quality above zero (RFC 9110, section 12.5.1):
 * "image/webp;q=0" refuses WebP. Wildcards do not count: a client that says only image/* may not decode it. */
static int image_accepts_webp(const char *accept) {
    const char *p = accept;
    while (p != NULL && *p != '\0') {
        while (*p == ' ' || *p == '\t' || *p == ',') p++;
        const char *range = p;
        while (*p != '\0' && *p != ';' && *p != ',' && *p != ' ' && *p != '\t') p++;
        int webp = p - range == 10 && strncasecmp(range, "image/webp", 10) == 0;
        int wanted = 1;
        while (*p != '\0' && *p != ',') { /* the range's parameters: only q matters */
            if (*p++ != ';') continue;
            while (*p == ' ' || *p == '\t') p++;
            if ((*p == 'q' || *p == 'Q') && p[1] == '=') {
                wanted = 0; /* a qvalue is nonzero when any of its digits is */
                for (p += 2; *p != '\0' && *p != ',' && *p != ';'; p++) wanted |= *p >= '1' && *p <= '9';
            }
        }
        if (webp && wanted) return 1;
    }
    return 0;
}

/* Resolves IMAGE_AUTO (asked by the query, or by FORMAT when the query names none) against the client's Accept
 * header: WebP when it accepts image/webp, else the source's format. Returns whether the answer depends on Accept
 * (then it must say Vary: Accept, so caches keep one copy per kind of client). */
static int image_negotiate(image_request *req, const image_limits *lim, const char *accept) {
    if ((req->format != IMAGE_SAME ? req->format : lim->format) != IMAGE_AUTO) return 0;
    req->format = image_accepts_webp(accept) ? IMAGE_WEBP : IMAGE_SAME;
    return 1;
}

static image_result image_fail(int status, const char *error) {
    image_result r = {status, error, NULL, 0, NULL};
    return r;
}

/* Decodes data, resizes it as req asks within lim, lays the watermark (optional, an encoded PNG or JPEG) on it
 * and encodes the result. */
static image_result image_transform(const unsigned char *data, size_t size, const image_request *req,
                                    const image_limits *lim, const unsigned char *mark, size_t mark_size) {
    image_result r = image_fail(200, NULL);
    image_pixels img = {0}, wm = {0};
    if (!image_decode(data, size, lim->max_input_pixels, &img, &r)) return r;
    int w, h, cx, cy, cw, chh;
    const char *wrong = image_check_bounds(req, lim);
    if (wrong == NULL) wrong = image_plan(req, lim, img.w, img.h, &w, &h, &cx, &cy, &cw, &chh);
    if (wrong != NULL) {
        stbi_image_free(img.px);
        return image_fail(400, wrong);
    }
    if ((w != img.w || h != img.h || cw != img.w || chh != img.h) && !image_resize(&img, cx, cy, cw, chh, w, h)) {
        free(img.px);
        return image_fail(500, "out of memory while resizing");
    }
    if (mark != NULL && mark_size > 0) {
        image_result ignored;
        if (image_decode(mark, mark_size, 4L << 20, &wm, &ignored)) {
            image_watermark(&img, &wm, lim->opacity, lim->corner);
            free(wm.px);
        }
    }
    enum image_format format = req->format != IMAGE_SAME ? req->format : lim->format;
    if (format == IMAGE_SAME || format == IMAGE_AUTO) format = image_source_format(data, size);
    int quality = req->quality > 0 ? req->quality : lim->quality;
    image_sink sink = {0};
    int ok;
    if (format == IMAGE_JPEG) {
        ok = stbi_write_jpg_to_func(image_sink_write, &sink, img.w, img.h, img.channels, img.px, quality);
        r.content_type = "image/jpeg";
    } else if (format == IMAGE_WEBP) {
        ok = image_webp_encode(img.px, img.w, img.h, img.channels, quality, &sink);
        r.content_type = "image/webp";
    } else {
        ok = stbi_write_png_to_func(image_sink_write, &sink, img.w, img.h, img.channels, img.px, img.w * img.channels);
        r.content_type = "image/png";
    }
    free(img.px);
    if (!ok || sink.failed) {
        free(sink.data);
        return image_fail(500, "out of memory while encoding");
    }
    r.data = sink.data;
    r.size = sink.size;
    return r;
}

#endif

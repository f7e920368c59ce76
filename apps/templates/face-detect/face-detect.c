/* face-detect (template, http): POST a JPEG or PNG picture, get back the faces in it as JSON boxes, or with
 * ?draw=1 the picture itself with the boxes drawn. The detector is lbp_detect.h (ours) running OpenCV's LBP
 * frontal-face cascade, which scripts/build-guests.sh converts from Debian's opencv-data into face_cascade.h at
 * build time. The picture is decoded by stb (apps/templates/_lib/imaging.h), turned grey and, when larger than
 * DETECT_SIZE, averaged down to it: the search costs in proportion to the pixels it looks at. Plain-text PGM is
 * read too (test fixtures carry pictures as text). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wedge.h"
#include "wedge_util.h"
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wunused-function" /* the resizing half of imaging.h is not used here */
#include "../_lib/imaging.h"
#pragma clang diagnostic pop
#include "../_lib/pgm.h"
#include "lbp_detect.h"
#include "face_cascade.h" /* generated: scripts/cascade-to-c.py */

#define MAX_LISTED 100 /* faces in one answer, strongest first */

/* The deployer's settings (template.json has the same defaults and bounds). */
typedef struct {
    int min_face, scale_percent, min_hits, detect_size, draw;
    long max_bytes, max_pixels;
} settings;

static int answer_error(int status, const char *message) {
    wedge_set_status(status);
    wedge_set_header("Content-Type", "application/json");
    wedge_write_str("{\"error\":\"");
    wedge_write_str(message); /* our own constant texts: nothing to escape */
    wedge_write_str("\"}\n");
    return 0;
}

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* A whole-number setting within [low, high], fallback when unset; 0 when malformed or out of bounds. */
static int number_setting(const char *name, long fallback, long low, long high, long *out) {
    char *text = wedge_env(name);
    char *end = NULL;
    long value = text != NULL && *text ? strtol(text, &end, 10) : fallback;
    int ok = (end == NULL || *end == 0) && value >= low && value <= high;
    free(text);
    *out = value;
    return ok;
}

/* NULL, or the message naming the setting that is wrong. */
static const char *read_settings(settings *s) {
    long v;
    if (!number_setting("MIN_FACE", 48, 20, 4096, &v)) return "MIN_FACE must be 20-4096";
    s->min_face = (int)v;
    if (!number_setting("SCALE_STEP", 110, 102, 200, &v)) return "SCALE_STEP must be 102-200 (percent)";
    s->scale_percent = (int)v;
    if (!number_setting("MIN_HITS", 4, 1, 50, &v)) return "MIN_HITS must be 1-50";
    s->min_hits = (int)v;
    if (!number_setting("DETECT_SIZE", 800, 100, 4096, &v)) return "DETECT_SIZE must be 100-4096";
    s->detect_size = (int)v;
    if (!number_setting("MAX_BYTES", 8388608, 1, 67108864, &s->max_bytes)) return "MAX_BYTES must be 1-67108864";
    if (!number_setting("MAX_PIXELS", 4000000, 1, 40000000, &s->max_pixels)) return "MAX_PIXELS must be 1-40000000";
    char *draw = wedge_env("DRAW");
    s->draw = draw == NULL || *draw == 0 || strcmp(draw, "true") == 0;
    int known = s->draw || strcmp(draw, "false") == 0;
    free(draw);
    return known ? NULL : "DRAW must be true or false";
}

/* ?draw=: 1 when the picture is asked for, 0 when not, -1 when the value is not one of 1/true/0/false. */
static int wants_drawing(void) {
    char *query = wedge_request_query();
    char *draw = query != NULL ? wedge_query_param(query, "draw") : NULL;
    int wanted = draw == NULL || strcmp(draw, "0") == 0 || strcmp(draw, "false") == 0 ? 0
        : strcmp(draw, "1") == 0 || strcmp(draw, "true") == 0 ? 1 : -1;
    free(draw);
    free(query);
    return wanted;
}

/* The picture's pixels (3 or 4 channels): JPEG and PNG by stb, plain PGM by pgm.h (made RGB, so drawing is
 * alike). 200, or the status of the failure. */
static int decode(const unsigned char *body, size_t len, long max_pixels, image_pixels *img) {
    if (len >= 2 && body[0] == 'P' && body[1] == '2') {
        unsigned char *grey = pgm_decode_plain((const char *)body, len, 40000, &img->w, &img->h);
        if (grey == NULL) return 400;
        if ((long)img->w * img->h > max_pixels) {
            free(grey);
            return 413;
        }
        img->channels = 3;
        img->px = malloc((size_t)img->w * img->h * 3);
        for (size_t i = 0; img->px != NULL && i < (size_t)img->w * img->h; i++) memset(img->px + i * 3, grey[i], 3);
        free(grey);
        return img->px != NULL ? 200 : 500;
    }
    image_result why = {0};
    return image_decode(body, len, max_pixels, img, &why) ? 200 : why.status == 413 ? 413 : 400;
}

/* img averaged down (never up) so its longer side is at most side, and made grey; *scale = grey / image. */
static unsigned char *grey_work_image(const image_pixels *img, int side, int *gw, int *gh, float *scale) {
    int longer = img->w > img->h ? img->w : img->h;
    *scale = longer > side ? (float)side / longer : 1.0f;
    *gw = (int)(img->w * *scale + 0.5f), *gh = (int)(img->h * *scale + 0.5f);
    if (*gw < 1) *gw = 1;
    if (*gh < 1) *gh = 1;
    unsigned char *grey = malloc((size_t)*gw * *gh);
    if (grey == NULL) return NULL;
    int ch = img->channels;
    for (int y = 0; y < *gh; y++) {
        int y0 = (int)((long)y * img->h / *gh), y1 = (int)((long)(y + 1) * img->h / *gh);
        if (y1 <= y0) y1 = y0 + 1;
        for (int x = 0; x < *gw; x++) {
            int x0 = (int)((long)x * img->w / *gw), x1 = (int)((long)(x + 1) * img->w / *gw);
            if (x1 <= x0) x1 = x0 + 1;
            uint32_t sum = 0;
            for (int sy = y0; sy < y1; sy++) {
                const unsigned char *p = img->px + ((size_t)sy * img->w + x0) * ch;
                for (int sx = x0; sx < x1; sx++, p += ch) sum += 77u * p[0] + 150u * p[1] + 29u * p[2]; /* luma */
            }
            grey[(size_t)y * *gw + x] = (unsigned char)(sum / (256u * (uint32_t)((y1 - y0) * (x1 - x0))));
        }
    }
    return grey;
}

/* The faces back in the picture's pixels, each kept inside it. */
static void to_image_scale(lbp_faces *faces, float scale, int w, int h) {
    for (int i = 0; i < faces->count; i++) {
        lbp_face *f = &faces->items[i];
        f->x = (int)(f->x / scale + 0.5f), f->y = (int)(f->y / scale + 0.5f);
        f->w = (int)(f->w / scale + 0.5f), f->h = (int)(f->h / scale + 0.5f);
        if (f->x + f->w > w) f->w = w - f->x;
        if (f->y + f->h > h) f->h = h - f->y;
    }
}

/* The faces in img, in its pixels, strongest first: searched on a grey copy of at most DETECT_SIZE (gw x gh).
 * *ready is when the grey copy was made. Returns 0 when out of memory. */
static int find_faces(const image_pixels *img, const settings *s, lbp_faces *faces, int *gw, int *gh,
                      double *ready) {
    float scale;
    unsigned char *grey = LBP_OPAQUE(grey_work_image)(img, s->detect_size, gw, gh, &scale);
    *ready = now_ms();
    /* A photo shrunk to DETECT_SIZE is not enlarged again: only a photo searched at its own size is searched for
     * faces smaller than the cascade's window (MIN_FACE under 45). */
    int min_size = (int)(s->min_face * scale + 0.5f);
    if (scale < 1 && min_size < face_cascade.width) min_size = face_cascade.width;
    lbp_options options = {min_size < 20 ? 20 : min_size, 0, s->scale_percent / 100.0f, s->min_hits};
    int found = grey != NULL && LBP_OPAQUE(lbp_detect)(&face_cascade, grey, *gw, *gh, &options, faces);
    free(grey);
    if (found) to_image_scale(faces, scale, img->w, img->h);
    return found;
}

/* A score from 0 to 1 out of the windows that found a face: 4 give 0.44, 10 give 0.67, 40 give 0.89. */
static double score(const lbp_face *f) { return f->hits / (f->hits + 5.0); }

static void answer_json(const lbp_faces *faces, int w, int h) {
    char line[160];
    wedge_set_status(200);
    wedge_set_header("Content-Type", "application/json");
    wedge_write_str("{\"faces\":[");
    for (int i = 0; i < faces->count && i < MAX_LISTED; i++) {
        const lbp_face *f = &faces->items[i];
        snprintf(line, sizeof line, "%s{\"x\":%d,\"y\":%d,\"w\":%d,\"h\":%d,\"score\":%.2f}", i ? "," : "", f->x,
                 f->y, f->w, f->h, score(f));
        wedge_write_str(line);
    }
    snprintf(line, sizeof line, "],\"width\":%d,\"height\":%d}\n", w, h);
    wedge_write_str(line);
}

/* Green boxes, about a 150th of the picture's longer side thick (at least 3 pixels). */
static void draw_boxes(image_pixels *img, const lbp_faces *faces) {
    static const unsigned char green[3] = {0, 230, 64};
    int longer = img->w > img->h ? img->w : img->h, t = longer / 150 > 3 ? longer / 150 : 3;
    for (int i = 0; i < faces->count && i < MAX_LISTED; i++) {
        const lbp_face *f = &faces->items[i];
        for (int y = f->y; y < f->y + f->h && y < img->h; y++)
            for (int x = f->x; x < f->x + f->w && x < img->w; x++) {
                int edge = y < f->y + t || y >= f->y + f->h - t || x < f->x + t || x >= f->x + f->w - t;
                if (edge) memcpy(img->px + ((size_t)y * img->w + x) * img->channels, green, 3);
            }
    }
}

/* The picture with its boxes, encoded as it came (JPEG stays JPEG, anything else becomes PNG). JPEG at quality
 * 92: stb keeps full colour resolution above 90, so thin green lines stay green. */
static int answer_drawing(image_pixels *img, const lbp_faces *faces, int jpeg) {
    LBP_OPAQUE(draw_boxes)(img, faces);
    image_sink sink = {0};
    int ok = jpeg ? stbi_write_jpg_to_func(image_sink_write, &sink, img->w, img->h, img->channels, img->px, 92)
                  : stbi_write_png_to_func(image_sink_write, &sink, img->w, img->h, img->channels, img->px,
                                           img->w * img->channels);
    if (!ok || sink.failed) {
        free(sink.data);
        return answer_error(500, "out of memory while encoding the picture");
    }
    wedge_set_status(200);
    wedge_set_header("Content-Type", jpeg ? "image/jpeg" : "image/png");
    wedge_write(sink.data, sink.size);
    free(sink.data);
    return 0;
}

WEDGE_HANDLER {
    settings s;
    const char *wrong = read_settings(&s);
    if (wrong != NULL) return answer_error(500, wrong);
    char *method = wedge_request_method();
    int is_post = method && (strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0);
    free(method);
    if (!is_post) {
        wedge_set_header("Allow", "POST, PUT");
        return answer_error(405, "send the picture as the body of a POST");
    }
    int draw = wants_drawing();
    if (draw < 0) return answer_error(400, "draw must be 1 or 0");
    if (draw && !s.draw) return answer_error(400, "drawing is turned off for this app (DRAW)");
    uint32_t size = 0;
    if (wedge_raw_request_body_size(&size) != WEDGE_OK) size = 0;
    if (size > (uint64_t)s.max_bytes) return answer_error(413, "the picture is larger than MAX_BYTES");
    if (size == 0) return answer_error(400, "no picture: send a JPEG or PNG file as the request body");

    size_t len = 0;
    unsigned char *body = (unsigned char *)wedge_request_body(&len);
    if (body == NULL) return answer_error(500, "out of memory while reading the picture");
    double start = now_ms();
    image_pixels img = {0};
    int decoded = decode(body, len, s.max_pixels, &img);
    int jpeg = len >= 2 && body[0] == 0xFF && body[1] == 0xD8;
    free(body);
    if (decoded == 413) return answer_error(413, "the picture has more pixels than MAX_PIXELS");
    if (decoded == 500) return answer_error(500, "out of memory while reading the picture");
    if (decoded != 200) return answer_error(400, "not a picture it can read: send a JPEG or PNG file");
    lbp_faces faces = {0};
    int gw, gh;
    double ready;
    int found = find_faces(&img, &s, &faces, &gw, &gh, &ready);
    if (!found) {
        free(img.px);
        free(faces.items);
        return answer_error(500, "out of memory while looking for faces");
    }
    double detected = now_ms();
    char timing[96];
    snprintf(timing, sizeof timing, "decode;dur=%.3f, detect;dur=%.3f", ready - start, detected - ready);
    wedge_set_header("Server-Timing", timing);
    wedge_log(WEDGE_LOG_INFO, "face-detect: %dx%d (searched at %dx%d) -> %d faces", img.w, img.h, gw, gh,
              faces.count);
    if (draw) answer_drawing(&img, &faces, jpeg);
    else answer_json(&faces, img.w, img.h);
    free(img.px);
    free(faces.items);
    return 0;
}

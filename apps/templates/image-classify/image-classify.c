/* image-classify (template): POST an image (PNG, JPEG or PGM), get back JSON naming the kind of clothing it shows,
 * with scores. The model (model.h) is a small neural network trained offline on Fashion-MNIST by train.py and
 * compiled into the module: no download at run time, nothing to configure, the same answer on every node.
 * Pipeline: decode to grey (stb_image; plain-text PGM here), shrink to 28x28 by averaging, make the background
 * dark as in the training data, then two dense layers with int8 weights and a softmax. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wedge.h"

#include "model.h"
#include "../_lib/pgm.h"
#include "mlp.h"

/* stb_image is built in with only what is needed: from memory, PNG, JPEG and binary PGM; no threads (WASI). */
#define STBI_NO_STDIO
#define STBI_NO_LINEAR
#define STBI_NO_HDR
#define STBI_NO_THREAD_LOCALS
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_ONLY_PNM
#define STBI_MAX_DIMENSIONS 4096 /* a bigger picture only costs time: 28x28 is all the model sees */
#define STB_IMAGE_IMPLEMENTATION
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wunused-function"
#pragma clang diagnostic ignored "-Wunused-parameter"
#pragma clang diagnostic ignored "-Wsign-compare"
#include "stb_image.h" /* Debian's libstb-dev, /usr/include/stb */
#pragma clang diagnostic pop

#define DEFAULT_MAX_BYTES 2097152
#define DEFAULT_TOP 3

static void answer_error(int status, const char *message) {
    wedge_set_status(status);
    wedge_set_header("Content-Type", "application/json");
    wedge_write_str("{\"error\":\"");
    wedge_write_str(message); /* our own constant texts: nothing to escape */
    wedge_write_str("\"}\n");
}

static long env_long(const char *name, long fallback, long min, long max) {
    char *text = wedge_env(name);
    char *end = NULL;
    long value = text && *text ? strtol(text, &end, 10) : fallback;
    if (end && *end) value = fallback;
    free(text);
    return value < min ? min : value > max ? max : value;
}

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Any size to 28x28: each output pixel is the mean of the input pixels it covers (at least one). */
static void shrink(const unsigned char *grey, int w, int h, unsigned char *out) {
    for (int ty = 0; ty < SIDE; ty++) {
        int y0 = ty * h / SIDE, y1 = (ty + 1) * h / SIDE;
        if (y1 <= y0) y1 = y0 + 1;
        for (int tx = 0; tx < SIDE; tx++) {
            int x0 = tx * w / SIDE, x1 = (tx + 1) * w / SIDE;
            if (x1 <= x0) x1 = x0 + 1;
            uint32_t sum = 0;
            for (int y = y0; y < y1; y++)
                for (int x = x0; x < x1; x++) sum += grey[(size_t)y * w + x];
            out[ty * SIDE + tx] = (unsigned char)(sum / (uint32_t)((y1 - y0) * (x1 - x0)));
        }
    }
}

/* The training images show a light object on black; a photo on a light background is turned negative, judged
 * by the border (the object rarely touches all four edges). */
static void darken_background(unsigned char *pixels) {
    uint32_t sum = 0;
    for (int i = 0; i < SIDE; i++)
        sum += pixels[i] + pixels[PIXELS - SIDE + i] + pixels[i * SIDE] + pixels[i * SIDE + SIDE - 1];
    if (sum / (4 * SIDE) > 127)
        for (int i = 0; i < PIXELS; i++) pixels[i] = 255 - pixels[i];
}

static unsigned char *decode(const char *body, size_t len, int *w, int *h) {
    if (len >= 2 && body[0] == 'P' && body[1] == '2') return pgm_decode_plain(body, len, STBI_MAX_DIMENSIONS, w, h);
    int channels;
    return stbi_load_from_memory((const stbi_uc *)body, (int)len, w, h, &channels, 1);
}

WEDGE_HANDLER {
    char *method = wedge_request_method();
    int is_post = method && (strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0);
    free(method);
    if (!is_post) {
        wedge_set_header("Allow", "POST, PUT");
        answer_error(405, "send the image as the body of a POST");
        return 0;
    }
    long max_bytes = env_long("MAX_BYTES", DEFAULT_MAX_BYTES, 1, 64L << 20);
    uint32_t size = 0;
    if (wedge_raw_request_body_size(&size) != WEDGE_OK) size = 0;
    if (size > (uint64_t)max_bytes) {
        answer_error(413, "the image is larger than MAX_BYTES");
        return 0;
    }
    if (size == 0) {
        answer_error(400, "no image: send a PNG, JPEG or PGM file as the request body");
        return 0;
    }
    size_t len = 0;
    char *body = wedge_request_body(&len);
    double start = now_ms();
    int w = 0, h = 0;
    unsigned char *grey = body ? decode(body, len, &w, &h) : NULL;
    free(body);
    if (!grey) {
        wedge_log(WEDGE_LOG_INFO, "image-classify: not an image it can read (%u bytes)", size);
        answer_error(400, "not an image it can read: send a PNG, JPEG or PGM file");
        return 0;
    }
    unsigned char pixels[PIXELS];
    shrink(grey, w, h, pixels);
    free(grey);
    darken_background(pixels);
    double decoded = now_ms();
    float scores[MODEL_CLASSES];
    classify(pixels, scores);
    double inferred = now_ms();

    int order[MODEL_CLASSES];
    for (int k = 0; k < MODEL_CLASSES; k++) order[k] = k;
    for (int a = 1; a < MODEL_CLASSES; a++) /* insertion sort, best first */
        for (int b = a; b > 0 && scores[order[b]] > scores[order[b - 1]]; b--) {
            int t = order[b]; order[b] = order[b - 1]; order[b - 1] = t;
        }
    long top = env_long("TOP", DEFAULT_TOP, 1, MODEL_CLASSES);
    char line[96];
    snprintf(line, sizeof line, "decode;dur=%.3f, infer;dur=%.3f", decoded - start, inferred - decoded);
    wedge_set_status(200);
    wedge_set_header("Content-Type", "application/json");
    wedge_set_header("Server-Timing", line);
    snprintf(line, sizeof line, "{\"width\":%d,\"height\":%d,\"labels\":[", w, h);
    wedge_write_str(line);
    for (long i = 0; i < top; i++) {
        snprintf(line, sizeof line, "%s{\"label\":\"%s\",\"score\":%.4f}", i ? "," : "",
                 MODEL_LABELS[order[i]], scores[order[i]]);
        wedge_write_str(line);
    }
    wedge_write_str("]}\n");
    wedge_log(WEDGE_LOG_INFO, "image-classify: %dx%d -> %s", w, h, MODEL_LABELS[order[0]]);
    return 0;
}

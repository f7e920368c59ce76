/* lbp_detect.h: a face (or any object) detector running a boosted cascade of LBP features, as OpenCV's
 * cascade training writes them (scripts/cascade-to-c.py turns its XML into the tables below). Header-only, no
 * I/O: grey pixels in, rectangles out (it compiles natively too, to try a cascade out).
 *
 * How it looks for faces:
 * - a pyramid: the grey image is resampled ever smaller by the scale step, from the size at which the cascade's
 *   window is the smallest face asked for, until the window no longer fits;
 * - each level gets an integral image, so the sum of any rectangle costs four reads;
 * - a window slides over each level (2 pixels a step, 1 once the level is less than half the image); a window is
 *   a face when it passes every stage; most windows fail the first stage's few tests;
 * - a feature is a 3x3 block of equal cells; its code has one bit per outer cell, set when that cell's sum is
 *   at least the centre cell's; each weak classifier looks its code up in a 256-bit set and adds one of two
 *   values; a stage passes when its sum reaches the stage's threshold;
 * - overlapping hits of about the same place and size are grouped; a group needs min_hits windows to count, and
 *   a group inside a larger, stronger one is dropped.
 * The search is OpenCV's cascade detection in outline (the cascade's format fixes the feature's bit order and
 * the stage rule); the code is ours. */
#ifndef LBP_DETECT_H
#define LBP_DETECT_H

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A call through a pointer read from memory, which neither clang nor wasm-opt can see through, so the callee
 * stays a function of its own. The search's loops need that on Chicory, which turns each Wasm function into one
 * JVM method: wasm-opt -O2 inlines every function that has a single caller, the handler would become one
 * function of some 20,000 instructions, and the JVM runs such a method interpreted for a long time (the search
 * took 700 times as long as on Wasmtime, instead of tens of times). */
#define LBP_OPAQUE(fn) (*(__typeof__(&fn) volatile *)&(__typeof__(&fn)){&fn})

typedef struct { int x, y, w, h; } lbp_feature;                  /* cell origin and cell size in the window */
typedef struct { int feature; uint32_t set[8]; float in, out; } lbp_weak; /* value when the code is in the set or not */
typedef struct { int first, count; float threshold; } lbp_stage;  /* weak classifiers [first, first + count) */
typedef struct {
    int width, height, stage_count, feature_count;
    const lbp_stage *stages;
    const lbp_weak *weak;
    const lbp_feature *features;
} lbp_cascade;

typedef struct { int x, y, w, h, hits; } lbp_face;

/* Windows kept from one search at most: grouping compares every pair, and a picture made to pass everywhere must
 * not make that quadratic cost unbounded; a photo has far fewer. */
#define LBP_MAX_HITS 4096

typedef struct {
    int min_size;      /* smallest face side, in image pixels (below the window, the image is enlarged) */
    int max_size;      /* largest face side; 0: the image's shorter side */
    float scale_step;  /* ratio between pyramid levels, > 1 */
    int min_hits;      /* windows a face needs */
} lbp_options;

/* A growable list of rectangles. */
typedef struct { lbp_face *items; int count, cap; } lbp_faces;

static int lbp_faces_add(lbp_faces *list, lbp_face face) {
    if (list->count == list->cap) {
        int cap = list->cap ? list->cap * 2 : 64;
        lbp_face *grown = realloc(list->items, (size_t)cap * sizeof *grown);
        if (grown == NULL) return 0;
        list->items = grown;
        list->cap = cap;
    }
    list->items[list->count++] = face;
    return 1;
}

/* grey (w x h) resampled bilinearly to out (ow x oh). */
static void lbp_resample(const unsigned char *grey, int w, int h, unsigned char *out, int ow, int oh) {
    float fx = (float)w / ow, fy = (float)h / oh;
    for (int y = 0; y < oh; y++) {
        float sy = (y + 0.5f) * fy - 0.5f;
        int y0 = sy < 0 ? 0 : (int)sy, y1 = y0 + 1 < h ? y0 + 1 : h - 1;
        float ay = sy - y0 < 0 ? 0 : sy - y0;
        const unsigned char *r0 = grey + (size_t)y0 * w, *r1 = grey + (size_t)y1 * w;
        for (int x = 0; x < ow; x++) {
            float sx = (x + 0.5f) * fx - 0.5f;
            int x0 = sx < 0 ? 0 : (int)sx, x1 = x0 + 1 < w ? x0 + 1 : w - 1;
            float ax = sx - x0 < 0 ? 0 : sx - x0;
            float top = r0[x0] + (r0[x1] - r0[x0]) * ax, bottom = r1[x0] + (r1[x1] - r1[x0]) * ax;
            out[(size_t)y * ow + x] = (unsigned char)(top + (bottom - top) * ay + 0.5f);
        }
    }
}

/* sums[(y) * (w + 1) + x]: the sum of the pixels above and left of (x, y). */
static void lbp_integral(const unsigned char *grey, int w, int h, uint32_t *sums) {
    memset(sums, 0, (size_t)(w + 1) * sizeof *sums);
    for (int y = 0; y < h; y++) {
        uint32_t row = 0;
        uint32_t *above = sums + (size_t)y * (w + 1), *here = above + w + 1;
        here[0] = 0;
        for (int x = 0; x < w; x++) {
            row += grey[(size_t)y * w + x];
            here[x + 1] = above[x + 1] + row;
        }
    }
}

/* The 16 corners of a feature's 4x4 grid (bounding its 3x3 cells), as offsets from the window's top-left
 * corner in an integral image of the given stride: computed once per pyramid level. */
static void lbp_offsets(const lbp_cascade *cascade, int stride, int32_t *offsets) {
    for (int i = 0; i < cascade->feature_count; i++) {
        const lbp_feature *f = &cascade->features[i];
        for (int r = 0; r < 4; r++)
            for (int c = 0; c < 4; c++) offsets[i * 16 + r * 4 + c] = (f->y + r * f->h) * stride + f->x + c * f->w;
    }
}

/* A feature's 8-bit code at the window whose corner is at: one bit per outer cell, clockwise from the top-left,
 * set when the cell's sum is at least the centre cell's. */
static int lbp_code(const uint32_t *at, const int32_t *o) {
#define LBP_CELL(k) ((int32_t)(at[o[(k) + 5]] - at[o[(k) + 4]] - at[o[(k) + 1]] + at[o[(k)]]))
    int32_t centre = LBP_CELL(5);
    return (LBP_CELL(0) >= centre) << 7 | (LBP_CELL(1) >= centre) << 6 | (LBP_CELL(2) >= centre) << 5
        | (LBP_CELL(6) >= centre) << 4 | (LBP_CELL(10) >= centre) << 3 | (LBP_CELL(9) >= centre) << 2
        | (LBP_CELL(8) >= centre) << 1 | (LBP_CELL(4) >= centre);
#undef LBP_CELL
}

/* Whether the window at `at` passes every stage. */
static int lbp_window(const lbp_cascade *cascade, const uint32_t *at, const int32_t *offsets) {
    for (int s = 0; s < cascade->stage_count; s++) {
        const lbp_stage *stage = &cascade->stages[s];
        float sum = 0;
        for (int i = stage->first; i < stage->first + stage->count; i++) {
            const lbp_weak *weak = &cascade->weak[i];
            int code = lbp_code(at, offsets + weak->feature * 16);
            sum += weak->set[code >> 5] & (1u << (code & 31)) ? weak->in : weak->out;
        }
        if (sum < stage->threshold) return 0;
    }
    return 1;
}

/* The windows of one level (an integral image of lw x lh, `factor` times smaller than the picture) that pass,
 * added to hits in picture coordinates, up to LBP_MAX_HITS. Returns 0 when out of memory. */
static int lbp_scan_level(const lbp_cascade *cascade, const uint32_t *sums, int lw, int lh, float factor,
                          const int32_t *offsets, lbp_faces *hits) {
    int step = factor > 2 ? 1 : 2, stride = lw + 1;
    int side_w = (int)(cascade->width * factor + 0.5f), side_h = (int)(cascade->height * factor + 0.5f);
    for (int y = 0; y + cascade->height <= lh; y += step)
        for (int x = 0; x + cascade->width <= lw && hits->count < LBP_MAX_HITS; x += step)
            if (LBP_OPAQUE(lbp_window)(cascade, sums + (size_t)y * stride + x, offsets)) {
                lbp_face face = {(int)(x * factor + 0.5f), (int)(y * factor + 0.5f), side_w, side_h, 1};
                if (!lbp_faces_add(hits, face)) return 0;
            }
    return 1;
}

/* Every window of every level that passes, in picture coordinates. Returns 0 when out of memory. */
static int lbp_scan(const lbp_cascade *cascade, const unsigned char *grey, int w, int h, const lbp_options *opt,
                    lbp_faces *hits) {
    int shorter = w < h ? w : h;
    int max_size = opt->max_size > 0 && opt->max_size < shorter ? opt->max_size : shorter;
    float factor = (float)opt->min_size / cascade->width;
    if (factor * cascade->width > max_size) return 1;
    int lw = (int)(w / factor), lh = (int)(h / factor); /* the largest level bounds every level's buffers */
    unsigned char *level = malloc((size_t)lw * lh);
    uint32_t *sums = malloc((size_t)(lw + 1) * (lh + 1) * sizeof *sums);
    int32_t *offsets = malloc((size_t)cascade->feature_count * 16 * sizeof *offsets);
    int ok = level != NULL && sums != NULL && offsets != NULL;
    for (; ok && factor * cascade->width <= max_size; factor *= opt->scale_step) {
        lw = (int)(w / factor), lh = (int)(h / factor);
        if (lw < cascade->width || lh < cascade->height) break;
        LBP_OPAQUE(lbp_resample)(grey, w, h, level, lw, lh);
        LBP_OPAQUE(lbp_integral)(level, lw, lh, sums);
        lbp_offsets(cascade, lw + 1, offsets);
        ok = LBP_OPAQUE(lbp_scan_level)(cascade, sums, lw, lh, factor, offsets, hits);
    }
    free(level);
    free(sums);
    free(offsets);
    return ok;
}

/* Two hits are of one face when every edge is within a fifth of their (smaller) size of the other's. */
static int lbp_same(const lbp_face *a, const lbp_face *b) {
    float delta = 0.2f * ((a->w < b->w ? a->w : b->w) + (a->h < b->h ? a->h : b->h)) * 0.5f;
    return fabsf((float)(a->x - b->x)) <= delta && fabsf((float)(a->y - b->y)) <= delta
        && fabsf((float)(a->x + a->w - b->x - b->w)) <= delta && fabsf((float)(a->y + a->h - b->y - b->h)) <= delta;
}

static int lbp_root(int *parent, int i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
}

static int lbp_inside(const lbp_face *small, const lbp_face *big) {
    int dx = big->w / 5, dy = big->h / 5;
    return small->x >= big->x - dx && small->y >= big->y - dy && small->x + small->w <= big->x + big->w + dx
        && small->y + small->h <= big->y + big->h + dy;
}

/* Groups the hits into faces (mean rectangle, hits counted), keeps those with at least min_hits windows and
 * not inside a larger face that has more, strongest first. Returns 0 when out of memory. */
static int lbp_group(const lbp_faces *hits, int min_hits, lbp_faces *faces) {
    int n = hits->count;
    int *parent = malloc((size_t)(n ? n : 1) * sizeof *parent);
    lbp_face *sums = calloc((size_t)(n ? n : 1), sizeof *sums);
    int ok = parent != NULL && sums != NULL;
    for (int i = 0; ok && i < n; i++) parent[i] = i;
    for (int i = 0; ok && i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (lbp_same(&hits->items[i], &hits->items[j])) parent[lbp_root(parent, i)] = lbp_root(parent, j);
    for (int i = 0; ok && i < n; i++) {
        lbp_face *sum = &sums[lbp_root(parent, i)];
        const lbp_face *hit = &hits->items[i];
        sum->x += hit->x, sum->y += hit->y, sum->w += hit->w, sum->h += hit->h, sum->hits++;
    }
    lbp_faces groups = {0};
    for (int i = 0; ok && i < n; i++) {
        lbp_face *s = &sums[i];
        if (s->hits < min_hits) continue;
        int k = s->hits;
        lbp_face face = {(s->x + k / 2) / k, (s->y + k / 2) / k, (s->w + k / 2) / k, (s->h + k / 2) / k, k};
        if (!lbp_faces_add(&groups, face)) ok = 0;
    }
    for (int i = 0; ok && i < groups.count; i++) {
        int dropped = 0;
        for (int j = 0; j < groups.count && !dropped; j++)
            dropped = j != i && groups.items[j].w > groups.items[i].w && groups.items[j].hits >= groups.items[i].hits
                && lbp_inside(&groups.items[i], &groups.items[j]);
        if (!dropped && !lbp_faces_add(faces, groups.items[i])) ok = 0;
    }
    for (int a = 1; ok && a < faces->count; a++) /* insertion sort, most hits first */
        for (int b = a; b > 0 && faces->items[b].hits > faces->items[b - 1].hits; b--) {
            lbp_face t = faces->items[b];
            faces->items[b] = faces->items[b - 1];
            faces->items[b - 1] = t;
        }
    free(groups.items);
    free(parent);
    free(sums);
    return ok;
}

/* The faces in grey (w x h), strongest first; faces->items is malloc'd. Returns 0 when out of memory. */
static int lbp_detect(const lbp_cascade *cascade, const unsigned char *grey, int w, int h, const lbp_options *opt,
                      lbp_faces *faces) {
    lbp_faces hits = {0};
    int ok = lbp_scan(cascade, grey, w, h, opt, &hits) && LBP_OPAQUE(lbp_group)(&hits, opt->min_hits, faces);
    free(hits.items);
    return ok;
}

#endif

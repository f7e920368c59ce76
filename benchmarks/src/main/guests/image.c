/* Image work for ComputeBenchmark, with the image templates' stb build (apps/templates/_lib/imaging.h):
 * - thumbnail(len): a JPEG in, decoded by stb_image, resized to THUMB_WIDTH wide (height in proportion) by
 *   area averaging, encoded by stb_image_write at quality 80: a JPEG out;
 * - resize(len): the resize alone on raw pixels: in, width and height (little-endian u32) then RGB bytes; out, the
 *   RGB bytes of the THUMB_WIDTH-wide picture.
 * The resize is ours, in exact integer arithmetic, so that the Java floor (dev.wedge.bench.compute.AreaResize)
 * computes the same bytes: stb's own filter is not one a Java library has. */
#include "compute.h"

#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wunused-function"
#include "../../../../apps/templates/_lib/imaging.h"
#pragma clang diagnostic pop

#define THUMB_WIDTH 200
#define QUALITY 80
#define CHANNELS 3

/* One line of `from` samples (sstride bytes apart) to `to` samples (dstride apart): each output sample is the mean
 * of the source it covers, each source sample weighted by how much of it is covered. In integer units where a
 * source sample is `to` long and an output sample `from` long, so every weight is exact. */
static void resample(const uint8_t *src, uint32_t from, uint32_t sstride, uint8_t *dst, uint32_t to, uint32_t dstride) {
    for (uint32_t i = 0; i < to; i++) {
        uint32_t lo = i * from, hi = lo + from, sum = 0;
        for (uint32_t j = lo / to; j * to < hi; j++) {
            uint32_t a = j * to > lo ? j * to : lo, b = (j + 1) * to < hi ? (j + 1) * to : hi;
            sum += (b - a) * src[j * sstride];
        }
        dst[i * dstride] = (uint8_t)((sum + from / 2) / from);
    }
}

/* w x h RGB to THUMB_WIDTH wide: rows first, then columns; answers the new height, 0 when out of memory. */
static uint32_t resize_into_output(const uint8_t *px, uint32_t w, uint32_t h) {
    uint32_t tw = THUMB_WIDTH, th = (h * tw + w / 2) / w;
    if (th == 0) th = 1;
    uint8_t *rows = malloc((size_t)tw * h * CHANNELS);
    out_len = 0;
    if (rows == NULL || !grow(&out_buf, &out_cap, tw * th * CHANNELS)) {
        free(rows);
        return 0;
    }
    for (uint32_t y = 0; y < h; y++)
        for (uint32_t c = 0; c < CHANNELS; c++)
            resample(px + (size_t)y * w * CHANNELS + c, w, CHANNELS, rows + (size_t)y * tw * CHANNELS + c, tw, CHANNELS);
    for (uint32_t x = 0; x < tw; x++)
        for (uint32_t c = 0; c < CHANNELS; c++)
            resample(rows + x * CHANNELS + c, h, tw * CHANNELS, out_buf + x * CHANNELS + c, th, tw * CHANNELS);
    free(rows);
    out_len = tw * th * CHANNELS;
    return th;
}

EXPORT("resize") int32_t resize(uint32_t len) {
    if (len < 8) return -1;
    uint32_t w, h;
    memcpy(&w, in_buf, 4);
    memcpy(&h, in_buf + 4, 4);
    if (w == 0 || h == 0 || (uint64_t)w * h * CHANNELS != len - 8) return -1;
    return resize_into_output(in_buf + 8, w, h) ? (int32_t)out_len : -1;
}

static void encoded(void *context, void *data, int size) {
    if (!out_append(data, (uint32_t)size)) *(int *)context = 1;
}

EXPORT("thumbnail") int32_t thumbnail(uint32_t len) {
    int w, h, comp;
    uint8_t *px = stbi_load_from_memory(in_buf, (int)len, &w, &h, &comp, CHANNELS);
    if (px == NULL) return -1;
    uint32_t th = resize_into_output(px, (uint32_t)w, (uint32_t)h);
    stbi_image_free(px);
    if (th == 0) return -1;
    /* the resized pixels move out of the output buffer, which the encoder then fills */
    uint8_t *small = malloc(out_len);
    if (small == NULL) return -1;
    memcpy(small, out_buf, out_len);
    out_len = 0;
    int failed = 0;
    int ok = stbi_write_jpg_to_func(encoded, &failed, THUMB_WIDTH, (int)th, CHANNELS, small, QUALITY);
    free(small);
    return ok && !failed ? (int32_t)out_len : -1;
}

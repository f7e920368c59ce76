/* image_webp.h: WebP in and out for imaging.h (which includes it after its types), with libwebp 1.2.4 (BSD-3),
 * which scripts/build-guests.sh fetches as Debian's source package and links into the image templates.
 *
 * Encoding is lossy at the request's quality. Method 2 instead of libwebp's default 4: a 200 x 150 photo stand-in
 * encoded in 0.5-0.6 times the time (native, two runs) to a file within 0.1% of the size, and an edge node pays the
 * encode on every uncached request. */
#ifndef IMAGE_WEBP_H
#define IMAGE_WEBP_H

#include "webp/decode.h"
#include "webp/encode.h"

#define IMAGE_WEBP_METHOD 2

/* Whether the bytes are a WebP file: "RIFF", a size, "WEBP". */
static int image_is_webp(const unsigned char *data, size_t size) {
    return size >= 12 && memcmp(data, "RIFF", 4) == 0 && memcmp(data + 8, "WEBP", 4) == 0;
}

/* The WebP's width, height and whether it has alpha; 0 when it is not one libwebp can read (an animation is
 * refused: its frames are not one picture to resize). */
static int image_webp_info(const unsigned char *data, size_t size, int *w, int *h, int *alpha) {
    WebPBitstreamFeatures features;
    if (WebPGetFeatures(data, size, &features) != VP8_STATUS_OK || features.has_animation) return 0;
    *w = features.width, *h = features.height, *alpha = features.has_alpha;
    return 1;
}

/* Decodes to RGB, or RGBA when the WebP has alpha; the pixels are malloc'd (libwebp allocates with malloc). */
static unsigned char *image_webp_decode(const unsigned char *data, size_t size, int alpha, int *w, int *h) {
    return alpha ? WebPDecodeRGBA(data, size, w, h) : WebPDecodeRGB(data, size, w, h);
}

static int image_webp_write(const uint8_t *data, size_t size, const WebPPicture *picture) {
    image_sink *sink = picture->custom_ptr;
    while (size > 0 && !sink->failed) { /* the sink takes an int count */
        int piece = size > (1u << 30) ? 1 << 30 : (int)size;
        image_sink_write(sink, (void *)data, piece);
        data += piece, size -= (size_t)piece;
    }
    return !sink->failed;
}

/* Encodes RGB or RGBA pixels as a lossy WebP at quality (1-100) into sink; 0 on failure (memory). */
static int image_webp_encode(const unsigned char *px, int w, int h, int channels, int quality, image_sink *sink) {
    WebPConfig config;
    WebPPicture picture;
    if (!WebPConfigPreset(&config, WEBP_PRESET_DEFAULT, (float)quality) || !WebPPictureInit(&picture)) return 0;
    config.method = IMAGE_WEBP_METHOD;
    picture.use_argb = 0;
    picture.width = w, picture.height = h;
    picture.writer = image_webp_write;
    picture.custom_ptr = sink;
    int ok = channels == 4 ? WebPPictureImportRGBA(&picture, px, w * 4) : WebPPictureImportRGB(&picture, px, w * 3);
    ok = ok && WebPEncode(&config, &picture);
    WebPPictureFree(&picture);
    return ok && !sink->failed;
}

#endif

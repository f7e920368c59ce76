/* pgm.h: the plain-text PGM reader of the image templates (image-classify, face-detect). Header-only. */
#ifndef PGM_H
#define PGM_H

#include <stdlib.h>
#include <string.h>

/* Plain PGM (P2: numbers as text), which stb_image does not read; it lets an image travel as text (test
 * fixtures). Grey pixels (malloc'd), or NULL when the text is not a whole P2 image of at most max_side a side. */
static unsigned char *pgm_decode_plain(const char *data, size_t len, long max_side, int *w, int *h) {
    char *text = malloc(len + 1);
    if (!text) return NULL;
    memcpy(text, data, len);
    text[len] = 0;
    long fields[3];
    long n = 0;
    unsigned char *grey = NULL;
    char *c = text + 2;
    for (;;) { /* header: width, height, maxval, with # comments to the end of the line */
        while (*c == ' ' || *c == '\t' || *c == '\r' || *c == '\n' || *c == '#') {
            if (*c == '#') while (*c && *c != '\n') c++;
            else c++;
        }
        if (n == 3) break;
        char *end;
        fields[n] = strtol(c, &end, 10);
        if (end == c) goto done;
        c = end;
        n++;
    }
    if (fields[0] < 1 || fields[1] < 1 || fields[0] > max_side || fields[1] > max_side
        || fields[2] < 1 || fields[2] > 65535) goto done;
    grey = malloc((size_t)fields[0] * fields[1]);
    if (!grey) goto done;
    for (long i = 0; i < fields[0] * fields[1]; i++) {
        char *end;
        long v = strtol(c, &end, 10);
        if (end == c || v < 0 || v > fields[2]) { free(grey); grey = NULL; goto done; }
        grey[i] = (unsigned char)(v * 255 / fields[2]);
        c = end;
    }
    *w = (int)fields[0];
    *h = (int)fields[1];
done:
    free(text);
    return grey;
}

#endif

/* compute.h: the plain exports every guest of ComputeBenchmark shares (no wedge SDK, no imports). The host asks
 * for an input buffer with input(len), writes the input there, calls the guest's entry (run(len), ...) and reads
 * the number of bytes it returned at output(); a negative length is a failure. Both buffers are kept and reused
 * by later calls on the same instance. */
#ifndef COMPUTE_H
#define COMPUTE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(name)))

static uint8_t *in_buf, *out_buf;
static uint32_t in_cap, out_len, out_cap;

static int grow(uint8_t **buf, uint32_t *cap, uint32_t need) {
    if (need <= *cap) return 1;
    uint8_t *grown = realloc(*buf, need);
    if (grown == NULL) return 0;
    *buf = grown;
    *cap = need;
    return 1;
}

EXPORT("input") uint8_t *input(uint32_t len) {
    return grow(&in_buf, &in_cap, len ? len : 1) ? in_buf : NULL;
}

EXPORT("output") uint8_t *output(void) {
    return out_buf;
}

/* Appends to the output; 0 when out of memory. */
static int out_append(const void *data, uint32_t len) {
    if (out_len + len > out_cap && !grow(&out_buf, &out_cap, out_cap * 2 > out_len + len ? out_cap * 2 : out_len + len))
        return 0;
    memcpy(out_buf + out_len, data, len);
    out_len += len;
    return 1;
}

#endif

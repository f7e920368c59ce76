/*
 * large: a benchmark guest with the start-up weight of a bigger C program: about 960 KiB of initialised data (a
 * lookup table the preprocessor generates, none of it zero) and a 16.1 MiB static arena, so its memory starts at
 * about 17 MiB (274 pages). Each request reads 16 KiB of the table and writes 64 KiB of the arena, and answers
 * with a checksum; it uses no import the side-by-side workerd worker lacks.
 */
#include <stdint.h>

#include "wedge.h"

#define V(n) ((uint32_t)(n) * 2654435761u ^ 0x5bd1e995u),
#define V16(p) V(p##0) V(p##1) V(p##2) V(p##3) V(p##4) V(p##5) V(p##6) V(p##7) \
    V(p##8) V(p##9) V(p##a) V(p##b) V(p##c) V(p##d) V(p##e) V(p##f)
#define V256(p) V16(p##0) V16(p##1) V16(p##2) V16(p##3) V16(p##4) V16(p##5) V16(p##6) V16(p##7) \
    V16(p##8) V16(p##9) V16(p##a) V16(p##b) V16(p##c) V16(p##d) V16(p##e) V16(p##f)
#define V4096(p) V256(p##0) V256(p##1) V256(p##2) V256(p##3) V256(p##4) V256(p##5) V256(p##6) V256(p##7) \
    V256(p##8) V256(p##9) V256(p##a) V256(p##b) V256(p##c) V256(p##d) V256(p##e) V256(p##f)
#define V65536(p) V4096(p##0) V4096(p##1) V4096(p##2) V4096(p##3) V4096(p##4) V4096(p##5) V4096(p##6) \
    V4096(p##7) V4096(p##8) V4096(p##9) V4096(p##a) V4096(p##b) V4096(p##c) V4096(p##d) V4096(p##e) V4096(p##f)

/* 3.75 x 65536 entries of 4 bytes: 960 KiB. Written by every request, so it stays in the data section. */
static uint32_t table[] = {
    V65536(0x0) V65536(0x1) V65536(0x2)
    V4096(0x30) V4096(0x31) V4096(0x32) V4096(0x33) V4096(0x34) V4096(0x35) V4096(0x36) V4096(0x37)
    V4096(0x38) V4096(0x39) V4096(0x3a) V4096(0x3b)
};

static uint8_t arena[(16 << 20) + (128 << 10)];

WEDGE_HANDLER {
    uint32_t sum = 0;
    uint32_t start = table[0] % (sizeof table / sizeof table[0] - 4096);
    for (uint32_t i = 0; i < 4096; i++) sum = (sum << 5 | sum >> 27) ^ table[start + i];
    table[0] = sum;
    uint32_t *out = (uint32_t *)(arena + (sum % 64) * 65536);
    for (uint32_t i = 0; i < 16384; i++) out[i] = sum + i;

    char text[16] = "large ";
    for (int i = 0; i < 8; i++) text[6 + i] = "0123456789abcdef"[(out[16383] >> (28 - 4 * i)) & 15];
    text[14] = '\n';
    wedge_set_status(200);
    wedge_set_header("Content-Type", "text/plain");
    wedge_write(text, 15);
    return 0;
}

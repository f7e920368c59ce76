/* wedge_util.c - optional helpers of the wedge C SDK (see wedge_util.h). Needs only the C library. */
#include "wedge_util.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Growable buffer ---- */

/* Makes room for extra more bytes plus the terminating NUL; aborts when out of memory. */
static void reserve(wedge_buf *b, size_t extra) {
    if (extra > SIZE_MAX - 1 - b->len) abort();
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need) cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p) abort(); /* out of memory: trap */
    b->data = p;
    b->cap = cap;
}

void wedge_buf_append(wedge_buf *b, const void *data, size_t len) {
    if (len == 0) return;
    reserve(b, len);
    memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void wedge_buf_append_str(wedge_buf *b, const char *s) { wedge_buf_append(b, s, strlen(s)); }

void wedge_buf_printf(wedge_buf *b, const char *fmt, ...) {
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n <= 0) return;
    if ((size_t)n < sizeof small) {
        wedge_buf_append(b, small, (size_t)n);
        return;
    }
    reserve(b, (size_t)n); /* longer than the stack buffer: format again, straight into the buffer */
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void wedge_buf_free(wedge_buf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void wedge_buf_header(wedge_buf *b, const char *name, const char *value) {
    wedge_buf_append(b, name, strlen(name) + 1);   /* with its NUL */
    wedge_buf_append(b, value, strlen(value) + 1);
}

void wedge_buf_json_string_flags(wedge_buf *b, const char *s, size_t len, unsigned flags) {
    static const char hex[] = "0123456789abcdef";
    wedge_buf_append(b, "\"", 1);
    size_t run = 0; /* start of the bytes not yet appended that need no escape */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        int del = c == 0x7f && (flags & WEDGE_JSON_ESCAPE_DEL);
        if (c != '"' && c != '\\' && c >= 0x20 && !del) continue;
        wedge_buf_append(b, s + run, i - run);
        run = i + 1;
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            wedge_buf_append(b, esc, 2);
        } else {
            char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            wedge_buf_append(b, esc, 6);
        }
    }
    wedge_buf_append(b, s + run, len - run);
    wedge_buf_append(b, "\"", 1);
}

void wedge_buf_json_string(wedge_buf *b, const char *s, size_t len) { wedge_buf_json_string_flags(b, s, len, 0); }

/* ---- URL decoding ---- */

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

int wedge_percent_decode(char *s) {
    char *w = s;
    for (const char *r = s; *r; r++) {
        if (r[0] == '%' && hexval(r[1]) >= 0 && hexval(r[2]) >= 0) {
            char c = (char)(hexval(r[1]) * 16 + hexval(r[2]));
            if (c == '\0') return 0;
            *w++ = c;
            r += 2;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    return 1;
}

char *wedge_query_param(const char *query, const char *name) {
    size_t name_len = strlen(name);
    for (const char *p = query; *p;) {
        size_t n = strcspn(p, "&");
        if (n > name_len && !strncmp(p, name, name_len) && p[name_len] == '=') {
            char *v = strndup(p + name_len + 1, n - name_len - 1);
            if (v && !wedge_percent_decode(v)) {
                free(v);
                v = NULL;
            }
            return v;
        }
        p += n + (p[n] == '&');
    }
    return NULL;
}

/* ---- JSON reader ----
 * A recursive-descent validator over a NUL-terminated text. Each function gets the position of the value it reads
 * and returns the position after it, or NULL when the text is invalid. */

#define JSON_MAX_DEPTH 64

static const char *skip_ws(const char *p) {
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    return p;
}

static int hex4(const char *p, unsigned *out) {
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(p[i]); /* stops at the NUL: hexval('\0') < 0 */
        if (h < 0) return 0;
        v = v * 16 + (unsigned)h;
    }
    *out = v;
    return 1;
}

static void put_utf8(wedge_buf *out, unsigned cp) {
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xc0 | cp >> 6);
        u[1] = (char)(0x80 | (cp & 0x3f));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xe0 | cp >> 12);
        u[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        u[2] = (char)(0x80 | (cp & 0x3f));
        n = 3;
    } else {
        u[0] = (char)(0xf0 | cp >> 18);
        u[1] = (char)(0x80 | (cp >> 12 & 0x3f));
        u[2] = (char)(0x80 | (cp >> 6 & 0x3f));
        u[3] = (char)(0x80 | (cp & 0x3f));
        n = 4;
    }
    wedge_buf_append(out, u, n);
}

/* A string starting at its opening quote; when out is not NULL, appends the decoded bytes to it. */
static const char *json_string(const char *p, wedge_buf *out) {
    p++; /* the opening quote */
    for (;;) {
        const char *run = p;
        while (*p != '"' && *p != '\\' && (unsigned char)*p >= 0x20) p++;
        if (out) wedge_buf_append(out, run, (size_t)(p - run));
        if (*p == '"') return p + 1;
        if (*p != '\\') return NULL; /* a control character, or the end of the text */
        p++;
        char c = *p++, simple = 0;
        switch (c) {
            case '"': case '\\': case '/': simple = c; break;
            case 'b': simple = '\b'; break;
            case 'f': simple = '\f'; break;
            case 'n': simple = '\n'; break;
            case 'r': simple = '\r'; break;
            case 't': simple = '\t'; break;
            case 'u': {
                unsigned cp, low;
                if (!hex4(p, &cp)) return NULL;
                p += 4;
                if (cp >= 0xdc00 && cp <= 0xdfff) return NULL; /* a lone low surrogate */
                if (cp >= 0xd800 && cp <= 0xdbff) {
                    if (p[0] != '\\' || p[1] != 'u' || !hex4(p + 2, &low) || low < 0xdc00 || low > 0xdfff) return NULL;
                    p += 6;
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                }
                if (out) put_utf8(out, cp);
                continue;
            }
            default: return NULL;
        }
        if (out) wedge_buf_append(out, &simple, 1);
    }
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static const char *json_number(const char *p) {
    if (*p == '-') p++;
    if (*p == '0') {
        p++;
    } else if (is_digit(*p)) {
        while (is_digit(*p)) p++;
    } else {
        return NULL;
    }
    if (*p == '.') {
        p++;
        if (!is_digit(*p)) return NULL;
        while (is_digit(*p)) p++;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-') p++;
        if (!is_digit(*p)) return NULL;
        while (is_digit(*p)) p++;
    }
    return p;
}

static const char *json_value(const char *p, int depth);

/* An array or object starting at its bracket: every element is validated and skipped. */
static const char *json_container(const char *p, int depth) {
    char close = *p == '[' ? ']' : '}';
    if (depth >= JSON_MAX_DEPTH) return NULL;
    p = skip_ws(p + 1);
    if (*p == close) return p + 1;
    for (;;) {
        if (close == '}') {
            if (*p != '"' || !(p = json_string(p, NULL))) return NULL;
            p = skip_ws(p);
            if (*p != ':') return NULL;
            p = skip_ws(p + 1);
        }
        if (!(p = json_value(p, depth + 1))) return NULL;
        p = skip_ws(p);
        if (*p == close) return p + 1;
        if (*p != ',') return NULL;
        p = skip_ws(p + 1);
    }
}

static const char *json_value(const char *p, int depth) {
    switch (*p) {
        case '"': return json_string(p, NULL);
        case '{': case '[': return json_container(p, depth);
        case 't': return strncmp(p, "true", 4) ? NULL : p + 4;
        case 'f': return strncmp(p, "false", 5) ? NULL : p + 5;
        case 'n': return strncmp(p, "null", 4) ? NULL : p + 4;
        default: return json_number(p);
    }
}

/* Validates the whole text; returns 1 and sets *value to the start of the last member named field (NULL when
 * there is none), or 0 when the text is not one JSON object. */
static int find_member(const char *json, const char *field, const char **value) {
    size_t field_len = strlen(field);
    wedge_buf name = WEDGE_BUF_INIT;
    *value = NULL;
    const char *p = skip_ws(json);
    if (*p != '{') return 0;
    p = skip_ws(p + 1);
    if (*p == '}') return *skip_ws(p + 1) == '\0';
    for (;;) {
        name.len = 0;
        if (*p != '"' || !(p = json_string(p, &name))) break;
        int match = name.len == field_len && (field_len == 0 || memcmp(name.data, field, field_len) == 0);
        p = skip_ws(p);
        if (*p != ':') break;
        p = skip_ws(p + 1);
        const char *start = p;
        if (!(p = json_value(p, 1))) break;
        if (match) *value = start;
        p = skip_ws(p);
        if (*p == '}') {
            wedge_buf_free(&name);
            return *skip_ws(p + 1) == '\0';
        }
        if (*p != ',') break;
        p = skip_ws(p + 1);
    }
    wedge_buf_free(&name);
    return 0;
}

wedge_json_type wedge_json_type_of(const char *json, const char *field) {
    const char *v;
    if (!find_member(json, field, &v)) return WEDGE_JSON_INVALID;
    if (!v) return WEDGE_JSON_ABSENT;
    switch (*v) {
        case '"': return WEDGE_JSON_STRING;
        case 't': case 'f': return WEDGE_JSON_BOOL;
        case 'n': return WEDGE_JSON_NULL;
        case '[': return WEDGE_JSON_ARRAY;
        case '{': return WEDGE_JSON_OBJECT;
        default: return WEDGE_JSON_NUMBER;
    }
}

int wedge_json_number(const char *json, const char *field, double *out) {
    const char *v;
    if (!find_member(json, field, &v) || !v || (*v != '-' && !is_digit(*v))) return 0;
    *out = strtod(v, NULL); /* the text was validated: strtod reads exactly the number */
    return 1;
}

char *wedge_json_string(const char *json, const char *field) {
    const char *v;
    if (!find_member(json, field, &v) || !v || *v != '"') return NULL;
    wedge_buf s = WEDGE_BUF_INIT;
    json_string(v, &s);
    wedge_buf_append(&s, "", 1); /* the terminating NUL, also for an empty string */
    if (strlen(s.data) != s.len - 1) { /* a \u0000 inside */
        wedge_buf_free(&s);
        return NULL;
    }
    return s.data;
}

/* ---- SHA-256 (FIPS 180-4, section 6.2) ---- */

static const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

typedef struct {
    uint32_t h[8];
    unsigned char block[64];
    size_t used;        /* bytes waiting in block */
    uint64_t total;     /* bytes hashed so far */
} sha256_state;

static uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void sha256_block(sha256_state *st, const unsigned char *p) {
    uint32_t w[64];
    for (int t = 0; t < 16; t++) {
        w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 | (uint32_t)p[4 * t + 2] << 8 | p[4 * t + 3];
    }
    for (int t = 16; t < 64; t++) {
        uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
        uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    uint32_t a = st->h[0], b = st->h[1], c = st->h[2], d = st->h[3];
    uint32_t e = st->h[4], f = st->h[5], g = st->h[6], h = st->h[7];
    for (int t = 0; t < 64; t++) {
        uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + sha256_k[t] + w[t];
        uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g; g = f; f = e; e = d + t1;
        d = c; c = b; b = a; a = t1 + t2;
    }
    st->h[0] += a; st->h[1] += b; st->h[2] += c; st->h[3] += d;
    st->h[4] += e; st->h[5] += f; st->h[6] += g; st->h[7] += h;
}

static void sha256_init(sha256_state *st) {
    static const uint32_t initial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(st->h, initial, sizeof initial);
    st->used = 0;
    st->total = 0;
}

static void sha256_update(sha256_state *st, const void *data, size_t len) {
    const unsigned char *p = data;
    st->total += len;
    while (len > 0) {
        size_t n = 64 - st->used < len ? 64 - st->used : len;
        memcpy(st->block + st->used, p, n);
        st->used += n;
        p += n;
        len -= n;
        if (st->used == 64) {
            sha256_block(st, st->block);
            st->used = 0;
        }
    }
}

static void sha256_final(sha256_state *st, unsigned char out[WEDGE_SHA256_BYTES]) {
    uint64_t bits = st->total * 8;
    unsigned char pad = 0x80;
    sha256_update(st, &pad, 1);
    unsigned char zero = 0;
    while (st->used != 56) sha256_update(st, &zero, 1);
    unsigned char length[8];
    for (int i = 0; i < 8; i++) length[i] = (unsigned char)(bits >> (56 - 8 * i));
    sha256_update(st, length, 8);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (unsigned char)(st->h[i] >> 24);
        out[4 * i + 1] = (unsigned char)(st->h[i] >> 16);
        out[4 * i + 2] = (unsigned char)(st->h[i] >> 8);
        out[4 * i + 3] = (unsigned char)st->h[i];
    }
}

void wedge_sha256(const void *data, size_t len, unsigned char out[WEDGE_SHA256_BYTES]) {
    sha256_state st;
    sha256_init(&st);
    sha256_update(&st, data, len);
    sha256_final(&st, out);
}

/* ---- HMAC-SHA256 (RFC 2104): H((K ^ opad) || H((K ^ ipad) || msg)) ---- */

void wedge_hmac_sha256(const void *key, size_t key_len, const void *msg, size_t msg_len,
                       unsigned char out[WEDGE_SHA256_BYTES]) {
    unsigned char k[64] = {0};
    if (key_len > 64) {
        wedge_sha256(key, key_len, k); /* a long key is hashed first */
    } else {
        memcpy(k, key, key_len);
    }
    unsigned char pad[64];
    unsigned char inner[WEDGE_SHA256_BYTES];
    sha256_state st;
    for (int i = 0; i < 64; i++) pad[i] = k[i] ^ 0x36;
    sha256_init(&st);
    sha256_update(&st, pad, 64);
    sha256_update(&st, msg, msg_len);
    sha256_final(&st, inner);
    for (int i = 0; i < 64; i++) pad[i] = k[i] ^ 0x5c;
    sha256_init(&st);
    sha256_update(&st, pad, 64);
    sha256_update(&st, inner, sizeof inner);
    sha256_final(&st, out);
}

int wedge_equal_const_time(const void *a, const void *b, size_t len) {
    const unsigned char *x = a, *y = b;
    unsigned char diff = 0;
    for (size_t i = 0; i < len; i++) diff |= x[i] ^ y[i];
    return diff == 0;
}

/* ---- base64url and hex ---- */

static int base64url_digit(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

unsigned char *wedge_base64url_decode(const char *s, size_t len, size_t *out_len) {
    if (len % 4 == 1) return NULL; /* no whole byte ends there */
    unsigned char *out = malloc(len / 4 * 3 + 3);
    if (!out) return NULL;
    size_t n = 0;
    uint32_t acc = 0;
    int bits = 0;
    for (size_t i = 0; i < len; i++) {
        int d = base64url_digit(s[i]);
        if (d < 0) {
            free(out);
            return NULL;
        }
        acc = acc << 6 | (uint32_t)d;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[n++] = (unsigned char)(acc >> bits);
            acc &= (1u << bits) - 1;
        }
    }
    if (acc != 0) { /* the bits left over must be zero: one text per byte string */
        free(out);
        return NULL;
    }
    out[n] = '\0';
    *out_len = n;
    return out;
}

void wedge_buf_hex(wedge_buf *b, const void *data, size_t len) {
    static const char digits[] = "0123456789abcdef";
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        char two[2] = {digits[p[i] >> 4], digits[p[i] & 15]};
        wedge_buf_append(b, two, 2);
    }
}

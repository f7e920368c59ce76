/* RS256 verification for jwt-check: PEM and DER reading, Montgomery modular exponentiation, PKCS #1 v1.5. */
#include "rsa_verify.h"

#include <stdlib.h>
#include <string.h>

#include "wedge_util.h"

/* ---- DER ---- */

/* Reads one element of tag `tag` at *p (before end): its content in *content and *len, *p past it. */
static int der_read(const unsigned char **p, const unsigned char *end, unsigned char tag,
                    const unsigned char **content, size_t *len) {
    const unsigned char *q = *p;
    if (end - q < 2 || *q++ != tag) return -1;
    size_t n = *q++;
    if (n & 0x80) {
        int bytes = n & 0x7f;
        if (bytes < 1 || bytes > 3 || end - q < bytes) return -1;
        n = 0;
        while (bytes--) n = (n << 8) | *q++;
    }
    if ((size_t)(end - q) < n) return -1;
    *content = q;
    *len = n;
    *p = q + n;
    return 0;
}

/* RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (PKCS #1). */
static int read_rsa_public_key(const unsigned char *der, size_t der_len, rsa_public_key *key) {
    const unsigned char *p = der, *seq, *n, *e;
    size_t seq_len, n_len, e_len;
    if (der_read(&p, der + der_len, 0x30, &seq, &seq_len) != 0) return -1;
    p = seq;
    if (der_read(&p, seq + seq_len, 0x02, &n, &n_len) != 0 || der_read(&p, seq + seq_len, 0x02, &e, &e_len) != 0) {
        return -1;
    }
    while (n_len > 0 && *n == 0) n++, n_len--;
    while (e_len > 0 && *e == 0) e++, e_len--;
    if (n_len < 256 || n_len > RSA_MAX_LIMBS * 4 || e_len < 1 || e_len > 4 || !(n[n_len - 1] & 1)) return -1;
    memset(key, 0, sizeof *key);
    for (size_t i = 0; i < n_len; i++) { /* big-endian bytes to little-endian limbs */
        size_t bit = (n_len - 1 - i) * 8;
        key->n[bit / 32] |= (uint32_t)n[i] << (bit % 32);
    }
    key->bytes = n_len;
    key->limbs = (int)((n_len + 3) / 4);
    for (size_t i = 0; i < e_len; i++) key->e = (key->e << 8) | e[i];
    return key->e >= 3 && (key->e & 1) ? 0 : -1;
}

/* SubjectPublicKeyInfo ::= SEQUENCE { AlgorithmIdentifier, BIT STRING holding an RSAPublicKey }. */
static int read_spki(const unsigned char *der, size_t der_len, rsa_public_key *key) {
    static const unsigned char rsa_oid[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01};
    const unsigned char *p = der, *seq, *alg, *oid, *bits;
    size_t seq_len, alg_len, oid_len, bits_len;
    if (der_read(&p, der + der_len, 0x30, &seq, &seq_len) != 0) return -1;
    p = seq;
    if (der_read(&p, seq + seq_len, 0x30, &alg, &alg_len) != 0) return -1;
    const unsigned char *a = alg;
    if (der_read(&a, alg + alg_len, 0x06, &oid, &oid_len) != 0 || oid_len != sizeof rsa_oid
        || memcmp(oid, rsa_oid, oid_len) != 0) {
        return -1;
    }
    if (der_read(&p, seq + seq_len, 0x03, &bits, &bits_len) != 0 || bits_len < 1 || bits[0] != 0) return -1;
    return read_rsa_public_key(bits + 1, bits_len - 1, key);
}

int rsa_read_pem(const char *pem, rsa_public_key *key) {
    int pkcs1 = strstr(pem, "-----BEGIN RSA PUBLIC KEY-----") != NULL;
    const char *begin = strstr(pem, pkcs1 ? "-----BEGIN RSA PUBLIC KEY-----" : "-----BEGIN PUBLIC KEY-----");
    const char *header_end = begin ? strstr(begin + 10, "-----") : NULL; /* the dashes closing the BEGIN line */
    if (!header_end) return -1;
    begin = header_end + 5;
    const char *end = strstr(begin, "-----END");
    if (!end) return -1;
    /* Standard base64 to base64url, whitespace and padding dropped, for the SDK's decoder. */
    char *b64 = malloc((size_t)(end - begin) + 1);
    size_t len = 0;
    if (!b64) return -1;
    for (const char *c = begin; c < end; c++) {
        if (*c == '+') b64[len++] = '-';
        else if (*c == '/') b64[len++] = '_';
        else if (*c != '=' && *c != '\n' && *c != '\r' && *c != ' ' && *c != '\t') b64[len++] = *c;
    }
    size_t der_len = 0;
    unsigned char *der = wedge_base64url_decode(b64, len, &der_len);
    free(b64);
    if (!der) return -1;
    int result = pkcs1 ? read_rsa_public_key(der, der_len, key) : read_spki(der, der_len, key);
    free(der);
    return result;
}

/* ---- Montgomery arithmetic modulo n, L limbs ---- */

static int compare(const uint32_t *a, const uint32_t *b, int L) {
    for (int i = L - 1; i >= 0; i--) {
        if (a[i] != b[i]) return a[i] > b[i] ? 1 : -1;
    }
    return 0;
}

static void subtract(uint32_t *a, const uint32_t *b, int L) {
    uint64_t borrow = 0;
    for (int i = 0; i < L; i++) {
        uint64_t d = (uint64_t)a[i] - b[i] - borrow;
        a[i] = (uint32_t)d;
        borrow = (d >> 32) & 1;
    }
}

/* r = a * b / 2^(32L) mod n (CIOS), with a, b < n; n0 = -n^-1 mod 2^32. r may alias a or b. */
static void mont_mul(uint32_t *r, const uint32_t *a, const uint32_t *b, const uint32_t *n, uint32_t n0, int L) {
    uint32_t t[RSA_MAX_LIMBS + 2] = {0};
    for (int i = 0; i < L; i++) {
        uint64_t c = 0;
        for (int j = 0; j < L; j++) {
            c += (uint64_t)t[j] + (uint64_t)a[j] * b[i];
            t[j] = (uint32_t)c;
            c >>= 32;
        }
        c += t[L];
        t[L] = (uint32_t)c;
        t[L + 1] = (uint32_t)(c >> 32);
        uint32_t m = t[0] * n0;
        c = ((uint64_t)t[0] + (uint64_t)m * n[0]) >> 32;
        for (int j = 1; j < L; j++) {
            c += (uint64_t)t[j] + (uint64_t)m * n[j];
            t[j - 1] = (uint32_t)c;
            c >>= 32;
        }
        c += t[L];
        t[L - 1] = (uint32_t)c;
        t[L] = t[L + 1] + (uint32_t)(c >> 32);
    }
    if (t[L] || compare(t, n, L) >= 0) subtract(t, n, L); /* t < 2n, so once is enough */
    memcpy(r, t, (size_t)L * sizeof *r);
}

/* out = base^e mod n, base < n. */
static void mod_exp(uint32_t *out, const uint32_t *base, uint32_t e, const rsa_public_key *key) {
    int L = key->limbs;
    const uint32_t *n = key->n;
    uint32_t x = 1; /* n[0]^-1 mod 2^32 by Newton's iteration (n is odd) */
    for (int i = 0; i < 5; i++) x *= 2 - n[0] * x;
    uint32_t n0 = (uint32_t)0 - x;
    uint32_t r2[RSA_MAX_LIMBS] = {1}; /* 2^(64L) mod n, by doubling 1 */
    for (int i = 0; i < 64 * L; i++) {
        uint32_t carry = 0;
        for (int j = 0; j < L; j++) {
            uint32_t next = r2[j] >> 31;
            r2[j] = (r2[j] << 1) | carry;
            carry = next;
        }
        if (carry || compare(r2, n, L) >= 0) subtract(r2, n, L);
    }
    uint32_t bm[RSA_MAX_LIMBS], acc[RSA_MAX_LIMBS], one[RSA_MAX_LIMBS] = {1};
    mont_mul(bm, base, r2, n, n0, L); /* base in Montgomery form */
    memcpy(acc, bm, sizeof acc);
    int top = 31;
    while (!((e >> top) & 1)) top--;
    for (int bit = top - 1; bit >= 0; bit--) {
        mont_mul(acc, acc, acc, n, n0, L);
        if ((e >> bit) & 1) mont_mul(acc, acc, bm, n, n0, L);
    }
    mont_mul(out, acc, one, n, n0, L); /* out of Montgomery form */
}

int rsa_verify_sha256(const rsa_public_key *key, const void *msg, size_t msg_len, const unsigned char *sig,
                      size_t sig_len) {
    /* DigestInfo for SHA-256 (RFC 8017 section 9.2, note 1), then the hash. */
    static const unsigned char prefix[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                           0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
    size_t k = key->bytes;
    if (sig_len != k) return 0;
    uint32_t s[RSA_MAX_LIMBS] = {0}, m[RSA_MAX_LIMBS];
    for (size_t i = 0; i < k; i++) {
        size_t bit = (k - 1 - i) * 8;
        s[bit / 32] |= (uint32_t)sig[i] << (bit % 32);
    }
    if (compare(s, key->n, key->limbs) >= 0) return 0;
    mod_exp(m, s, key->e, key);
    unsigned char expected[RSA_MAX_LIMBS * 4];
    size_t hash_at = k - WEDGE_SHA256_BYTES, prefix_at = hash_at - sizeof prefix;
    expected[0] = 0x00;
    expected[1] = 0x01;
    memset(expected + 2, 0xff, prefix_at - 3);
    expected[prefix_at - 1] = 0x00;
    memcpy(expected + prefix_at, prefix, sizeof prefix);
    wedge_sha256(msg, msg_len, expected + hash_at);
    for (size_t i = 0; i < k; i++) { /* the encoded message, big-endian, against what it must be */
        size_t bit = (k - 1 - i) * 8;
        if ((unsigned char)(m[bit / 32] >> (bit % 32)) != expected[i]) return 0;
    }
    return 1;
}

/*
 * RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8017 section 8.2.2), for RS256 JWTs (RFC 7518 section 3.3): the public key
 * from PEM ("PUBLIC KEY", X.509 SubjectPublicKeyInfo, or "RSA PUBLIC KEY", PKCS #1), 2048 to 4096 bits.
 * Everything here is public data (key, signature, message), so nothing needs constant time.
 */
#ifndef JWT_RSA_VERIFY_H
#define JWT_RSA_VERIFY_H

#include <stddef.h>
#include <stdint.h>

#define RSA_MAX_LIMBS 128 /* 4096 bits */

typedef struct {
    uint32_t n[RSA_MAX_LIMBS]; /* the modulus, little-endian 32-bit limbs */
    int limbs;
    size_t bytes; /* the modulus's length in bytes */
    uint32_t e;
} rsa_public_key;

/* Reads a PEM public key; 0 and *key filled when it is an RSA key of 2048 to 4096 bits, -1 otherwise. */
int rsa_read_pem(const char *pem, rsa_public_key *key);

/* Whether sig[0..sig_len) is the key's RS256 signature of msg[0..msg_len). */
int rsa_verify_sha256(const rsa_public_key *key, const void *msg, size_t msg_len, const unsigned char *sig,
                      size_t sig_len);

#endif

/*
 * jwt-check: lets a request through only with a valid JSON Web Token (RFC 7519) in "Authorization: Bearer ...",
 * signed with HS256 under the app's secret JWT_SECRET, or with RS256 by the private key of the PEM public key
 * JWT_PUBLIC_KEY: 200 "hello SUB" (its "sub" claim), else 401 with WWW-Authenticate and the reason. A token with
 * an "exp" claim in the past is refused. A token's "alg" must be one whose key is configured: a token may not
 * choose its own algorithm ("none" least of all), nor have a public key used as an HMAC secret.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "rsa_verify.h"
#include "wedge.h"
#include "wedge_util.h"

/* The keys configured: either or both. */
typedef struct {
    char *secret;          /* JWT_SECRET, for HS256; NULL when not set */
    rsa_public_key *rsa;   /* JWT_PUBLIC_KEY, for RS256; NULL when not set */
} keys;

static int refuse(const char *reason) {
    wedge_set_status(401);
    wedge_set_header("WWW-Authenticate", "Bearer realm=\"wedge\"");
    wedge_write_str(reason);
    wedge_write_str("\n");
    wedge_set_user_diag(reason);
    return 0;
}

/* A decoded JSON part of the token, NULL unless it is base64url of text without NULs. */
static char *json_part(const char *s, size_t len) {
    size_t n = 0;
    unsigned char *text = wedge_base64url_decode(s, len, &n);
    if (text && strlen((char *)text) != n) {
        free(text);
        return NULL;
    }
    return (char *)text;
}

/* Checks header.payload.signature; returns the payload's JSON (caller frees) or NULL with *why set. */
static char *verify(const char *token, const keys *k, const char **why) {
    const char *dot1 = strchr(token, '.');
    const char *dot2 = dot1 ? strchr(dot1 + 1, '.') : NULL;
    if (!dot1 || !dot2 || strchr(dot2 + 1, '.')) {
        *why = "not a JWT (three parts separated by dots)";
        return NULL;
    }
    char *header = json_part(token, (size_t)(dot1 - token));
    char *alg = header ? wedge_json_string(header, "alg") : NULL;
    int hs256 = alg && strcmp(alg, "HS256") == 0 && k->secret;
    int rs256 = alg && strcmp(alg, "RS256") == 0 && k->rsa;
    free(alg);
    free(header);
    if (!hs256 && !rs256) {
        *why = k->secret && k->rsa ? "the token's alg must be HS256 or RS256"
               : k->secret         ? "the token's alg must be HS256"
                                   : "the token's alg must be RS256";
        return NULL;
    }
    size_t sig_len = 0, signed_len = (size_t)(dot2 - token);
    unsigned char *sig = wedge_base64url_decode(dot2 + 1, strlen(dot2 + 1), &sig_len);
    int valid = 0;
    if (sig && hs256) {
        unsigned char mac[WEDGE_SHA256_BYTES];
        wedge_hmac_sha256(k->secret, strlen(k->secret), token, signed_len, mac);
        valid = sig_len == sizeof mac && wedge_equal_const_time(sig, mac, sizeof mac);
    } else if (sig) {
        valid = rsa_verify_sha256(k->rsa, token, signed_len, sig, sig_len);
    }
    free(sig);
    if (!valid) {
        *why = "bad signature";
        return NULL;
    }
    char *payload = json_part(dot1 + 1, (size_t)(dot2 - dot1 - 1));
    if (!payload || wedge_json_type_of(payload, "exp") == WEDGE_JSON_INVALID) {
        free(payload);
        *why = "the payload is not a JSON object";
        return NULL;
    }
    double exp;
    if (wedge_json_number(payload, "exp", &exp) && (double)time(NULL) >= exp) {
        free(payload);
        *why = "the token has expired";
        return NULL;
    }
    return payload;
}

/* 500 with the reason: the app is not configured as it must be. */
static int misconfigured(const char *reason) {
    wedge_set_status(500);
    wedge_write_str(reason);
    wedge_write_str("\n");
    wedge_set_user_diag(reason);
    return 0;
}

WEDGE_HANDLER {
    wedge_set_header("Content-Type", "text/plain");
    rsa_public_key rsa;
    keys k = {wedge_secret("JWT_SECRET"), NULL};
    char *pem = wedge_dictionary("JWT_PUBLIC_KEY");
    if (pem && pem[0] && rsa_read_pem(pem, &rsa) != 0) {
        free(pem);
        free(k.secret);
        return misconfigured("JWT_PUBLIC_KEY is not a PEM RSA public key of 2048 to 4096 bits");
    }
    if (pem && pem[0]) k.rsa = &rsa;
    free(pem);
    if (!k.secret && !k.rsa) return misconfigured("neither JWT_SECRET nor JWT_PUBLIC_KEY is set");
    char *auth = wedge_request_header("authorization");
    if (!auth || strncmp(auth, "Bearer ", 7) != 0) {
        free(auth);
        free(k.secret);
        return refuse("a Bearer token is required");
    }
    const char *why = NULL;
    char *payload = verify(auth + 7, &k, &why);
    free(auth);
    free(k.secret);
    if (!payload) return refuse(why);
    char *sub = wedge_json_string(payload, "sub");
    wedge_write_str("hello ");
    wedge_write_str(sub ? sub : "anonymous");
    wedge_write_str("\n");
    free(sub);
    free(payload);
    return 0;
}

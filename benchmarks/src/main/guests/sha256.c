/* SHA-256 (FIPS 180-4) of the input, for ComputeBenchmark: run(len) answers the 32-byte digest. The work is the
 * C SDK's own SHA-256 (sdk/c/wedge_util.c, which needs only the C library), the one C apps use. */
#include "compute.h"
#include "wedge_util.h"

EXPORT("run") int32_t run(uint32_t len) {
    unsigned char digest[WEDGE_SHA256_BYTES];
    wedge_sha256(in_buf, len, digest);
    out_len = 0;
    return out_append(digest, sizeof digest) ? (int32_t)out_len : -1;
}

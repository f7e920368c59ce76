package dev.wedge.kv.embedded;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Scan cursors of the embedded store: the last position read, opaque to callers. */
final class Cursors {

    /** Keys examined per scan call at most, so a sparse match cannot make one call walk the whole store. */
    static final int MAX_EXAMINED = 10_000;

    private Cursors() {}

    static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException for a cursor this store did not hand out */
    static String decode(String cursor) {
        return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    }
}

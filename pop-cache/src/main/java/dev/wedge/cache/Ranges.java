package dev.wedge.cache;

import io.vertx.core.MultiMap;
import java.util.Arrays;

/**
 * A Range request answered from a whole stored body (RFC 9110, 14): one byte range is a 206 with its
 * Content-Range, an unsatisfiable one a 416; several ranges, another unit, or an If-Range that does not match are
 * answered with the whole body (a server may ignore Range).
 */
final class Ranges {

    private Ranges() {}

    /** @return the ranged reply, or null to send the whole body */
    static Reply apply(String range, MultiMap request, MultiMap head, byte[] body) {
        String ifRange = request.get("if-range");
        if (ifRange != null && !ifRange.equals(head.get("etag")) && !ifRange.equals(head.get("last-modified"))) {
            return null;
        }
        String spec = range.strip();
        if (!spec.regionMatches(true, 0, "bytes=", 0, 6) || spec.contains(",")) {
            return null;
        }
        spec = spec.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        long length = body.length;
        long first;
        long last;
        try {
            String from = spec.substring(0, dash).strip();
            String to = spec.substring(dash + 1).strip();
            if (from.isEmpty()) { // the last N bytes
                long suffix = Long.parseLong(to);
                if (suffix == 0) {
                    return unsatisfiable(head, length);
                }
                first = Math.max(0, length - suffix);
                last = length - 1;
            } else {
                first = Long.parseLong(from);
                last = to.isEmpty() ? length - 1 : Math.min(Long.parseLong(to), length - 1);
                if (to.isEmpty() ? false : Long.parseLong(to) < first) {
                    return null; // invalid: ignored
                }
            }
        } catch (NumberFormatException e) {
            return null;
        }
        if (first >= length) {
            return unsatisfiable(head, length);
        }
        head.set("content-range", "bytes " + first + "-" + last + "/" + length);
        return new Reply(206, head, Arrays.copyOfRange(body, (int) first, (int) last + 1));
    }

    private static Reply unsatisfiable(MultiMap head, long length) {
        head.set("content-range", "bytes */" + length);
        return new Reply(416, head, new byte[0]);
    }
}

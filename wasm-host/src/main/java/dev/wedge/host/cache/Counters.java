package dev.wedge.host.cache;

import java.nio.charset.StandardCharsets;

/**
 * Counters are stored as their decimal text (so {@code get} of a counter reads "42"), like the key-value
 * stores' {@code incr}. Every backend adds through here, so they agree on what an integer is.
 */
public final class Counters {

    private Counters() {}

    /**
     * The value after adding {@code delta} to {@code current} (null counts as 0).
     *
     * @throws CacheException {@link CacheException.Kind#NOT_AN_INTEGER}
     */
    public static long add(byte[] current, long delta) {
        long base = 0;
        if (current != null) {
            try {
                base = Long.parseLong(new String(current, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new CacheException(CacheException.Kind.NOT_AN_INTEGER, "the value is not a decimal integer");
            }
        }
        try {
            return Math.addExact(base, delta);
        } catch (ArithmeticException e) {
            throw new CacheException(CacheException.Kind.NOT_AN_INTEGER, "the sum is out of the range of i64");
        }
    }

    public static byte[] encode(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}

package dev.wedge.kv.embedded;

/** Encodes a double as fixed-width hex whose string order is the numeric order (-inf first, +inf last). */
final class SortableScore {

    static final int LENGTH = 16;

    private SortableScore() {}

    static String encode(double score) {
        long bits = Double.doubleToLongBits(score == 0.0 ? 0.0 : score); // -0.0 sorts as 0.0
        long ordered = bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
        String hex = Long.toHexString(ordered);
        return "0".repeat(LENGTH - hex.length()) + hex;
    }
}

package dev.wedge.server;

import java.util.Arrays;

/**
 * An app's runs over a sliding window of time, counted as succeeded or failed: the window is cut into ten
 * buckets, so memory stays constant however busy the app is, and a run leaves the count at most a tenth of the
 * window late. Not thread-safe: its {@link PenaltyBox} is used under one lock.
 */
final class OutcomeWindow {

    private static final int BUCKETS = 10;

    private final long bucketNanos;
    private final long[] stamps = new long[BUCKETS]; // the bucket number each slot counts, or stale
    private final int[] ok = new int[BUCKETS];
    private final int[] failed = new int[BUCKETS];

    OutcomeWindow(long windowNanos) {
        this.bucketNanos = Math.max(1, windowNanos / BUCKETS);
        Arrays.fill(stamps, Long.MIN_VALUE);
    }

    void record(long now, boolean failure) {
        long bucket = Math.floorDiv(now, bucketNanos);
        int slot = (int) Math.floorMod(bucket, (long) BUCKETS);
        if (stamps[slot] != bucket) {
            stamps[slot] = bucket;
            ok[slot] = 0;
            failed[slot] = 0;
        }
        if (failure) {
            failed[slot]++;
        } else {
            ok[slot]++;
        }
    }

    int failures(long now) {
        return sum(now, failed);
    }

    int runs(long now) {
        return sum(now, failed) + sum(now, ok);
    }

    void clear() {
        Arrays.fill(stamps, Long.MIN_VALUE);
    }

    private int sum(long now, int[] counts) {
        long current = Math.floorDiv(now, bucketNanos);
        int total = 0;
        for (int slot = 0; slot < BUCKETS; slot++) {
            if (stamps[slot] != Long.MIN_VALUE && current - stamps[slot] < BUCKETS) {
                total += counts[slot];
            }
        }
        return total;
    }
}

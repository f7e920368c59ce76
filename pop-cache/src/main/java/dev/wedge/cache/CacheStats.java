package dev.wedge.cache;

import java.util.concurrent.atomic.LongAdder;

/** A site's cache counters, read by the node's metrics. */
public final class CacheStats {

    final LongAdder hits = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder bypasses = new LongAdder();
    final LongAdder bytesServed = new LongAdder();

    /** Answers from a stored body: HIT, STALE and REVALIDATED. */
    public long hits() {
        return hits.sum();
    }

    /** Answers the origin gave, that the cache looked up first (MISS). */
    public long misses() {
        return misses.sum();
    }

    /** Requests the cache let through without looking (BYPASS). */
    public long bypasses() {
        return bypasses.sum();
    }

    /** Body bytes served from stored entries. */
    public long bytesServed() {
        return bytesServed.sum();
    }
}

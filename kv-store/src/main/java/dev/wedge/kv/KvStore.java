package dev.wedge.kv;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * A key-value store, asynchronous. Keys are strings, values bytes. Failures are {@link KvException}s.
 * Implementations never block an event loop: blocking backends move their work off it.
 */
public interface KvStore {

    /** The value, or null when the key is absent. */
    Future<byte[]> get(String key);

    /** Values in the order of {@code keys}; null for absent keys. */
    Future<List<byte[]>> getMany(List<String> keys);

    /** @param ttl null or zero to keep the key until it is deleted */
    Future<Void> set(String key, byte[] value, Duration ttl);

    /** True when the key existed. */
    Future<Boolean> delete(String key);

    Future<Boolean> exists(String key);

    /** Keys matching a glob, a page at a time; start with an empty cursor, stop when the next one is empty. */
    Future<ScanPage<String>> scan(String pattern, String cursor, int limit);

    /** Adds {@code delta} atomically (a missing key counts as 0) and returns the new value. */
    Future<Long> incr(String key, long delta);

    /** Sets {@code value} only if the current value equals {@code expected} (null: only if absent). */
    Future<Boolean> compareAndSet(String key, byte[] expected, byte[] value);

    /** Adds a member to a sorted set, or updates its score. */
    Future<Void> zadd(String key, double score, byte[] member);

    /** Members with {@code min <= score <= max}, lowest first, at most {@code limit}. */
    Future<List<ScoredMember>> zrangeByScore(String key, double min, double max, int limit);

    /** Members of a sorted set whose text matches a glob, a page at a time. */
    Future<ScanPage<ScoredMember>> zscan(String key, String pattern, String cursor, int limit);

    /**
     * Whether the Bloom filter {@code key} may contain {@code item} (FastEdge's {@code bf-exists}). A filter is
     * kept as a sorted set of its items (add them with {@link #zadd}; the score is not used), so the answer is
     * exact: never a false positive. Works on every backend through {@link #zscan}.
     */
    default Future<Boolean> bfExists(String key, String item) {
        return bfExists(key, Glob.escape(item), "");
    }

    private Future<Boolean> bfExists(String key, String literal, String cursor) {
        return zscan(key, literal, cursor, 1000).compose(page -> !page.items().isEmpty()
                ? Future.succeededFuture(true)
                : page.nextCursor().isEmpty() ? Future.succeededFuture(false) : bfExists(key, literal, page.nextCursor()));
    }

    Future<Void> close();
}

package dev.wedge.kv;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * A view of a store in which every key lives under a fixed prefix. Whatever key or pattern the user passes, the
 * prefix comes first and patterns only match after it, so one view can never reach another view's keys.
 */
public final class NamespacedStore implements KvStore {

    private final KvStore store;
    private final String prefix;
    private final String escapedPrefix;

    public NamespacedStore(KvStore store, String prefix) {
        this.store = store;
        this.prefix = prefix;
        this.escapedPrefix = Glob.escape(prefix);
    }

    @Override
    public Future<byte[]> get(String key) {
        return store.get(prefix + key);
    }

    @Override
    public Future<List<byte[]>> getMany(List<String> keys) {
        return store.getMany(keys.stream().map(key -> prefix + key).toList());
    }

    @Override
    public Future<Void> set(String key, byte[] value, Duration ttl) {
        return store.set(prefix + key, value, ttl);
    }

    @Override
    public Future<Boolean> delete(String key) {
        return store.delete(prefix + key);
    }

    @Override
    public Future<Boolean> exists(String key) {
        return store.exists(prefix + key);
    }

    @Override
    public Future<ScanPage<String>> scan(String pattern, String cursor, int limit) {
        return store.scan(escapedPrefix + pattern, cursor, limit).map(page -> new ScanPage<>(
                page.items().stream().map(key -> key.substring(prefix.length())).toList(), page.nextCursor()));
    }

    @Override
    public Future<Long> incr(String key, long delta) {
        return store.incr(prefix + key, delta);
    }

    @Override
    public Future<Boolean> compareAndSet(String key, byte[] expected, byte[] value) {
        return store.compareAndSet(prefix + key, expected, value);
    }

    @Override
    public Future<Void> zadd(String key, double score, byte[] member) {
        return store.zadd(prefix + key, score, member);
    }

    @Override
    public Future<List<ScoredMember>> zrangeByScore(String key, double min, double max, int limit) {
        return store.zrangeByScore(prefix + key, min, max, limit);
    }

    @Override
    public Future<ScanPage<ScoredMember>> zscan(String key, String pattern, String cursor, int limit) {
        return store.zscan(prefix + key, pattern, cursor, limit);
    }

    /** Views do not own the store. */
    @Override
    public Future<Void> close() {
        return Future.succeededFuture();
    }
}

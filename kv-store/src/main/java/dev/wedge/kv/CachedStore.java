package dev.wedge.kv;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A host-side read cache in front of a store, as FastEdge keeps one (25,000 entries for 60 s by default): reads
 * of plain keys are answered from memory, and this node's own writes invalidate them. Writes made by other
 * nodes are seen once the entry expires.
 */
public final class CachedStore implements KvStore {

    private final KvStore store;
    private final Cache<String, Optional<byte[]>> values;

    public CachedStore(KvStore store, long maxEntries, Duration ttl) {
        this.store = store;
        this.values = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).build();
    }

    @Override
    public Future<byte[]> get(String key) {
        Optional<byte[]> cached = values.getIfPresent(key);
        if (cached != null) {
            return Future.succeededFuture(cached.orElse(null));
        }
        return store.get(key).onSuccess(value -> values.put(key, Optional.ofNullable(value)));
    }

    @Override
    public Future<List<byte[]>> getMany(List<String> keys) {
        List<byte[]> found = new ArrayList<>(keys.size());
        List<Integer> missingAt = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Optional<byte[]> cached = values.getIfPresent(keys.get(i));
            found.add(cached == null ? null : cached.orElse(null));
            if (cached == null) {
                missingAt.add(i);
            }
        }
        if (missingAt.isEmpty()) {
            return Future.succeededFuture(found);
        }
        return store.getMany(missingAt.stream().map(keys::get).toList()).map(fetched -> {
            for (int m = 0; m < missingAt.size(); m++) {
                found.set(missingAt.get(m), fetched.get(m));
                values.put(keys.get(missingAt.get(m)), Optional.ofNullable(fetched.get(m)));
            }
            return found;
        });
    }

    @Override
    public Future<Void> set(String key, byte[] value, Duration ttl) {
        values.invalidate(key);
        return store.set(key, value, ttl).andThen(done -> values.invalidate(key));
    }

    @Override
    public Future<Boolean> delete(String key) {
        values.invalidate(key);
        return store.delete(key).andThen(done -> values.invalidate(key));
    }

    @Override
    public Future<Boolean> exists(String key) {
        Optional<byte[]> cached = values.getIfPresent(key);
        return cached != null ? Future.succeededFuture(cached.isPresent()) : store.exists(key);
    }

    @Override
    public Future<ScanPage<String>> scan(String pattern, String cursor, int limit) {
        return store.scan(pattern, cursor, limit);
    }

    @Override
    public Future<Long> incr(String key, long delta) {
        values.invalidate(key);
        return store.incr(key, delta).andThen(done -> values.invalidate(key));
    }

    @Override
    public Future<Boolean> compareAndSet(String key, byte[] expected, byte[] value) {
        values.invalidate(key);
        return store.compareAndSet(key, expected, value).andThen(done -> values.invalidate(key));
    }

    @Override
    public Future<Void> zadd(String key, double score, byte[] member) {
        return store.zadd(key, score, member);
    }

    @Override
    public Future<List<ScoredMember>> zrangeByScore(String key, double min, double max, int limit) {
        return store.zrangeByScore(key, min, max, limit);
    }

    @Override
    public Future<ScanPage<ScoredMember>> zscan(String key, String pattern, String cursor, int limit) {
        return store.zscan(key, pattern, cursor, limit);
    }

    @Override
    public Future<Void> close() {
        values.invalidateAll();
        return store.close();
    }
}

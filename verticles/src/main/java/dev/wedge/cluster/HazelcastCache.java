package dev.wedge.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.wedge.host.cache.AppCache;
import dev.wedge.host.cache.CacheBackend;
import dev.wedge.host.cache.CacheException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The cache of a clustered node: one Hazelcast map per app ({@code wedge.cache.APP}), shared by the PoP's nodes.
 * A key lives on one member (and its backup), and every operation on it runs there, so all nodes see one value:
 * reads and writes are single-key map operations, read-modify-writes are entry processors
 * ({@link CacheProcessors}). Purges run on every member's entries of the app's map, in parallel.
 *
 * <p>{@code max-entries} is checked against the map's size before a key is created; two nodes creating keys at
 * the same instant may pass it by a few (docs/config.md says so), and a key deleted between the check and an
 * increment is made again although the app may be full. TTLs are Hazelcast's per-entry TTLs, in whole seconds
 * ({@link #lasting}).
 */
public final class HazelcastCache implements CacheBackend {

    static final String MAP_PREFIX = "wedge.cache.";

    private final Vertx vertx;
    private final HazelcastInstance hazelcast;

    public HazelcastCache(Vertx vertx, HazelcastInstance hazelcast) {
        this.vertx = vertx;
        this.hazelcast = hazelcast;
    }

    @Override
    public AppCache view(String app, long maxEntries) {
        return new View(hazelcast.getMap(MAP_PREFIX + app), maxEntries);
    }

    private final class View implements AppCache {

        private final IMap<String, byte[]> map;
        private final long maxEntries;

        View(IMap<String, byte[]> map, long maxEntries) {
            this.map = map;
            this.maxEntries = maxEntries;
        }

        /**
         * Whether the key exists or the app has room for it. The size is a call to every member, so it is asked
         * only for a key that is not there (a counter's later increments ask one member, the key's owner).
         */
        private boolean mayCreate(String key) {
            return map.containsKey(key) || map.size() < maxEntries;
        }

        private CacheException full() {
            return new CacheException(CacheException.Kind.FULL, "the app holds " + maxEntries + " keys");
        }

        @Override
        public Future<byte[]> get(String key) {
            return async(map.getAsync(key));
        }

        @Override
        public Future<Void> set(String key, byte[] value, long ttlMs) {
            return blocking(() -> mayCreate(key)).compose(room -> room
                    ? async(map.setAsync(key, value, lasting(ttlMs), TimeUnit.MILLISECONDS))
                    : Future.failedFuture(full()));
        }

        @Override
        public Future<Boolean> delete(String key) {
            return async(map.submitToKey(key, new CacheProcessors.Remove()));
        }

        @Override
        public Future<Boolean> exists(String key) {
            return async(map.getAsync(key)).map(Objects::nonNull);
        }

        @Override
        public Future<Long> incr(String key, long delta) {
            return blocking(() -> mayCreate(key))
                    .compose(room -> async(map.submitToKey(key, new CacheProcessors.Incr(delta, room))))
                    .map(result -> switch (result) {
                        case Long value -> value;
                        case CacheProcessors.Refused refused when refused == CacheProcessors.Refused.FULL ->
                                throw full();
                        default -> throw new CacheException(CacheException.Kind.NOT_AN_INTEGER,
                                "the value is not a decimal integer, or the sum is out of range");
                    });
        }

        @Override
        public Future<Boolean> expire(String key, long ttlMs) {
            return async(map.submitToKey(key, new CacheProcessors.Expire(ttlMs == 0 ? 0 : lasting(ttlMs))));
        }

        @Override
        public Future<Long> purge() {
            return blocking(() -> removed(map.executeOnEntries(new CacheProcessors.Remove())));
        }

        @Override
        public Future<Long> purgePrefix(String prefix) {
            return blocking(() -> removed(map.executeOnEntries(new CacheProcessors.Remove(),
                    new CacheProcessors.KeyPrefix(prefix))));
        }
    }

    /**
     * The TTL to give Hazelcast for a key that must live at least {@code ttlMs}: Hazelcast keeps entries' times
     * in whole seconds, truncated, so a TTL as given could end up to a second early (300 ms, often at once). Whole
     * seconds, rounded up, plus one make the key live at least its TTL and at most two seconds longer.
     */
    static long lasting(long ttlMs) {
        if (ttlMs == 0) {
            return 0;
        }
        long seconds = Math.min(Integer.MAX_VALUE, ttlMs / 1000 + (ttlMs % 1000 == 0 ? 0 : 1) + 1);
        return seconds * 1000;
    }

    private static long removed(Map<String, Boolean> results) {
        return results.values().stream().filter(Boolean::booleanValue).count();
    }

    /** A Hazelcast call's answer; any failure of the cluster's is UNAVAILABLE to the guest. */
    private static <T> Future<T> async(CompletionStage<T> stage) {
        return Future.fromCompletionStage(stage).recover(HazelcastCache::unavailable);
    }

    /** A Hazelcast call that blocks, off the caller's thread so its wait is timed and credited like the others. */
    private <T> Future<T> blocking(Callable<T> call) {
        return vertx.executeBlocking(call, false).recover(HazelcastCache::unavailable);
    }

    private static <T> Future<T> unavailable(Throwable failure) {
        return Future.failedFuture(failure instanceof CacheException ? failure
                : new CacheException(CacheException.Kind.UNAVAILABLE, "the cluster's cache: " + failure));
    }
}

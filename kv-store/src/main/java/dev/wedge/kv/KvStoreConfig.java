package dev.wedge.kv;

import java.time.Duration;

/**
 * A named store of a node.
 *
 * @param backend {@code embedded} or {@code redis} (or any other {@link KvBackend} on the class path)
 * @param location the backend's address: a directory for embedded, a {@code redis://} URL for Redis
 * @param prefix prepended to every key in the backend, before the app's own namespace
 * @param cacheEntries host-side read cache size; 0 for no cache
 * @param timeout how long a call may wait for the backend
 */
public record KvStoreConfig(String name, String backend, String location, String prefix, long cacheEntries,
        Duration cacheTtl, Duration timeout, int maxValueBytes) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_VALUE_BYTES = 1024 * 1024;

    public static KvStoreConfig of(String name, String backend, String location) {
        return new KvStoreConfig(name, backend, location, "", 0, DEFAULT_CACHE_TTL, DEFAULT_TIMEOUT,
                DEFAULT_MAX_VALUE_BYTES);
    }

    public KvStoreConfig withPrefix(String value) {
        return new KvStoreConfig(name, backend, location, value, cacheEntries, cacheTtl, timeout, maxValueBytes);
    }

    public KvStoreConfig withCache(long entries, Duration ttl) {
        return new KvStoreConfig(name, backend, location, prefix, entries, ttl, timeout, maxValueBytes);
    }

    public KvStoreConfig withTimeout(Duration value) {
        return new KvStoreConfig(name, backend, location, prefix, cacheEntries, cacheTtl, value, maxValueBytes);
    }

    public KvStoreConfig withMaxValueBytes(int value) {
        return new KvStoreConfig(name, backend, location, prefix, cacheEntries, cacheTtl, timeout, value);
    }
}

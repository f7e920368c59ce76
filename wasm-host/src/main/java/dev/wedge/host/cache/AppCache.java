package dev.wedge.host.cache;

import io.vertx.core.Future;

/**
 * One app's part of the node's cache (docs/abi.md, "Imports: the cache"): keys live in the app's namespace, so no
 * operation, purges included, reaches another app's keys. Failures are {@link CacheException}s.
 */
public interface AppCache {

    /** The value, or null when the key is absent or expired. */
    Future<byte[]> get(String key);

    /** @param ttlMs 0 keeps the key until it is deleted, purged or evicted */
    Future<Void> set(String key, byte[] value, long ttlMs);

    /** Whether the key existed. */
    Future<Boolean> delete(String key);

    Future<Boolean> exists(String key);

    /** Adds atomically; a missing key counts as 0 and is created without a TTL; an existing key keeps its TTL. */
    Future<Long> incr(String key, long delta);

    /** Gives the key a new TTL from now (0: expires now); whether it existed. */
    Future<Boolean> expire(String key, long ttlMs);

    /** Removes every key of the app; how many there were. */
    Future<Long> purge();

    /** Removes the app's keys that start with {@code prefix}; how many there were. */
    Future<Long> purgePrefix(String prefix);
}

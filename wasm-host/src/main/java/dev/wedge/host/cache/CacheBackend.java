package dev.wedge.host.cache;

import io.vertx.core.Future;

/**
 * Where a node keeps its apps' cache entries: in its own memory ({@link MemoryCache}), or shared by the PoP's
 * nodes when they form a cluster (a Hazelcast map, in the node's cluster package). A node resource.
 */
public interface CacheBackend {

    /** The app's view; {@code maxEntries} bounds how many keys the app may hold. */
    AppCache view(String app, long maxEntries);

    /** A node that offers no cache: every call is {@link CacheException.Kind#UNAVAILABLE}. */
    CacheBackend NONE = (app, maxEntries) -> Unavailable.INSTANCE;

    /** The {@link #NONE} view. */
    final class Unavailable implements AppCache {

        static final Unavailable INSTANCE = new Unavailable();

        private Unavailable() {}

        private static <T> Future<T> fail() {
            return Future.failedFuture(new CacheException(CacheException.Kind.UNAVAILABLE, "this node has no cache"));
        }

        @Override
        public Future<byte[]> get(String key) {
            return fail();
        }

        @Override
        public Future<Void> set(String key, byte[] value, long ttlMs) {
            return fail();
        }

        @Override
        public Future<Boolean> delete(String key) {
            return fail();
        }

        @Override
        public Future<Boolean> exists(String key) {
            return fail();
        }

        @Override
        public Future<Long> incr(String key, long delta) {
            return fail();
        }

        @Override
        public Future<Boolean> expire(String key, long ttlMs) {
            return fail();
        }

        @Override
        public Future<Long> purge() {
            return fail();
        }

        @Override
        public Future<Long> purgePrefix(String prefix) {
            return fail();
        }
    }
}

package dev.wedge.host.cache;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The cache of a node that is not part of a cluster: per app, a map of entries with their expiry times under one
 * lock (each operation is short, and atomic as the cluster's entry processors are). Expired entries are dropped
 * when touched, and all of an app's at once before a new key would pass its {@code max-entries}: a full app is
 * refused new keys rather than losing others, as a rate limiter must not forget its counters under load.
 */
public final class MemoryCache implements CacheBackend {

    private final Clock clock;
    private final Map<String, AppEntries> apps = new ConcurrentHashMap<>();

    /** @param clock what TTLs count against: the system's, or a test's */
    public MemoryCache(Clock clock) {
        this.clock = clock;
    }

    @Override
    public AppCache view(String app, long maxEntries) {
        AppEntries entries = apps.computeIfAbsent(app, name -> new AppEntries());
        return new View(entries, maxEntries);
    }

    private record Entry(byte[] value, long expiresAt) {
        static final long NEVER = Long.MAX_VALUE;

        boolean expired(long now) {
            return expiresAt <= now;
        }
    }

    /** One app's entries; every access holds its lock. */
    private static final class AppEntries {
        final Map<String, Entry> map = new HashMap<>();
    }

    private final class View implements AppCache {

        private final AppEntries entries;
        private final long maxEntries;

        View(AppEntries entries, long maxEntries) {
            this.entries = entries;
            this.maxEntries = maxEntries;
        }

        private <T> Future<T> locked(Supplier<T> operation) {
            try {
                synchronized (entries) {
                    return Future.succeededFuture(operation.get());
                }
            } catch (CacheException e) {
                return Future.failedFuture(e);
            }
        }

        /** The live entry, dropping an expired one. */
        private Entry live(String key, long now) {
            Entry entry = entries.map.get(key);
            if (entry != null && entry.expired(now)) {
                entries.map.remove(key);
                return null;
            }
            return entry;
        }

        /** Room for one more key, expired ones swept first. */
        private void makeRoom(long now) {
            if (entries.map.size() < maxEntries) {
                return;
            }
            entries.map.values().removeIf(entry -> entry.expired(now));
            if (entries.map.size() >= maxEntries) {
                throw new CacheException(CacheException.Kind.FULL, "the app holds " + maxEntries + " keys already");
            }
        }

        private void put(String key, byte[] value, long expiresAt, long now) {
            if (live(key, now) == null) {
                makeRoom(now);
            }
            entries.map.put(key, new Entry(value, expiresAt));
        }

        private long expiry(long now, long ttlMs) {
            return ttlMs == 0 || ttlMs >= Entry.NEVER - now ? Entry.NEVER : now + ttlMs;
        }

        @Override
        public Future<byte[]> get(String key) {
            return locked(() -> {
                Entry entry = live(key, clock.millis());
                return entry == null ? null : entry.value();
            });
        }

        @Override
        public Future<Void> set(String key, byte[] value, long ttlMs) {
            return locked(() -> {
                long now = clock.millis();
                put(key, value.clone(), expiry(now, ttlMs), now);
                return null;
            });
        }

        @Override
        public Future<Boolean> delete(String key) {
            return locked(() -> live(key, clock.millis()) != null && entries.map.remove(key) != null);
        }

        @Override
        public Future<Boolean> exists(String key) {
            return locked(() -> live(key, clock.millis()) != null);
        }

        @Override
        public Future<Long> incr(String key, long delta) {
            return locked(() -> {
                long now = clock.millis();
                Entry entry = live(key, now);
                long value = Counters.add(entry == null ? null : entry.value(), delta);
                put(key, Counters.encode(value), entry == null ? Entry.NEVER : entry.expiresAt(), now);
                return value;
            });
        }

        @Override
        public Future<Boolean> expire(String key, long ttlMs) {
            return locked(() -> {
                long now = clock.millis();
                Entry entry = live(key, now);
                if (entry == null) {
                    return false;
                }
                if (ttlMs == 0) {
                    entries.map.remove(key);
                } else {
                    entries.map.put(key, new Entry(entry.value(), expiry(now, ttlMs)));
                }
                return true;
            });
        }

        @Override
        public Future<Long> purge() {
            return purgePrefix("");
        }

        @Override
        public Future<Long> purgePrefix(String prefix) {
            return locked(() -> {
                long now = clock.millis();
                long removed = 0;
                for (Iterator<Map.Entry<String, Entry>> it = entries.map.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<String, Entry> next = it.next();
                    if (next.getKey().startsWith(prefix)) {
                        removed += next.getValue().expired(now) ? 0 : 1;
                        it.remove();
                    }
                }
                return removed;
            });
        }
    }
}

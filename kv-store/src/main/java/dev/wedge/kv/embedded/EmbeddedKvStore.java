package dev.wedge.kv.embedded;

import dev.wedge.kv.KvStore;
import dev.wedge.kv.Offload;
import dev.wedge.kv.ScanPage;
import dev.wedge.kv.ScoredMember;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.h2.mvstore.MVStore;

/**
 * The default store: H2's MVStore in one file on local disk, so data survives a restart. The file is opened on
 * first use (a node whose apps never touch the store creates nothing) and expired keys are swept once a minute.
 */
public final class EmbeddedKvStore implements KvStore {

    private static final long SWEEP_MILLIS = 60_000;

    private final Vertx vertx;
    private final Path file;
    private final KeyLocks locks = new KeyLocks();
    private MVStore store;
    private MvKeyValues keyValues;
    private MvSortedSets sortedSets;
    private long sweeper = -1;

    public EmbeddedKvStore(Vertx vertx, Path file) {
        this.vertx = vertx;
        this.file = file;
    }

    private synchronized MvKeyValues keyValues() {
        if (store == null) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + file.getParent(), e);
            }
            store = new MVStore.Builder().fileName(file.toString()).open();
            sortedSets = new MvSortedSets(store);
            keyValues = new MvKeyValues(store, sortedSets, locks);
            sweeper = vertx.setPeriodic(SWEEP_MILLIS, id -> vertx.executeBlocking(() -> {
                keyValues.sweep();
                return null;
            }, false));
        }
        return keyValues;
    }

    private synchronized MvSortedSets sortedSets() {
        keyValues();
        return sortedSets;
    }

    private <T> Future<T> run(Callable<T> operation) {
        return Offload.call(vertx, operation);
    }

    @Override
    public Future<byte[]> get(String key) {
        return run(() -> keyValues().get(key));
    }

    @Override
    public Future<List<byte[]>> getMany(List<String> keys) {
        return run(() -> keyValues().getMany(keys));
    }

    @Override
    public Future<Void> set(String key, byte[] value, Duration ttl) {
        return run(() -> keyValues().set(key, value, ttl));
    }

    @Override
    public Future<Boolean> delete(String key) {
        return run(() -> keyValues().delete(key));
    }

    @Override
    public Future<Boolean> exists(String key) {
        return run(() -> keyValues().exists(key));
    }

    @Override
    public Future<ScanPage<String>> scan(String pattern, String cursor, int limit) {
        return run(() -> keyValues().scan(pattern, cursor, limit));
    }

    @Override
    public Future<Long> incr(String key, long delta) {
        return run(() -> keyValues().incr(key, delta));
    }

    @Override
    public Future<Boolean> compareAndSet(String key, byte[] expected, byte[] value) {
        return run(() -> keyValues().compareAndSet(key, expected, value));
    }

    @Override
    public Future<Void> zadd(String key, double score, byte[] member) {
        return run(() -> {
            MvKeyValues values = keyValues();
            var lock = locks.of(key);
            lock.lock();
            try {
                values.claimForSortedSet(key);
                sortedSets().add(key, score, member);
                store.commit();
            } finally {
                lock.unlock();
            }
            return null;
        });
    }

    @Override
    public Future<List<ScoredMember>> zrangeByScore(String key, double min, double max, int limit) {
        return run(() -> {
            keyValues().requireSortedSetOrAbsent(key);
            return sortedSets().rangeByScore(key, min, max, limit);
        });
    }

    @Override
    public Future<ScanPage<ScoredMember>> zscan(String key, String pattern, String cursor, int limit) {
        return run(() -> {
            keyValues().requireSortedSetOrAbsent(key);
            return sortedSets().scan(key, pattern, cursor, limit);
        });
    }

    @Override
    public Future<Void> close() {
        return Offload.call(vertx, () -> {
            synchronized (this) {
                if (sweeper >= 0) {
                    vertx.cancelTimer(sweeper);
                }
                if (store != null) {
                    store.close();
                    store = null;
                }
            }
            return null;
        });
    }
}

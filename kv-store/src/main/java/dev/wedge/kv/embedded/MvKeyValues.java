package dev.wedge.kv.embedded;

import dev.wedge.kv.Glob;
import dev.wedge.kv.KvException;
import dev.wedge.kv.ScanPage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/** Plain keys of the embedded store, synchronously; every write is committed before it returns. */
final class MvKeyValues {

    private final MVStore store;
    private final MVMap<String, byte[]> values;
    private final MvSortedSets sortedSets;
    private final KeyLocks locks;

    MvKeyValues(MVStore store, MvSortedSets sortedSets, KeyLocks locks) {
        this.store = store;
        this.values = store.openMap("values");
        this.sortedSets = sortedSets;
        this.locks = locks;
    }

    /** The live entry of a key, or null when absent or expired. */
    StoredValue entry(String key) {
        byte[] bytes = values.get(key);
        if (bytes == null) {
            return null;
        }
        StoredValue value = StoredValue.decode(bytes);
        return value.expired(System.currentTimeMillis()) ? null : value;
    }

    byte[] get(String key) {
        StoredValue value = entry(key);
        if (value == null) {
            return null;
        }
        if (value.isSortedSet()) {
            throw new KvException(KvException.Kind.WRONG_VALUE, key + " holds a sorted set");
        }
        return value.payload();
    }

    List<byte[]> getMany(List<String> keys) {
        List<byte[]> result = new ArrayList<>(keys.size());
        for (String key : keys) {
            StoredValue value = entry(key);
            result.add(value == null || value.isSortedSet() ? null : value.payload());
        }
        return result;
    }

    Void set(String key, byte[] value, Duration ttl) {
        long expiresAt = ttl == null || ttl.isZero() ? 0 : System.currentTimeMillis() + ttl.toMillis();
        withLock(key, () -> {
            sortedSets.clear(key);
            values.put(key, StoredValue.plain(value, expiresAt).encode());
            return null;
        });
        return null;
    }

    boolean delete(String key) {
        return withLock(key, () -> {
            boolean existed = entry(key) != null;
            sortedSets.clear(key);
            values.remove(key);
            return existed;
        });
    }

    boolean exists(String key) {
        return entry(key) != null;
    }

    long incr(String key, long delta) {
        return withLock(key, () -> {
            byte[] current = get(key);
            long next;
            try {
                next = Math.addExact(current == null ? 0 : parseLong(current), delta);
            } catch (ArithmeticException e) {
                throw new KvException(KvException.Kind.WRONG_VALUE, key + " would overflow a 64-bit integer");
            }
            long expiresAt = current == null ? 0 : entry(key).expiresAtMillis();
            values.put(key, StoredValue.plain(Long.toString(next).getBytes(StandardCharsets.US_ASCII), expiresAt)
                    .encode());
            return next;
        });
    }

    boolean compareAndSet(String key, byte[] expected, byte[] value) {
        return withLock(key, () -> {
            byte[] current = get(key);
            boolean matches = expected == null ? current == null : current != null && Arrays.equals(current, expected);
            if (matches) {
                values.put(key, StoredValue.plain(value, 0).encode());
            }
            return matches;
        });
    }

    ScanPage<String> scan(String pattern, String cursor, int limit) {
        String literal = Glob.literalPrefix(pattern);
        Glob glob = Glob.compile(pattern);
        String after = cursor.isEmpty() ? null : Cursors.decode(cursor);
        long now = System.currentTimeMillis();
        List<String> keys = new ArrayList<>();
        int examined = 0;
        Cursor<String, byte[]> it = values.cursor(after != null && after.compareTo(literal) > 0 ? after : literal);
        while (it.hasNext()) {
            String key = it.next();
            if (!key.startsWith(literal)) {
                break;
            }
            if (key.equals(after)) {
                continue;
            }
            if (glob.matches(key) && !StoredValue.decode(it.getValue()).expired(now)) {
                keys.add(key);
            }
            if (keys.size() >= limit || ++examined >= Cursors.MAX_EXAMINED) {
                return new ScanPage<>(keys, Cursors.encode(key));
            }
        }
        return new ScanPage<>(keys, "");
    }

    /** Creates the entry that marks a key as a sorted set; fails if the key holds a plain value. */
    void claimForSortedSet(String key) {
        if (requireSortedSetOrAbsent(key) == null) {
            values.put(key, StoredValue.sortedSet().encode());
        }
    }

    StoredValue requireSortedSetOrAbsent(String key) {
        StoredValue value = entry(key);
        if (value != null && !value.isSortedSet()) {
            throw new KvException(KvException.Kind.WRONG_VALUE, key + " holds a plain value, not a sorted set");
        }
        return value;
    }

    /** Removes expired keys; lookups already ignore them, this frees the space. */
    void sweep() {
        long now = System.currentTimeMillis();
        List<String> expired = new ArrayList<>();
        for (Cursor<String, byte[]> it = values.cursor(null); it.hasNext(); ) {
            String key = it.next();
            if (StoredValue.decode(it.getValue()).expired(now)) {
                expired.add(key);
            }
        }
        expired.forEach(key -> withLock(key, () -> values.remove(key)));
    }

    private <T> T withLock(String key, Supplier<T> operation) {
        ReentrantLock lock = locks.of(key);
        lock.lock();
        try {
            T result = operation.get();
            store.commit();
            return result;
        } finally {
            lock.unlock();
        }
    }

    private static long parseLong(byte[] value) {
        try {
            return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new KvException(KvException.Kind.WRONG_VALUE, "the value is not a decimal integer");
        }
    }
}

package dev.wedge.cluster;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import com.hazelcast.query.Predicate;
import dev.wedge.host.cache.CacheException;
import dev.wedge.host.cache.Counters;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cache's read-modify-write operations, run by Hazelcast on the member owning the key, under its partition's
 * lock: that is what makes them atomic across the PoP. They are wedge's own classes, which every member has (all
 * nodes run the same jar); none carries app code. Results are plain values (a Long, a Boolean, or a
 * {@link Refused} name) rather than exceptions, which would cross the cluster wrapped.
 */
final class CacheProcessors {

    private CacheProcessors() {}

    /** Why a processor did not change the entry, for the caller to turn into a {@link CacheException}. */
    enum Refused {
        NOT_AN_INTEGER,
        FULL
    }

    /** Adds to a counter, keeping its expiry; creates it (without one) only if {@code mayCreate}. */
    record Incr(long delta, boolean mayCreate) implements EntryProcessor<String, byte[], Object> {
        @Override
        public Object process(Map.Entry<String, byte[]> entry) {
            byte[] current = entry.getValue();
            if (current == null && !mayCreate) {
                return Refused.FULL;
            }
            long value;
            try {
                value = Counters.add(current, delta);
            } catch (CacheException e) {
                return Refused.NOT_AN_INTEGER;
            }
            if (current == null) {
                entry.setValue(Counters.encode(value));
            } else {
                ((ExtendedMapEntry<String, byte[]>) entry).setValueWithoutChangingExpiryTime(Counters.encode(value));
            }
            return value;
        }
    }

    /** Sets a new expiry from now, or removes the entry when the TTL is 0; whether it existed. */
    record Expire(long ttlMs) implements EntryProcessor<String, byte[], Boolean> {
        @Override
        public Boolean process(Map.Entry<String, byte[]> entry) {
            byte[] current = entry.getValue();
            if (current == null) {
                return false;
            }
            if (ttlMs == 0) {
                entry.setValue(null);
            } else {
                ((ExtendedMapEntry<String, byte[]>) entry).setValue(current, ttlMs, TimeUnit.MILLISECONDS);
            }
            return true;
        }
    }

    /** Removes the entry; whether it existed. */
    record Remove() implements EntryProcessor<String, byte[], Boolean> {
        @Override
        public Boolean process(Map.Entry<String, byte[]> entry) {
            boolean existed = entry.getValue() != null;
            if (existed) {
                entry.setValue(null);
            }
            return existed;
        }
    }

    /** Keys that start with a prefix (purge_prefix). */
    record KeyPrefix(String prefix) implements Predicate<String, byte[]> {
        @Override
        public boolean apply(Map.Entry<String, byte[]> entry) {
            return entry.getKey().startsWith(prefix);
        }
    }
}

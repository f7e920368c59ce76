package dev.wedge.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.WorkerExecutor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where entries are kept: a memory tier bounded by bytes (Caffeine: admission and eviction by weight), and behind
 * it an optional disk tier that survives restarts. Stores write through to both; a disk hit is promoted to memory.
 * Also knows which request headers each key varies on, so a lookup finds the right variant.
 */
final class Store {

    private static final Logger LOG = Logger.getLogger(Store.class.getName());
    /** Separates a key from the values of the headers it varies on. */
    static final char VARY = '\u0001';
    private static final long MAX_VARYING_KEYS = 100_000;

    private final Cache<String, Entry> memory;
    private final DiskTier disk;
    private final WorkerExecutor io;
    /** Keys whose responses vary, and on what; bounded: a key it forgot is a miss, and is learned again. */
    private final Map<String, List<String>> varies = Caffeine.newBuilder().maximumSize(MAX_VARYING_KEYS)
            .<String, List<String>>build().asMap();
    private final Set<Future<Void>> writes = ConcurrentHashMap.newKeySet();
    private final AtomicLong generation = new AtomicLong();

    /** @param disk null for memory only; {@code io} then unused */
    Store(long memoryBytes, DiskTier disk, WorkerExecutor io) {
        this.memory = Caffeine.newBuilder().maximumWeight(memoryBytes)
                .weigher((String key, Entry entry) -> (int) Math.min(Integer.MAX_VALUE, entry.weight())).build();
        this.disk = disk;
        this.io = io;
        if (disk != null) {
            disk.forEachMeta(entry -> learnVary(entry));
        }
    }

    /** The full key of a request: its key, plus the values of the headers stored responses vary on. */
    String fullKey(String key, MultiMap request) {
        return variantKey(key, varies.getOrDefault(key, List.of()), request);
    }

    /** The full key of the variant of {@code key} that varies on {@code names}, for {@code request}. */
    static String variantKey(String key, List<String> names, MultiMap request) {
        if (names.isEmpty()) {
            return key;
        }
        var full = new StringBuilder(key).append(VARY);
        for (String name : names) {
            full.append(name).append('=').append(normalized(request.getAll(name))).append(VARY);
        }
        return full.toString();
    }

    private static String normalized(List<String> values) {
        return String.join(",", values).replaceAll("\\s*,\\s*", ",").strip();
    }

    /** The entry, from memory or else disk (then kept in memory); null when neither has it whole. */
    Future<Entry> get(String key) {
        Entry entry = memory.getIfPresent(key);
        if (entry != null || disk == null) {
            return Future.succeededFuture(entry);
        }
        return io.executeBlocking(() -> disk.read(key), false).map(found -> {
            if (found == null) {
                return memory.getIfPresent(key); // stored while this looked on disk
            }
            memory.put(key, found);
            return found;
        });
    }

    /** The entry if the memory tier holds it, or null. */
    Entry inMemory(String key) {
        return memory.getIfPresent(key);
    }

    void put(Entry entry) {
        learnVary(entry);
        memory.put(entry.key(), entry);
        if (disk != null) {
            long asOf = generation.get();
            Future<Void> written = io.executeBlocking(() -> {
                disk.write(entry, () -> generation.get() == asOf); // not if a purge ran meanwhile
                return null;
            }, false);
            writes.add(written);
            written.onComplete(done -> writes.remove(written)).onFailure(failed -> LOG.log(Level.WARNING,
                    "cache: cannot write " + entry.resource() + " to disk", failed));
        }
    }

    private void learnVary(Entry entry) {
        int mark = entry.key().indexOf(VARY);
        String key = mark < 0 ? entry.key() : entry.key().substring(0, mark);
        if (entry.vary().isEmpty()) {
            varies.remove(key);
        } else {
            varies.put(key, entry.vary());
        }
    }

    /** Counts purges and removals: a fill that began before one is not stored (it may hold what was purged). */
    long generation() {
        return generation.get();
    }

    /** Removes every entry that matches, from both tiers; how many there were. */
    Future<Integer> remove(Predicate<Entry> match) {
        generation.incrementAndGet();
        Set<String> removed = ConcurrentHashMap.newKeySet();
        for (Entry entry : memory.asMap().values()) {
            if (match.test(entry) && memory.asMap().remove(entry.key()) != null) {
                removed.add(entry.key());
            }
        }
        if (disk == null) {
            return Future.succeededFuture(removed.size());
        }
        return io.executeBlocking(() -> {
            removed.addAll(disk.remove(match));
            return removed.size();
        }, false);
    }

    /** Bytes held for a site in memory and on disk. */
    long storedBytes(String site) {
        long bytes = 0;
        for (Entry entry : memory.asMap().values()) {
            if (entry.site().equals(site)) {
                bytes += entry.weight();
            }
        }
        return bytes + (disk == null ? 0 : disk.bytes(site));
    }

    Future<Void> close() {
        if (disk == null) {
            return Future.succeededFuture();
        }
        // the writes under way finish first: a body is written whole and indexed, or not at all
        return Future.join(List.copyOf(writes)).<Void>transform(written -> io.executeBlocking(() -> {
            disk.close();
            return null;
        }, false)).eventually(() -> io.close()).mapEmpty();
    }
}

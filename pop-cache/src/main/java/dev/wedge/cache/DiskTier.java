package dev.wedge.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Logger;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The disk tier: one file per body under {@code bodies/}, and an index in an embedded MVStore ({@code index.mv})
 * holding each entry's head, body file, length and CRC-32. A body is written to a temporary file, forced to disk
 * and renamed before the index names it, so the index never names a half-written body; a body whose length or
 * checksum does not match on reading is dropped, never served. Bounded by bytes: the oldest stored go first.
 * Blocking: called on the cache's own worker threads.
 */
final class DiskTier implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DiskTier.class.getName());

    /** Where an entry's body is and what it must read as. */
    private record Located(String file, long length, long crc, byte[] meta) {

        byte[] encode() {
            var buffer = ByteBuffer.allocate(2 + file.length() * 3 + 20 + meta.length);
            byte[] name = file.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            buffer.putShort((short) name.length).put(name).putLong(length).putLong(crc).putInt(meta.length).put(meta);
            return java.util.Arrays.copyOf(buffer.array(), buffer.position());
        }

        static Located decode(byte[] bytes) {
            var buffer = ByteBuffer.wrap(bytes);
            byte[] name = new byte[buffer.getShort()];
            buffer.get(name);
            long length = buffer.getLong();
            long crc = buffer.getLong();
            byte[] meta = new byte[buffer.getInt()];
            buffer.get(meta);
            return new Located(new String(name, java.nio.charset.StandardCharsets.UTF_8), length, crc, meta);
        }
    }

    private final Path bodies;
    private final long maxBytes;
    private final MVStore store;
    private final MVMap<String, byte[]> index;
    /** Keys in the order they were stored, with their body sizes: the eviction order. */
    private final LinkedHashMap<String, Long> order = new LinkedHashMap<>();
    private final Map<String, Long> siteBytes = new HashMap<>();
    private final Map<String, String> siteOf = new HashMap<>();
    private long total;

    private DiskTier(Path dir, long maxBytes) throws IOException {
        this.bodies = Files.createDirectories(dir.resolve("bodies"));
        this.maxBytes = maxBytes;
        this.store = new MVStore.Builder().fileName(dir.resolve("index.mv").toString()).open();
        this.index = store.openMap("entries");
    }

    /** Opens the tier under {@code dir}, and deletes body files the index does not name (an interrupted write). */
    static DiskTier open(Path dir, long maxBytes) throws IOException {
        var tier = new DiskTier(dir, maxBytes);
        List<Map.Entry<Long, String>> byAge = new ArrayList<>();
        Set<String> named = new HashSet<>();
        for (Map.Entry<String, byte[]> item : tier.index.entrySet()) {
            Located located = Located.decode(item.getValue());
            Entry entry = Entry.fromMeta(item.getKey(), located.meta());
            named.add(located.file());
            byAge.add(Map.entry(entry.storedAt(), item.getKey()));
            tier.account(item.getKey(), entry.site(), located.length());
        }
        byAge.sort(Map.Entry.comparingByKey());
        var sized = new LinkedHashMap<>(tier.order);
        tier.order.clear();
        byAge.forEach(item -> tier.order.put(item.getValue(), sized.get(item.getValue())));
        try (Stream<Path> files = Files.list(tier.bodies)) {
            for (Path file : files.toList()) {
                if (!named.contains(file.getFileName().toString())) {
                    Files.deleteIfExists(file);
                }
            }
        }
        return tier;
    }

    /** Each stored entry's head (without its body), to learn what keys vary on. */
    synchronized void forEachMeta(Consumer<Entry> each) {
        for (Map.Entry<String, byte[]> item : index.entrySet()) {
            try {
                each.accept(Entry.fromMeta(item.getKey(), Located.decode(item.getValue()).meta()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The whole entry, or null: absent, or its body missing, short, long or changed (then it is dropped). */
    Entry read(String key) throws IOException {
        byte[] value = index.get(key);
        if (value == null) {
            return null;
        }
        Located located = Located.decode(value);
        byte[] body;
        try {
            body = Files.readAllBytes(bodies.resolve(located.file()));
        } catch (NoSuchFileException e) {
            body = null;
        }
        if (body == null || body.length != located.length() || crc(body) != located.crc()) {
            LOG.warning("cache: dropped the disk entry of " + key.replace(Store.VARY, ' ').replace('\0', ' ')
                    + ": its body is missing, truncated or corrupt");
            forget(key, value);
            return null;
        }
        return Entry.fromMeta(key, located.meta()).withBody(body);
    }

    /** @param still checked under the index's lock before the body is indexed: false drops the write */
    void write(Entry entry, BooleanSupplier still) throws IOException {
        byte[] body = entry.body();
        if (body.length > maxBytes) {
            return;
        }
        String file = UUID.randomUUID() + ".body";
        Path temp = bodies.resolve(file + ".tmp");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            var buffer = ByteBuffer.wrap(body);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, bodies.resolve(file), StandardCopyOption.ATOMIC_MOVE);
        byte[] located = new Located(file, body.length, crc(body), entry.meta()).encode();
        synchronized (this) {
            if (!still.getAsBoolean()) {
                Files.deleteIfExists(bodies.resolve(file));
                return;
            }
            byte[] previous = index.put(entry.key(), located);
            if (previous != null) {
                unaccount(entry.key());
                deleteBody(previous);
            }
            account(entry.key(), entry.site(), body.length);
            while (total > maxBytes && !order.isEmpty()) {
                String oldest = order.keySet().iterator().next();
                forget(oldest, index.get(oldest));
            }
            store.commit();
        }
    }

    /** Removes every entry that matches; their keys. */
    synchronized Set<String> remove(Predicate<Entry> match) throws IOException {
        Set<String> removed = new HashSet<>();
        for (Map.Entry<String, byte[]> item : List.copyOf(index.entrySet())) {
            if (match.test(Entry.fromMeta(item.getKey(), Located.decode(item.getValue()).meta()))) {
                forget(item.getKey(), item.getValue());
                removed.add(item.getKey());
            }
        }
        store.commit();
        return removed;
    }

    synchronized long bytes(String site) {
        return siteBytes.getOrDefault(site, 0L);
    }

    private synchronized void forget(String key, byte[] value) {
        index.remove(key);
        unaccount(key);
        if (value != null) {
            deleteBody(value);
        }
    }

    private void deleteBody(byte[] value) {
        try {
            Files.deleteIfExists(bodies.resolve(Located.decode(value).file()));
        } catch (IOException e) {
            LOG.warning("cache: cannot delete a body file: " + e.getMessage());
        }
    }

    private void account(String key, String site, long length) {
        order.put(key, length);
        siteOf.put(key, site);
        siteBytes.merge(site, length, Long::sum);
        total += length;
    }

    private void unaccount(String key) {
        Long length = order.remove(key);
        String site = siteOf.remove(key);
        if (length != null) {
            total -= length;
            siteBytes.merge(site, -length, Long::sum);
        }
    }

    private static long crc(byte[] body) {
        var crc = new CRC32();
        crc.update(body);
        return crc.getValue();
    }

    @Override
    public synchronized void close() {
        store.close();
    }
}

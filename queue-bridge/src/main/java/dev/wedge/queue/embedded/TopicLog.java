package dev.wedge.queue.embedded;

import dev.wedge.queue.OutboundMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The embedded queue's storage, synchronous: one append-only map per topic (offset to message) and the next
 * offset of every consumer group. Every append and every consumed offset is committed to the file before it
 * returns, so a restart loses neither messages nor progress. Opened on first use.
 */
final class TopicLog {

    private final Path file;
    private MVStore store;
    private boolean closed;
    private MVMap<String, Long> groupOffsets;

    TopicLog(Path file) {
        this.file = file;
    }

    private synchronized MVStore store() {
        if (closed) {
            throw new IllegalStateException("the queue is closed");
        }
        if (store == null) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create " + file.getParent(), e);
            }
            store = new MVStore.Builder().fileName(file.toString()).open();
            groupOffsets = store.openMap("group-offsets");
        }
        return store;
    }

    private MVMap<Long, byte[]> topic(String topic) {
        return store().openMap("topic:" + topic);
    }

    /** Appends and commits; returns the message's offset. */
    synchronized long append(String topic, OutboundMessage message) {
        MVMap<Long, byte[]> log = topic(topic);
        Long last = log.lastKey();
        long offset = last == null ? 0 : last + 1;
        log.put(offset, MessageCodec.encode(message));
        store.commit();
        return offset;
    }

    /** The message at {@code offset}, or null when none has been published there yet. */
    OutboundMessage read(String topic, long offset) {
        byte[] stored = topic(topic).get(offset);
        return stored == null ? null : MessageCodec.decode(stored);
    }

    synchronized long nextOffset(String topic, String group) {
        store();
        Long next = groupOffsets.get(topic + "\0" + group);
        return next == null ? 0 : next;
    }

    synchronized void consumed(String topic, String group, long offset) {
        store();
        groupOffsets.put(topic + "\0" + group, offset + 1);
        store.commit();
    }

    synchronized void close() {
        closed = true;
        if (store != null) {
            store.close();
            store = null;
        }
    }
}

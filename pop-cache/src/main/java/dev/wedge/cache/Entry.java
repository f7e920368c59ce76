package dev.wedge.cache;

import io.vertx.core.MultiMap;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stored response: its head, its body (null while only on disk), when it was received and how fresh it is, and
 * what purges find it by.
 *
 * @param key the full key: the site, the request's key, the values of the headers it varies on
 * @param resource {@code host + path [? query]}, which purges by URL and prefix match
 * @param storedAt when the response was received (epoch millis); its age is counted from there
 * @param initialAge the Age it came with, in seconds
 * @param vary the request header names it varies on, lower-case
 * @param tags its Surrogate-Key and Cache-Tag values
 */
public record Entry(String key, String site, String resource, int status, List<Map.Entry<String, String>> headers,
        byte[] body, long storedAt, long initialAge, Freshness freshness, List<String> vary, Set<String> tags) {

    public Entry {
        headers = List.copyOf(headers);
        vary = List.copyOf(vary);
        tags = Set.copyOf(tags);
    }

    Entry withBody(byte[] value) {
        return new Entry(key, site, resource, status, headers, value, storedAt, initialAge, freshness, vary, tags);
    }

    /** Its head updated with a 304's headers (RFC 9111, 4.3.4): those the 304 sends replace the stored ones. */
    MultiMap updatedHead(MultiMap notModified) {
        MultiMap merged = head();
        notModified.names().stream().filter(name -> !StoredHeaders.dropped(name)).forEach(merged::remove);
        notModified.forEach(header -> {
            if (!StoredHeaders.dropped(header.getKey())) {
                merged.add(header.getKey(), header.getValue());
            }
        });
        return merged;
    }

    /** The same body under a revalidated head, received at {@code now} with the 304's Age. */
    Entry revalidated(MultiMap head, Freshness fresh, long age, long now) {
        return new Entry(key, site, resource, status, StoredHeaders.list(head), body, now, age, fresh, vary, tags);
    }

    MultiMap head() {
        MultiMap head = MultiMap.caseInsensitiveMultiMap();
        headers.forEach(header -> head.add(header.getKey(), header.getValue()));
        return head;
    }

    /** Seconds since it was received, plus the age it came with. */
    long age(long now) {
        return initialAge + Math.max(0, now - storedAt) / 1000;
    }

    /** How long past its freshness it is at {@code now} (negative: still fresh). */
    long staleness(long now) {
        return initialAge * 1000 + Math.max(0, now - storedAt) - freshness.lifetimeMillis();
    }

    long weight() {
        long size = 256 + key.length() * 2L + (body == null ? 0 : body.length);
        for (Map.Entry<String, String> header : headers) {
            size += 32 + 2L * (header.getKey().length() + header.getValue().length());
        }
        return size;
    }

    /** The entry's head and metadata, without the body, as the disk index keeps them. */
    byte[] meta() {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeInt(1); // format
            out.writeUTF(site);
            out.writeUTF(resource);
            out.writeInt(status);
            out.writeInt(headers.size());
            for (Map.Entry<String, String> header : headers) {
                out.writeUTF(header.getKey());
                out.writeUTF(header.getValue());
            }
            out.writeLong(storedAt);
            out.writeLong(initialAge);
            out.writeLong(freshness.lifetimeMillis());
            out.writeLong(freshness.staleWhileRevalidateMillis());
            out.writeLong(freshness.staleIfErrorMillis());
            out.writeBoolean(freshness.mustRevalidate());
            out.writeBoolean(freshness.authorized());
            writeList(out, vary);
            writeList(out, new ArrayList<>(tags));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Entry fromMeta(String key, byte[] meta) throws IOException {
        try (var in = new DataInputStream(new ByteArrayInputStream(meta))) {
            if (in.readInt() != 1) {
                throw new IOException("unknown entry format");
            }
            String site = in.readUTF();
            String resource = in.readUTF();
            int status = in.readInt();
            int count = in.readInt();
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                headers.add(Map.entry(in.readUTF(), in.readUTF()));
            }
            long storedAt = in.readLong();
            long initialAge = in.readLong();
            var freshness = new Freshness(in.readLong(), in.readLong(), in.readLong(), in.readBoolean(),
                    in.readBoolean());
            return new Entry(key, site, resource, status, headers, null, storedAt, initialAge, freshness,
                    readList(in), Set.copyOf(readList(in)));
        }
    }

    private static void writeList(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String value : values) {
            out.writeUTF(value);
        }
    }

    private static List<String> readList(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(in.readUTF());
        }
        return values;
    }
}

package dev.wedge.host.proxywasm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One proxy-wasm header map (request, response, callout response, trailers): ordered pairs, names lower-case.
 * How "remove" behaves is the mode's: FastEdge leaves the header with an empty value, Envoy deletes it.
 */
public final class HeaderMap {

    private final List<Map.Entry<String, String>> pairs = new ArrayList<>();

    public List<Map.Entry<String, String>> pairs() {
        return List.copyOf(pairs);
    }

    public int size() {
        return pairs.size();
    }

    /** The first value of {@code name}, or null. */
    public String get(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return pairs.stream().filter(pair -> pair.getKey().equals(key)).map(Map.Entry::getValue).findFirst()
                .orElse(null);
    }

    public void add(String name, String value) {
        pairs.add(Map.entry(name.toLowerCase(Locale.ROOT), value));
    }

    /** Replaces every value of {@code name} by one, where the first was (or at the end). */
    public void replace(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        int first = -1;
        for (int i = 0; i < pairs.size(); i++) {
            if (pairs.get(i).getKey().equals(key)) {
                first = first < 0 ? i : first;
            }
        }
        pairs.removeIf(pair -> pair.getKey().equals(key));
        pairs.add(first < 0 ? pairs.size() : first, Map.entry(key, value));
    }

    /** @param deletes Envoy's remove; otherwise FastEdge's, which leaves one empty value where the header was */
    public void remove(String name, boolean deletes) {
        String key = name.toLowerCase(Locale.ROOT);
        if (deletes) {
            pairs.removeIf(pair -> pair.getKey().equals(key));
        } else if (get(key) != null) {
            replace(key, "");
        }
    }

    public void clear() {
        pairs.clear();
    }

    /**
     * The spec's wire form: {@code u32 count}, then {@code u32 name length, u32 value length} per pair, then each
     * name and value followed by a NUL, all little-endian.
     */
    public byte[] serialize() {
        var out = new ByteArrayOutputStream();
        List<byte[]> texts = new ArrayList<>();
        ByteBuffer head = ByteBuffer.allocate(4 + 8 * pairs.size()).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(pairs.size());
        for (Map.Entry<String, String> pair : pairs) {
            byte[] name = pair.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = pair.getValue().getBytes(StandardCharsets.UTF_8);
            head.putInt(name.length).putInt(value.length);
            texts.add(name);
            texts.add(value);
        }
        out.writeBytes(head.array());
        for (byte[] text : texts) {
            out.writeBytes(text);
            out.write(0);
        }
        return out.toByteArray();
    }

    /** Reads the wire form; an empty buffer is an empty map. @throws IllegalArgumentException when malformed */
    public static HeaderMap parse(byte[] bytes) {
        var map = new HeaderMap();
        if (bytes.length == 0) {
            return map;
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long count = in.remaining() >= 4 ? Integer.toUnsignedLong(in.getInt()) : -1;
        if (count < 0 || count > (bytes.length - 4L) / 8) {
            throw new IllegalArgumentException("header map count does not fit its buffer");
        }
        int[] lengths = new int[(int) count * 2];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = in.getInt();
        }
        int position = in.position();
        String[] texts = new String[lengths.length];
        for (int i = 0; i < lengths.length; i++) {
            long end = (long) position + Integer.toUnsignedLong(lengths[i]);
            if (lengths[i] < 0 || end >= bytes.length) {
                throw new IllegalArgumentException("header map entry runs past its buffer");
            }
            texts[i] = new String(bytes, position, lengths[i], StandardCharsets.UTF_8);
            position = (int) end + 1; // the NUL
        }
        for (int i = 0; i < texts.length; i += 2) {
            map.add(texts[i], texts[i + 1]);
        }
        return map;
    }
}

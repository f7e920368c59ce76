package dev.wedge.host.wasi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Arguments or environment as a WASI guest receives them: UTF-8 strings, each ended by a NUL, laid end to end.
 * Encoded once per run, so {@code *_sizes_get} and {@code *_get} copy bytes instead of encoding every string
 * twice and writing it a piece at a time.
 */
public final class StringBlock {

    private final byte[] bytes;
    private final int[] offsets;

    private StringBlock(byte[] bytes, int[] offsets) {
        this.bytes = bytes;
        this.offsets = offsets;
    }

    public static StringBlock of(List<String> strings) {
        var builder = new Builder();
        strings.forEach(builder::add);
        return builder.build();
    }

    /** {@code NAME=value} for each variable, in the map's order. */
    public static StringBlock environ(Map<String, String> variables) {
        var builder = new Builder();
        variables.forEach(builder::add);
        return builder.build();
    }

    public int count() {
        return offsets.length;
    }

    /** The strings' bytes with their NULs: what the guest's buffer must hold. */
    public byte[] bytes() {
        return bytes;
    }

    /** Where string {@code index} starts in {@link #bytes()}. */
    public int offset(int index) {
        return offsets[index];
    }

    /** The strings, decoded again: for diagnostics and tests. */
    public List<String> strings() {
        return Arrays.stream(offsets).mapToObj(start -> {
            int end = start;
            while (bytes[end] != 0) {
                end++;
            }
            return new String(bytes, start, end - start, StandardCharsets.UTF_8);
        }).toList();
    }

    /** Appends strings to one growing buffer. */
    public static final class Builder {

        private byte[] bytes = new byte[1024];
        private int size;
        private int[] offsets = new int[16];
        private int count;

        public Builder add(String text) {
            start();
            append(text);
            return end();
        }

        /** One {@code name=value} entry. */
        public Builder add(String name, String value) {
            start();
            append(name);
            append("=");
            append(value);
            return end();
        }

        public StringBlock build() {
            return new StringBlock(Arrays.copyOf(bytes, size), Arrays.copyOf(offsets, count));
        }

        private void start() {
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, count * 2);
            }
            offsets[count++] = size;
        }

        private Builder end() {
            room(1);
            bytes[size++] = 0;
            return this;
        }

        private void append(String text) {
            int length = text.length();
            room(length);
            for (int i = 0; i < length; i++) { // most names and values are ASCII: copied without an encoder
                char c = text.charAt(i);
                if (c >= 0x80) {
                    appendEncoded(text);
                    return;
                }
                bytes[size + i] = (byte) c;
            }
            size += length;
        }

        private void appendEncoded(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            room(utf8.length);
            System.arraycopy(utf8, 0, bytes, size, utf8.length);
            size += utf8.length;
        }

        private void room(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }
}

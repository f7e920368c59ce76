package dev.wedge.kv.embedded;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What the embedded store keeps per key: a type, an expiry time (0 for none) and, for plain values, the bytes.
 * A sorted set's members live in their own maps; its entry here marks the key as taken.
 */
record StoredValue(byte type, long expiresAtMillis, byte[] payload) {

    static final byte PLAIN = 0;
    static final byte SORTED_SET = 1;
    private static final int HEADER = 9;

    static StoredValue plain(byte[] value, long expiresAtMillis) {
        return new StoredValue(PLAIN, expiresAtMillis, value);
    }

    static StoredValue sortedSet() {
        return new StoredValue(SORTED_SET, 0, new byte[0]);
    }

    boolean expired(long nowMillis) {
        return expiresAtMillis != 0 && expiresAtMillis <= nowMillis;
    }

    boolean isSortedSet() {
        return type == SORTED_SET;
    }

    byte[] encode() {
        return ByteBuffer.allocate(HEADER + payload.length).put(type).putLong(expiresAtMillis).put(payload).array();
    }

    static StoredValue decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        return new StoredValue(buffer.get(), buffer.getLong(), Arrays.copyOfRange(bytes, HEADER, bytes.length));
    }
}

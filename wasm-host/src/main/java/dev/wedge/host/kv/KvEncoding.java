package dev.wedge.host.kv;

import dev.wedge.host.abi.AbiException;
import dev.wedge.host.abi.Status;
import dev.wedge.kv.ScanPage;
import dev.wedge.kv.ScoredMember;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The list encodings of the key-value imports (docs/abi.md, "Imports: key-value stores"). */
final class KvEncoding {

    static final int MAX_KEY_BYTES = 1024;
    static final int MAX_ITEMS = 1000;
    private static final int ABSENT = -1;

    private KvEncoding() {}

    /** {@code key NUL key NUL ...}, a trailing NUL optional. */
    static List<String> keyList(byte[] bytes) {
        List<String> keys = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == 0) {
                if (i > start || i < bytes.length) {
                    keys.add(key(new String(bytes, start, i - start, StandardCharsets.UTF_8)));
                }
                start = i + 1;
            }
        }
        if (keys.size() > MAX_ITEMS) {
            throw new AbiException(Status.BAD_ARGUMENT, "more than " + MAX_ITEMS + " keys");
        }
        return keys;
    }

    static String key(String key) {
        int length = key.getBytes(StandardCharsets.UTF_8).length;
        if (length == 0 || length > MAX_KEY_BYTES || key.indexOf('\0') >= 0) {
            throw new AbiException(Status.BAD_ARGUMENT, "a key is 1.." + MAX_KEY_BYTES + " bytes without NUL");
        }
        return key;
    }

    static int limit(int limit) {
        if (limit < 1 || limit > MAX_ITEMS) {
            throw new AbiException(Status.BAD_ARGUMENT, "limit must be 1.." + MAX_ITEMS);
        }
        return limit;
    }

    static double score(double score) {
        if (Double.isNaN(score)) {
            throw new AbiException(Status.BAD_ARGUMENT, "a score must be a number");
        }
        return score;
    }

    static byte[] values(List<byte[]> values) {
        var out = new ByteArrayOutputStream();
        for (byte[] value : values) {
            out.writeBytes(u32(value == null ? ABSENT : value.length));
            if (value != null) {
                out.writeBytes(value);
            }
        }
        return out.toByteArray();
    }

    static byte[] keys(ScanPage<String> page) {
        var out = new ByteArrayOutputStream();
        text(out, page.nextCursor());
        page.items().forEach(key -> text(out, key));
        return out.toByteArray();
    }

    static byte[] members(String cursor, List<ScoredMember> members) {
        var out = new ByteArrayOutputStream();
        if (cursor != null) {
            text(out, cursor);
        }
        for (ScoredMember member : members) {
            out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(member.score()).array());
            out.writeBytes(u32(member.member().length));
            out.writeBytes(member.member());
        }
        return out.toByteArray();
    }

    private static void text(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    private static byte[] u32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }
}

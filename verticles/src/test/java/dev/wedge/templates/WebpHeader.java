package dev.wedge.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * What a WebP file's header says, read here because the JDK has no WebP decoder: the RIFF container, then the
 * first chunk: {@code VP8 } (lossy: the key frame's size), {@code VP8L} (lossless: 14-bit sizes and an alpha hint)
 * or {@code VP8X} (extended: 24-bit sizes and an alpha flag; lossy with alpha uses it).
 */
record WebpHeader(String chunk, int width, int height, boolean alpha) {

    static WebpHeader parse(byte[] file) {
        assertTrue(file.length >= 30, "too short for a WebP: " + file.length + " bytes");
        ByteBuffer bytes = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", ascii(file, 0), "RIFF signature");
        assertEquals("WEBP", ascii(file, 8), "WEBP form type");
        assertEquals(file.length - 8, bytes.getInt(4), "RIFF size is the file's length less 8");
        String chunk = ascii(file, 12);
        return switch (chunk) {
            case "VP8 " -> {
                assertEquals(0x2a019d, bytes.getInt(23) & 0xFFFFFF, "VP8 key frame start code");
                yield new WebpHeader(chunk, bytes.getShort(26) & 0x3FFF, bytes.getShort(28) & 0x3FFF, false);
            }
            case "VP8L" -> {
                assertEquals(0x2F, file[20], "VP8L signature");
                int bits = bytes.getInt(21);
                yield new WebpHeader(chunk, (bits & 0x3FFF) + 1, ((bits >>> 14) & 0x3FFF) + 1, (bits >>> 28 & 1) == 1);
            }
            case "VP8X" -> new WebpHeader(chunk, (bytes.getInt(24) & 0xFFFFFF) + 1, (bytes.getInt(27) & 0xFFFFFF) + 1,
                    (file[20] & 0x10) != 0);
            default -> throw new AssertionError("unknown first WebP chunk: " + chunk);
        };
    }

    private static String ascii(byte[] file, int at) {
        return new String(file, at, 4, StandardCharsets.US_ASCII);
    }
}

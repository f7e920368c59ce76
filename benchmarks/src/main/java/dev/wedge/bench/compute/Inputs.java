package dev.wedge.bench.compute;

import dev.wedge.bench.templates.FashionMlp;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** The fixed inputs of the compute suite, the same on every engine and for the Java floors. */
final class Inputs {

    static final int DOCUMENT_BYTES = 10 * 1024;
    static final int PHOTO_WIDTH = 1280;
    static final int PHOTO_HEIGHT = 800;

    private Inputs() {
    }

    /** The start of docs/abi.md, cut at the last paragraph break within 10 KiB (prose, lists, tables, code). */
    static byte[] document() {
        String text = new String(ComputeGuest.resource("/compute/abi.md"), StandardCharsets.UTF_8);
        String head = new String(text.getBytes(StandardCharsets.UTF_8), 0, DOCUMENT_BYTES, StandardCharsets.UTF_8);
        return head.substring(0, head.lastIndexOf("\n\n") + 1).getBytes(StandardCharsets.UTF_8);
    }

    /** 1 MiB of seeded random bytes. */
    static byte[] megabyte() {
        byte[] data = new byte[1 << 20];
        new SplittableRandom(18).nextBytes(data);
        return data;
    }

    /** image-classify's first sample (a 28 x 28 plain PGM, the size the network reads) as grey bytes. */
    static byte[] garment() {
        String pgm = new String(ComputeGuest.resource("/templates/image-classify/test-0.pgm"), StandardCharsets.US_ASCII);
        String[] fields = pgm.replaceAll("#[^\n]*\n", " ").trim().split("\\s+");
        int max = Integer.parseInt(fields[3]);
        if (!fields[0].equals("P2") || Integer.parseInt(fields[1]) * Integer.parseInt(fields[2]) != FashionMlp.PIXELS) {
            throw new IllegalStateException("test-0.pgm is not a 28 x 28 plain PGM");
        }
        byte[] grey = new byte[FashionMlp.PIXELS];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = (byte) (Integer.parseInt(fields[4 + i]) * 255 / max);
        }
        return grey;
    }

    /**
     * A 1280 x 800 JPEG (1 MP) at quality 90: gradients, rings and seeded noise, so that it decodes like a
     * photo rather than a flat fill.
     */
    static byte[] photo() {
        BufferedImage image = new BufferedImage(PHOTO_WIDTH, PHOTO_HEIGHT, BufferedImage.TYPE_INT_RGB);
        SplittableRandom noise = new SplittableRandom(18);
        for (int y = 0; y < PHOTO_HEIGHT; y++) {
            for (int x = 0; x < PHOTO_WIDTH; x++) {
                int r = x * 255 / PHOTO_WIDTH;
                int g = y * 255 / PHOTO_HEIGHT;
                int b = (int) (127 + 100 * Math.sin((x * x + y * y) / 5000.0));
                int n = noise.nextInt(-24, 25);
                image.setRGB(x, y, clamp(r + n) << 16 | clamp(g + n) << 8 | clamp(b + n));
            }
        }
        return Images.jpeg(image, 0.9f);
    }

    /** The photo decoded (by ImageIO) to raw RGB, prefixed by its width and height as little-endian u32s. */
    static byte[] rawPhoto() {
        BufferedImage image = Images.decode(photo());
        byte[] rgb = Images.rgb(image);
        return ByteBuffer.allocate(8 + rgb.length).order(ByteOrder.LITTLE_ENDIAN).putInt(image.getWidth())
                .putInt(image.getHeight()).put(rgb).array();
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }
}

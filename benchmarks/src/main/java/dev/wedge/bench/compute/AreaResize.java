package dev.wedge.bench.compute;

/**
 * The compute guest's resize (benchmarks/src/main/guests/image.c) in Java, to the byte: RGB pixels to
 * {@link #WIDTH} wide, the height in proportion, rows first then columns, each output sample the mean of the
 * source it covers, in exact integer weights.
 */
public final class AreaResize {

    public static final int WIDTH = 200;
    private static final int CHANNELS = 3;

    private AreaResize() {
    }

    /** The height a {@code w} x {@code h} picture gets at {@link #WIDTH} wide. */
    public static int height(int w, int h) {
        return Math.max(1, (h * WIDTH + w / 2) / w);
    }

    /** {@code rgb}, {@code w} x {@code h}, to {@link #WIDTH} x {@link #height}. */
    public static byte[] resize(byte[] rgb, int w, int h) {
        int tw = WIDTH;
        int th = height(w, h);
        byte[] rows = new byte[tw * h * CHANNELS];
        for (int y = 0; y < h; y++) {
            for (int c = 0; c < CHANNELS; c++) {
                resample(rgb, y * w * CHANNELS + c, w, CHANNELS, rows, y * tw * CHANNELS + c, tw, CHANNELS);
            }
        }
        byte[] out = new byte[tw * th * CHANNELS];
        for (int x = 0; x < tw; x++) {
            for (int c = 0; c < CHANNELS; c++) {
                resample(rows, x * CHANNELS + c, h, tw * CHANNELS, out, x * CHANNELS + c, th, tw * CHANNELS);
            }
        }
        return out;
    }

    /** One line of {@code from} samples to {@code to}: in units where a source sample is {@code to} long. */
    private static void resample(byte[] src, int srcAt, int from, int srcStride, byte[] dst, int dstAt, int to,
            int dstStride) {
        for (int i = 0; i < to; i++) {
            int lo = i * from;
            int hi = lo + from;
            int sum = 0;
            for (int j = lo / to; j * to < hi; j++) {
                int a = Math.max(j * to, lo);
                int b = Math.min((j + 1) * to, hi);
                sum += (b - a) * (src[srcAt + j * srcStride] & 0xff);
            }
            dst[dstAt + i * dstStride] = (byte) ((sum + from / 2) / from);
        }
    }
}

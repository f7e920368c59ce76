package dev.wedge.bench.templates;

import dev.wedge.host.http.AppRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * image-classify in Java for a plain-text PGM body (the benchmark's input): parse, shrink to 28x28 by averaging,
 * darken a light background, the int8 MLP over the weights of apps/templates/image-classify/model.h with the
 * guest's integer sums and float scales, softmax, and the top three labels as JSON.
 */
public final class ImageClassifyFloor implements JavaFloor {

    private static final int SIDE = 28;
    private static final int PIXELS = SIDE * SIDE;
    private static final int TOP = 3;
    private static final String[] LABELS = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
        "Sneaker", "Bag", "Ankle boot"};

    private final int hidden;
    private final int classes;
    private final byte[] w1;
    private final float[] s1;
    private final float[] b1;
    private final byte[] w2;
    private final float[] s2;
    private final float[] b2;

    public ImageClassifyFloor() {
        CHeader model = CHeader.of("image-classify");
        hidden = (int) model.define("MODEL_HIDDEN");
        classes = (int) model.define("MODEL_CLASSES");
        w1 = bytes(model.ints("MODEL_W1"));
        s1 = model.floats("MODEL_S1");
        b1 = model.floats("MODEL_B1");
        w2 = bytes(model.ints("MODEL_W2"));
        s2 = model.floats("MODEL_S2");
        b2 = model.floats("MODEL_B2");
    }

    @Override
    public byte[] handle(AppRequest request) {
        String[] fields = new String(request.body(), StandardCharsets.US_ASCII).replaceAll("#[^\n]*\n", " ")
                .trim().split("\\s+");
        if (!fields[0].equals("P2")) {
            throw new IllegalArgumentException("the floor reads plain PGM only");
        }
        int w = Integer.parseInt(fields[1]);
        int h = Integer.parseInt(fields[2]);
        int max = Integer.parseInt(fields[3]);
        int[] grey = new int[w * h];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = Integer.parseInt(fields[4 + i]) * 255 / max;
        }
        int[] pixels = shrink(grey, w, h);
        darkenBackground(pixels);
        float[] scores = classify(pixels);
        StringBuilder json = new StringBuilder().append("{\"width\":").append(w).append(",\"height\":").append(h)
                .append(",\"labels\":[");
        boolean[] taken = new boolean[classes];
        for (int n = 0; n < TOP; n++) {
            int best = -1;
            for (int k = 0; k < classes; k++) {
                if (!taken[k] && (best < 0 || scores[k] > scores[best])) {
                    best = k;
                }
            }
            taken[best] = true;
            json.append(n == 0 ? "" : ",").append("{\"label\":\"").append(LABELS[best]).append("\",\"score\":")
                    .append(String.format(Locale.ROOT, "%.4f", scores[best])).append('}');
        }
        return json.append("]}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int[] shrink(int[] grey, int w, int h) {
        int[] out = new int[PIXELS];
        for (int ty = 0; ty < SIDE; ty++) {
            int y0 = ty * h / SIDE;
            int y1 = Math.max((ty + 1) * h / SIDE, y0 + 1);
            for (int tx = 0; tx < SIDE; tx++) {
                int x0 = tx * w / SIDE;
                int x1 = Math.max((tx + 1) * w / SIDE, x0 + 1);
                int sum = 0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        sum += grey[y * w + x];
                    }
                }
                out[ty * SIDE + tx] = sum / ((y1 - y0) * (x1 - x0));
            }
        }
        return out;
    }

    private static void darkenBackground(int[] pixels) {
        int sum = 0;
        for (int i = 0; i < SIDE; i++) {
            sum += pixels[i] + pixels[PIXELS - SIDE + i] + pixels[i * SIDE] + pixels[i * SIDE + SIDE - 1];
        }
        if (sum / (4 * SIDE) > 127) {
            for (int i = 0; i < PIXELS; i++) {
                pixels[i] = 255 - pixels[i];
            }
        }
    }

    private float[] classify(int[] pixels) {
        int[] acc = new int[hidden];
        for (int i = 0; i < PIXELS; i++) {
            int p = pixels[i];
            if (p == 0) {
                continue;
            }
            int row = i * hidden;
            for (int j = 0; j < hidden; j++) {
                acc[j] += p * w1[row + j];
            }
        }
        float[] units = new float[hidden];
        for (int j = 0; j < hidden; j++) {
            units[j] = Math.max(0f, acc[j] * (s1[j] / 255.0f) + b1[j]);
        }
        float[] scores = new float[classes];
        float top = -1e30f;
        for (int k = 0; k < classes; k++) {
            float z = 0;
            for (int j = 0; j < hidden; j++) {
                z += units[j] * w2[j * classes + k];
            }
            scores[k] = z * s2[k] + b2[k];
            top = Math.max(top, scores[k]);
        }
        float total = 0;
        for (int k = 0; k < classes; k++) {
            total += scores[k] = (float) Math.exp(scores[k] - top);
        }
        for (int k = 0; k < classes; k++) {
            scores[k] /= total;
        }
        return scores;
    }

    private static byte[] bytes(int[] values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}

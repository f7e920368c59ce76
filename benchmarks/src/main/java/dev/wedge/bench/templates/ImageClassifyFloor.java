package dev.wedge.bench.templates;

import dev.wedge.host.http.AppRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * image-classify in Java for a plain-text PGM body (the benchmark's input): parse, shrink to 28x28 by averaging,
 * darken a light background, the template's network ({@link FashionMlp}), and the top three labels as JSON.
 */
public final class ImageClassifyFloor implements JavaFloor {

    private static final int SIDE = FashionMlp.SIDE;
    private static final int PIXELS = FashionMlp.PIXELS;
    private static final int TOP = 3;
    private static final String[] LABELS = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
        "Sneaker", "Bag", "Ankle boot"};

    private final FashionMlp network = new FashionMlp();

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
        float[] scores = network.classify(pixels);
        StringBuilder json = new StringBuilder().append("{\"width\":").append(w).append(",\"height\":").append(h)
                .append(",\"labels\":[");
        boolean[] taken = new boolean[network.classes()];
        for (int n = 0; n < TOP; n++) {
            int best = -1;
            for (int k = 0; k < network.classes(); k++) {
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
}

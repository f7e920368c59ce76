package dev.wedge.bench.templates;

/**
 * The image-classify template's network in Java (apps/templates/image-classify/mlp.h over the weights of its
 * model.h): the int8 first layer summed in integers, the per-unit float scales, ReLU, the second layer, softmax;
 * the guest's arithmetic in the guest's order, so the scores are the guest's.
 */
public final class FashionMlp {

    /** The side of the square grey picture the network reads. */
    public static final int SIDE = 28;
    public static final int PIXELS = SIDE * SIDE;

    private final int hidden;
    private final int classes;
    private final byte[] w1;
    private final float[] s1;
    private final float[] b1;
    private final byte[] w2;
    private final float[] s2;
    private final float[] b2;

    public FashionMlp() {
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

    public int classes() {
        return classes;
    }

    /** The class scores (summing to 1) of {@link #PIXELS} grey values, 0 to 255, row by row. */
    public float[] classify(int[] pixels) {
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

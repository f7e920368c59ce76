package dev.wedge.bench.compute;

import dev.wedge.bench.templates.FashionMlp;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The compute suite's work: which guest and entry do it, its input, the same work in plain Java (the floor), and
 * how a guest's output is judged the floor's (byte for byte where both sides compute the same bytes).
 */
public enum Work {

    /** md4c, GitHub's dialect, on 10 KB of docs/abi.md; the floor is commonmark-java with GitHub's tables. */
    MARKDOWN("markdown", "run", Inputs::document, Work::commonmark) {
        @Override
        public String mismatch(byte[] guest, byte[] floor) {
            String a = Html.normalized(guest);
            String b = Html.normalized(floor);
            return a.equals(b) ? null : "the HTML differs from commonmark's after normalising: " + Html.firstDifference(a, b);
        }
    },
    /** SHA-256 of 1 MiB: our C implementation against MessageDigest. */
    SHA256("sha256", "run", Inputs::megabyte, Work::sha256),
    /** One inference of image-classify's network on its first sample; scores as little-endian floats. */
    MLP("mlp", "run", Inputs::garment, new MlpFloor()) {
        @Override
        public String mismatch(byte[] guest, byte[] floor) {
            float[] a = floats(guest);
            float[] b = floats(floor);
            for (int k = 0; k < b.length; k++) {
                if (a.length != b.length || Math.abs(a[k] - b[k]) > 1e-5f) {
                    return "scores " + Arrays.toString(a) + " where Java has " + Arrays.toString(b);
                }
            }
            return null;
        }
    },
    /** The area-average resize alone, 1280 x 800 RGB to 200 wide. */
    RESIZE("image", "resize", Inputs::rawPhoto, Work::resize),
    /**
     * A 1 MP JPEG to a 200-wide JPEG: stb's decoder and encoder in the guest, ImageIO's in Java, the same resize.
     * The encoders differ, so the pictures are compared decoded: same size, mean difference under 2 levels.
     */
    THUMBNAIL("image", "thumbnail", Inputs::photo, Work::thumbnail) {
        @Override
        public String mismatch(byte[] guest, byte[] floor) {
            byte[] a = Images.rgb(Images.decode(guest));
            byte[] b = Images.rgb(Images.decode(floor));
            if (a.length != b.length) {
                return "a picture of " + a.length / 3 + " pixels where Java's has " + b.length / 3;
            }
            long diff = 0;
            for (int i = 0; i < a.length; i++) {
                diff += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
            }
            double mean = (double) diff / a.length;
            return mean < 2 ? null : String.format(Locale.ROOT, "mean difference %.2f levels", mean);
        }
    };

    private final String guest;
    private final String entry;
    private final Supplier<byte[]> input;
    private final UnaryOperator<byte[]> floor;

    Work(String guest, String entry, Supplier<byte[]> input, UnaryOperator<byte[]> floor) {
        this.guest = guest;
        this.entry = entry;
        this.input = input;
        this.floor = floor;
    }

    public static Work named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The guest module (benchmarks/src/main/guests/NAME.c) doing this work. */
    public String guest() {
        return guest;
    }

    /** The guest's export doing it. */
    public String entry() {
        return entry;
    }

    /** A fresh copy of the input. */
    public byte[] input() {
        return input.get();
    }

    /** The work in plain Java. */
    public byte[] floor(byte[] in) {
        return floor.apply(in);
    }

    /** Why {@code guest}'s output is not the work {@code floor} did, or null when it is. */
    public String mismatch(byte[] guest, byte[] floor) {
        return Arrays.equals(guest, floor) ? null : "the output differs from the floor's, byte for byte";
    }

    private static final Parser MARKDOWN_PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();
    private static final HtmlRenderer MARKDOWN_RENDERER = HtmlRenderer.builder()
            .extensions(List.of(TablesExtension.create())).build();

    private static byte[] commonmark(byte[] markdown) {
        String html = MARKDOWN_RENDERER.render(MARKDOWN_PARSER.parse(new String(markdown, StandardCharsets.UTF_8)));
        return html.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resize(byte[] raw) {
        ByteBuffer in = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int w = in.getInt();
        int h = in.getInt();
        return AreaResize.resize(Arrays.copyOfRange(raw, 8, raw.length), w, h);
    }

    private static byte[] thumbnail(byte[] jpeg) {
        BufferedImage image = Images.decode(jpeg);
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] small = AreaResize.resize(Images.rgb(image), w, h);
        return Images.jpeg(Images.fromRgb(small, AreaResize.WIDTH, AreaResize.height(w, h)), 0.8f);
    }

    private static float[] floats(byte[] bytes) {
        float[] values = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    /** The network's scores as the guest answers them. */
    private static final class MlpFloor implements UnaryOperator<byte[]> {

        private final FashionMlp network = new FashionMlp();

        @Override
        public byte[] apply(byte[] grey) {
            int[] pixels = new int[grey.length];
            for (int i = 0; i < grey.length; i++) {
                pixels[i] = grey[i] & 0xff;
            }
            float[] scores = network.classify(pixels);
            ByteBuffer out = ByteBuffer.allocate(scores.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            out.asFloatBuffer().put(scores);
            return out.array();
        }
    }
}

package dev.wedge.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.server.TestHttp;
import dev.wedge.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The image-classify template (apps/templates/image-classify) as an http app on both engines: held-out
 * Fashion-MNIST images (the samples train.py wrote) are named correctly, sent as text PGM, as PNG (enlarged and
 * turned negative, as a photo on a light background would be) and as JPEG; what is not an image is 400, an image
 * over MAX_BYTES 413, and the node goes on answering.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageClassifyTemplateTest {

    private static final Path SAMPLES = TestNodes.REPO.resolve("apps/templates/image-classify/samples");
    /** The held-out samples' true labels (Fashion-MNIST t10k images 0 to 9). */
    private static final String[] TRUTH = {"Ankle boot", "Pullover", "Trouser", "Trouser", "Shirt", "Trouser",
        "Coat", "Shirt", "Sandal", "Sneaker"};

    private TemplateNodes nodes;

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        nodes = new TemplateNodes(vertx, """
                apps:
                  classify:
                    module: {templates}image-classify/image-classify.wasm
                    routes: [/classify]
                  small:
                    module: {templates}image-classify/image-classify.wasm
                    routes: [/small]
                    env: {MAX_BYTES: "4096", TOP: "10"}
                """);
    }

    @AfterAll
    void stop() {
        nodes.close();
    }

    static Iterable<String> engines() {
        return TemplateNodes.ENGINES;
    }

    private TestHttp.Reply post(String engine, String path, Buffer image) {
        return nodes.sendBytes(engine, HttpMethod.POST, "localhost", path, image, "content-type", "application/octet-stream");
    }

    /** The labels of a 200 answer, best first, after checking their scores are ordered probabilities. */
    private static JsonArray labels(TestHttp.Reply reply) {
        assertEquals("application/json", reply.header("content-type"));
        JsonArray labels = reply.json(200).getJsonArray("labels");
        double previous = 1, total = 0;
        for (int i = 0; i < labels.size(); i++) {
            double score = labels.getJsonObject(i).getDouble("score");
            assertTrue(score <= previous && score >= 0, "scores out of order: " + labels);
            previous = score;
            total += score;
        }
        assertTrue(total <= 1.001, "scores add up to more than 1: " + labels);
        return labels;
    }

    private static String best(TestHttp.Reply reply) {
        return labels(reply).getJsonObject(0).getString("label");
    }

    private static String sample(int index) throws IOException {
        return Files.readString(SAMPLES.resolve("test-" + index + ".pgm"));
    }

    /** The 28x28 grey pixels of a sample (plain PGM: header, then one number per pixel). */
    private static int[] pixels(int index) throws IOException {
        String[] words = sample(index).replaceAll("#[^\n]*", "").trim().split("\\s+");
        return Arrays.stream(words, 4, 4 + 28 * 28).mapToInt(Integer::parseInt).toArray();
    }

    /** The sample enlarged `factor` times (each pixel a square) and negative, encoded as `format`. */
    private static Buffer picture(int index, int factor, String format) throws IOException {
        int[] pixels = pixels(index);
        var image = new BufferedImage(28 * factor, 28 * factor, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28 * factor; y++) {
            for (int x = 0; x < 28 * factor; x++) {
                int grey = 255 - pixels[(y / factor) * 28 + x / factor];
                image.getRaster().setSample(x, y, 0, grey);
            }
        }
        var out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "no " + format + " writer");
        return Buffer.buffer(out.toByteArray());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void heldOutImagesAreNamed(String engine) throws IOException {
        for (int i = 0; i < TRUTH.length; i++) {
            TestHttp.Reply reply = post(engine, "/classify", Buffer.buffer(sample(i)));
            assertEquals(TRUTH[i], best(reply), "sample " + i + ": " + reply.body());
            assertEquals(3, labels(reply).size(), "TOP defaults to 3");
            assertTrue(reply.header("server-timing").startsWith("decode;dur="), reply.headers().toString());
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void enlargedNegativePngIsNamedAsTheOriginal(String engine) throws IOException {
        for (int i : new int[] {0, 1, 2, 8, 9}) {
            TestHttp.Reply reply = post(engine, "/classify", picture(i, 4, "png"));
            JsonObject answer = reply.json(200);
            assertEquals(112, answer.getInteger("width"));
            assertEquals(TRUTH[i], best(reply), "sample " + i + " as PNG: " + reply.body());
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void jpegIsRead(String engine) throws IOException {
        TestHttp.Reply reply = post(engine, "/classify", picture(2, 8, "jpg"));
        assertEquals(224, reply.json(200).getInteger("height"));
        assertEquals("Trouser", best(reply), reply.body());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void topListsEveryLabelWhenAskedTo(String engine) throws IOException {
        JsonArray labels = labels(post(engine, "/small", Buffer.buffer(sample(9))));
        assertEquals(10, labels.size());
        double total = labels.stream().mapToDouble(label -> ((JsonObject) label).getDouble("score")).sum();
        assertEquals(1.0, total, 0.01);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void whatIsNotAnImageIs400(String engine) throws IOException {
        byte[] png = picture(0, 4, "png").getBytes();
        Buffer[] bad = {
            Buffer.buffer("hello, this is text"),
            Buffer.buffer(Arrays.copyOf(png, png.length / 2)), // a PNG cut short
            Buffer.buffer(Arrays.copyOf(png, 16)), // only the signature and a header's start
            Buffer.buffer(sample(0).substring(0, 300)), // a PGM missing most pixels
            Buffer.buffer("P2\n99999 99999\n255\n1 2 3\n"), // a PGM claiming to be huge
            Buffer.buffer(),
        };
        for (Buffer body : bad) {
            TestHttp.Reply reply = post(engine, "/classify", body);
            assertEquals(400, reply.status(), () -> body.length() + " bytes: " + reply);
            assertTrue(reply.json(400).containsKey("error"), reply.body());
        }
        assertEquals(TRUTH[1], best(post(engine, "/classify", Buffer.buffer(sample(1)))), "still answering");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void anImageOverMaxBytesIs413(String engine) throws IOException {
        Buffer big = picture(0, 20, "png"); // 560x560: well over 4096 bytes
        assertTrue(big.length() > 4096, "test image too small: " + big.length());
        TestHttp.Reply reply = post(engine, "/small", big);
        assertEquals(413, reply.status(), reply::toString);
        assertEquals(TRUTH[0], best(post(engine, "/classify", big)), "the default MAX_BYTES takes it");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void getIs405(String engine) {
        TestHttp.Reply reply = nodes.get(engine, "localhost", "/classify");
        assertEquals(405, reply.status(), reply::toString);
        assertEquals("POST, PUT", reply.header("allow"));
    }
}

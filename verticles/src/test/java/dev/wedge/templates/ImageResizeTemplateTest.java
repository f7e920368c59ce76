package dev.wedge.templates;

import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.ConfigLoader;
import dev.wedge.config.NodeConfig;
import dev.wedge.node.Node;
import dev.wedge.observe.NodeMetrics;
import dev.wedge.server.TestHttp;
import dev.wedge.server.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The image templates on both engines, in front of a real {@link ImageOrigin}: image-resize as an http app that
 * fetches BASE + path ({@code /img/...}, {@code /marked/...}, {@code /small/...}), image-resize-cdn on the
 * response body of sites ({@code cdn.test} with an embedded watermark, {@code plain.test} without). Outputs are
 * decoded with ImageIO: their format, size and a few pixels are checked.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageResizeTemplateTest {

    /** A decoded answer, or its status and text when it is not an image. */
    private record Answer(int status, String type, String vary, byte[] bytes) {

        BufferedImage image(String expectedType) throws IOException {
            assertEquals(200, status, () -> new String(bytes, StandardCharsets.UTF_8));
            assertEquals(expectedType, type);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertNotNull(image, "not an image ImageIO reads");
            return image;
        }

        /** A WebP answer's header, checked to be 200 and image/webp first. */
        WebpHeader webp() {
            assertEquals(200, status, () -> new String(bytes, StandardCharsets.UTF_8));
            assertEquals("image/webp", type);
            return WebpHeader.parse(bytes);
        }

        String text(int expected) {
            String text = new String(bytes, StandardCharsets.UTF_8);
            assertEquals(expected, status, text);
            return text;
        }
    }

    private final Map<String, Node> nodes = new TreeMap<>();
    private ImageOrigin origin;
    private HttpClient client;

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        origin = new ImageOrigin(vertx);
        client = vertx.createHttpClient();
        String mark = Base64.getEncoder().encodeToString(origin.file("mark.png"));
        String site = "{urls: [" + origin.url() + "], allow-private: [127.0.0.1]}";
        for (String engine : TemplateSites.ENGINES) {
            // Generous deadlines: Chicory resizes slowly on a busy machine, and these tests are not about time.
            String yaml = """
                    server: {host: 127.0.0.1, port: 0, engine: %1$s}
                    admin: {port: 0}
                    apps:
                      img:
                        module: apps/templates/image-resize/image-resize.wasm
                        routes: [/img]
                        timeout-ms: 120000
                        env: {BASE: "%2$s", MAX_WIDTH: "1000"}
                        outbound: {allow-private: [127.0.0.1]}
                      marked:
                        module: apps/templates/image-resize/image-resize.wasm
                        routes: [/marked]
                        timeout-ms: 120000
                        env: {BASE: "%2$s", WATERMARK_URL: "%2$s/mark.png", OPACITY: "100",
                              WATERMARK_POSITION: top-left}
                        outbound: {allow-private: [127.0.0.1]}
                      small:
                        module: apps/templates/image-resize/image-resize.wasm
                        routes: [/small]
                        timeout-ms: 120000
                        env: {BASE: "%2$s", MAX_INPUT_MEGAPIXELS: "1", FORMAT: png}
                        outbound: {allow-private: [127.0.0.1]}
                      img-cdn:
                        module: apps/templates/image-resize-cdn/image-resize-cdn.wasm
                        routes: []
                        timeout-ms: 120000
                        env: {WATERMARK: "%3$s", OPACITY: "50"}
                      plain-cdn:
                        module: apps/templates/image-resize-cdn/image-resize-cdn.wasm
                        routes: []
                        timeout-ms: 120000
                      auto-cdn:
                        module: apps/templates/image-resize-cdn/image-resize-cdn.wasm
                        routes: []
                        timeout-ms: 120000
                        env: {FORMAT: auto}
                    sites:
                      cdn: {hosts: [cdn.test], origin: %4$s,
                            phases: {request-headers: img-cdn, response-body: img-cdn}}
                      plain: {hosts: [plain.test], origin: %4$s,
                              phases: {request-headers: plain-cdn, response-body: plain-cdn}}
                      auto: {hosts: [auto.test], origin: %4$s,
                             phases: {request-headers: auto-cdn, response-body: auto-cdn}}
                    """.formatted(engine, origin.url(), mark, site);
            NodeConfig config = ConfigLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                    "images.yaml", TestNodes.REPO, Map.of());
            nodes.put(engine, await(Node.start(vertx, config, (app, stream, level, text) -> { }, new NodeMetrics())));
        }
    }

    @AfterAll
    void stop() {
        nodes.values().forEach(node -> await(node.close()));
        await(client.close());
        origin.close();
    }

    private Answer get(String engine, String host, String uri, String... headers) {
        var options = TestHttp.request(HttpMethod.GET, nodes.get(engine).port(), uri, headers).addHeader("host", host);
        Future<Answer> answer = client.request(options).compose(request -> request.send().compose(response ->
                response.body().map(body -> new Answer(response.statusCode(), response.getHeader("content-type"),
                        response.getHeader("vary"), body.getBytes()))));
        return await(answer);
    }

    private Answer http(String engine, String uri) {
        return get(engine, "localhost", uri);
    }

    private static void assertContains(String fragment, String text) {
        assertTrue(text.contains(fragment), () -> "expected " + fragment + " in: " + text);
    }

    private static void assertSize(int width, int height, BufferedImage image) {
        assertEquals(width + "x" + height, image.getWidth() + "x" + image.getHeight());
    }

    /** Each channel of a pixel within a JPEG's tolerance of the colour expected. */
    private static void assertColour(int expected, int actual, String where) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int e = (expected >> shift) & 0xFF;
            int a = (actual >> shift) & 0xFF;
            assertTrue(Math.abs(e - a) <= 12, () -> where + ": expected ~"
                    + Integer.toHexString(expected & 0xFFFFFF) + ", got " + Integer.toHexString(actual & 0xFFFFFF));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void httpResizesAsTheQueryAsks(String engine) throws IOException {
        assertSize(160, 120, http(engine, "/img/photo.jpg?width=160").image("image/jpeg"));
        assertSize(120, 90, http(engine, "/img/photo.jpg?height=90&quality=30").image("image/jpeg"));
        assertSize(100, 75, http(engine, "/img/photo.jpg?width=100&height=100").image("image/jpeg"));
        assertSize(100, 100, http(engine, "/img/photo.jpg?width=100&height=100&fit=cover").image("image/jpeg"));
        assertSize(50, 80, http(engine, "/img/photo.jpg?width=50&height=80&fit=fill").image("image/jpeg"));
        BufferedImage converted = http(engine, "/img/photo.jpg?width=64&format=png").image("image/png");
        assertSize(64, 48, converted);
        assertColour(ImageOrigin.PHOTO, converted.getRGB(32, 24), "converted photo");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void pngKeepsItsTransparency(String engine) throws IOException {
        BufferedImage image = http(engine, "/img/photo.png?width=150").image("image/png");
        assertSize(150, 100, image);
        assertEquals(0, image.getRGB(10, 50) >>> 24, "left half stays transparent");
        assertEquals(0xFF, image.getRGB(140, 50) >>> 24, "right half stays opaque");
        assertColour(0xC03020, image.getRGB(140, 50), "right half");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void httpRefusesWhatIsOutOfBoundsOrNotAnImage(String engine) {
        assertContains("MAX_WIDTH", http(engine, "/img/photo.jpg?width=1001").text(400));
        assertContains("fit", http(engine, "/img/photo.jpg?fit=stretch").text(400));
        assertContains("width", http(engine, "/img/photo.jpg?width=-3").text(400));
        assertContains("format", http(engine, "/img/photo.jpg?format=gif").text(400));
        assertContains("no such image", http(engine, "/img/missing.jpg").text(404));
        assertContains("not a JPEG, PNG or WebP", http(engine, "/img/notes.txt").text(415));
        assertContains("format must be jpeg, png, webp, auto or same", http(engine, "/img/photo.jpg?format=gif").text(400));
        assertContains("MAX_INPUT_MEGAPIXELS", http(engine, "/small/big.png?width=10").text(413));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void formatSettingAndWatermarkUrl(String engine) throws IOException {
        assertSize(64, 48, http(engine, "/small/photo.jpg?width=64").image("image/png"));
        BufferedImage marked = http(engine, "/marked/photo.jpg?width=400").image("image/jpeg");
        assertSize(400, 300, marked);
        // The mark is scaled to a quarter of the width (100x50) and laid top-left after a margin of width/50.
        assertColour(0xFFFFFF, marked.getRGB(20, 20), "under the watermark");
        assertColour(ImageOrigin.PHOTO, marked.getRGB(200, 200), "away from the watermark");
        assertColour(ImageOrigin.PHOTO, marked.getRGB(380, 280), "bottom-right corner");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void cdnResizesTheOriginsImagesAndLaysTheEmbeddedMark(String engine) throws IOException {
        BufferedImage image = get(engine, "cdn.test", "/photo.jpg?width=200").image("image/jpeg");
        assertSize(200, 150, image);
        // bottom-right, 50% white over the photo; margin 4, mark 50x25
        int half = 0xFF000000 | ((0xFF + 0x14) / 2) << 16 | ((0xFF + 0x28) / 2) << 8 | (0xFF + 0x50) / 2;
        assertColour(half, image.getRGB(180, 135), "under the watermark");
        assertColour(ImageOrigin.PHOTO, image.getRGB(20, 20), "away from the watermark");
        assertSize(30, 20, get(engine, "cdn.test", "/photo.png?width=30&format=jpeg").image("image/jpeg"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void cdnPassesWhatItNeedNotTouchAndRefusesBadQueries(String engine) {
        Answer untouched = get(engine, "plain.test", "/photo.jpg");
        assertEquals(200, untouched.status());
        assertArrayEquals(origin.file("photo.jpg"), untouched.bytes(), "no query, no watermark: the origin's bytes");
        assertEquals("just text", get(engine, "plain.test", "/notes.txt?width=10").text(200));
        assertContains("MAX_WIDTH", get(engine, "plain.test", "/photo.jpg?width=2001").text(400));
        assertContains("quality", get(engine, "plain.test", "/photo.jpg?quality=0").text(400));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void httpEncodesWebpAndDecodesItBack(String engine) throws IOException {
        WebpHeader photo = http(engine, "/img/photo.jpg?width=160&format=webp&quality=60").webp();
        assertEquals(new WebpHeader("VP8 ", 160, 120, false), photo);
        Answer transparent = http(engine, "/img/photo.png?width=150&format=webp");
        assertEquals(new WebpHeader("VP8X", 150, 100, true), transparent.webp(), "lossy with an alpha chunk");

        // The WebP the template made, now served by the origin: decoded by the template, out as PNG and as WebP.
        origin.put("made-" + engine + ".webp", transparent.bytes());
        BufferedImage back = http(engine, "/img/made-" + engine + ".webp?format=png").image("image/png");
        assertSize(150, 100, back);
        assertEquals(0, back.getRGB(10, 50) >>> 24, "left half stays transparent through WebP");
        assertEquals(0xFF, back.getRGB(140, 50) >>> 24, "right half stays opaque through WebP");
        assertColour(0xC03020, back.getRGB(140, 50), "right half through WebP");
        assertEquals(new WebpHeader("VP8X", 60, 40, true),
                http(engine, "/img/made-" + engine + ".webp?width=60").webp(), "format same keeps WebP");
        assertContains("MAX_WIDTH", http(engine, "/img/made-" + engine + ".webp?width=1001").text(400));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void autoAnswersWebpToClientsThatAcceptIt(String engine) throws IOException {
        Answer webp = get(engine, "localhost", "/img/photo.jpg?width=80&format=auto", "accept", "image/avif,image/webp,*/*");
        assertEquals(new WebpHeader("VP8 ", 80, 60, false), webp.webp());
        assertEquals("Accept", webp.vary());
        Answer jpeg = get(engine, "localhost", "/img/photo.jpg?width=80&format=auto", "accept", "image/*");
        assertSize(80, 60, jpeg.image("image/jpeg"));
        assertEquals("Accept", jpeg.vary());
        // a quality of zero refuses a type (RFC 9110, 12.5.1); any other quality, and any case, accepts it
        assertSize(80, 60, get(engine, "localhost", "/img/photo.jpg?width=80&format=auto", "accept",
                "image/webp;q=0, image/jpeg").image("image/jpeg"));
        assertSize(80, 60, get(engine, "localhost", "/img/photo.jpg?width=80&format=auto", "accept",
                "image/jpeg, image/webp ; Q=0.000").image("image/jpeg"));
        assertEquals(new WebpHeader("VP8 ", 80, 60, false), get(engine, "localhost",
                "/img/photo.jpg?width=80&format=auto", "accept", "image/jpeg;q=0.9, Image/WebP;level=1;q=0.5").webp());
        assertEquals(null, http(engine, "/img/photo.jpg?width=80").vary(), "no negotiation, no Vary");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void cdnConvertsToAndFromWebp(String engine) throws IOException {
        assertEquals(new WebpHeader("VP8 ", 200, 150, false),
                get(engine, "plain.test", "/photo.jpg?width=200&format=webp").webp());
        Answer made = get(engine, "plain.test", "/photo.png?format=webp");
        assertEquals(new WebpHeader("VP8X", 300, 200, true), made.webp());
        origin.put("cdn-" + engine + ".webp", made.bytes());
        assertSize(30, 20, get(engine, "plain.test", "/cdn-" + engine + ".webp?width=30&format=png").image("image/png"));

        Answer negotiated = get(engine, "auto.test", "/photo.jpg?width=40", "accept", "image/webp,*/*");
        assertEquals(new WebpHeader("VP8 ", 40, 30, false), negotiated.webp());
        assertEquals("Accept", negotiated.vary());
        Answer untouched = get(engine, "auto.test", "/photo.jpg", "accept", "image/jpeg");
        assertEquals(200, untouched.status());
        assertArrayEquals(origin.file("photo.jpg"), untouched.bytes(), "no WebP asked, nothing else: the origin's bytes");
        assertEquals("Accept", untouched.vary());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aBrokenWebpIsRefused(String engine) {
        origin.put("broken.webp", "RIFF\u0010\0\0\0WEBPVP8 \u0004\0\0\0junk".getBytes(StandardCharsets.ISO_8859_1));
        assertContains("not a JPEG, PNG or WebP", http(engine, "/img/broken.webp?width=10").text(415));
        Answer passed = get(engine, "plain.test", "/broken.webp?width=10");
        assertEquals(200, passed.status());
        assertArrayEquals(origin.file("broken.webp"), passed.bytes(), "the CDN app passes what it cannot decode");
    }
}

package dev.wedge.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.io.ByteArrayInputStream;
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
 * The face-detect template (apps/templates/face-detect) as an http app on both engines, with the photos of its
 * samples/ folder: the astronaut's face is found (JPEG, PNG, text PGM) where it is, the cat, the coffee cup and
 * the rocket have none; ?draw=1 answers the photo with a green frame in the same format; what is not a photo is
 * 400, a photo over MAX_BYTES or MAX_PIXELS 413, a setting out of its bounds 500 naming it, and the node goes on.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaceDetectTemplateTest {

    private static final Path SAMPLES = TestNodes.REPO.resolve("apps/templates/face-detect/samples");
    /** Where the astronaut's face is in astronaut-head.jpg (128 x 128), from looking at the photo. */
    private static final int FACE_X = 67, FACE_Y = 66;

    private TemplateNodes nodes;

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        nodes = new TemplateNodes(vertx, """
                apps:
                  faces:
                    module: {templates}face-detect/face-detect.wasm
                    routes: [/faces]
                  small:
                    module: {templates}face-detect/face-detect.wasm
                    routes: [/small]
                    env: {MAX_BYTES: "6000", MAX_PIXELS: "20000", DRAW: "false"}
                  wrong:
                    module: {templates}face-detect/face-detect.wasm
                    routes: [/wrong]
                    env: {MIN_FACE: "5"}
                """);
    }

    @AfterAll
    void stop() {
        nodes.close();
    }

    static Iterable<String> engines() {
        return TemplateNodes.ENGINES;
    }

    private static Buffer sample(String name) throws IOException {
        return Buffer.buffer(Files.readAllBytes(SAMPLES.resolve(name)));
    }

    private TestHttp.Reply post(String engine, String path, Buffer body) {
        return nodes.sendBytes(engine, HttpMethod.POST, "localhost", path, body, "content-type",
                "application/octet-stream");
    }

    /** The faces of a 200 answer, after checking the picture's size and that each box is inside it. */
    private static JsonArray faces(TestHttp.Reply reply, int width, int height) {
        assertEquals("application/json", reply.header("content-type"));
        JsonObject answer = reply.json(200);
        assertEquals(width, answer.getInteger("width"), reply.body());
        assertEquals(height, answer.getInteger("height"), reply.body());
        JsonArray faces = answer.getJsonArray("faces");
        for (int i = 0; i < faces.size(); i++) {
            JsonObject face = faces.getJsonObject(i);
            assertTrue(face.getInteger("x") >= 0 && face.getInteger("x") + face.getInteger("w") <= width, reply.body());
            assertTrue(face.getInteger("y") >= 0 && face.getInteger("y") + face.getInteger("h") <= height, reply.body());
            double score = face.getDouble("score");
            assertTrue(score > 0 && score < 1, reply.body());
        }
        return faces;
    }

    /** Whether the one face found holds the point. */
    private static void oneFaceAround(JsonArray faces, int x, int y, String what) {
        assertEquals(1, faces.size(), what + ": " + faces);
        JsonObject face = faces.getJsonObject(0);
        assertTrue(face.getInteger("x") < x && x < face.getInteger("x") + face.getInteger("w"), what + ": " + faces);
        assertTrue(face.getInteger("y") < y && y < face.getInteger("y") + face.getInteger("h"), what + ": " + faces);
    }

    private static Buffer asPng(Buffer jpeg) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg.getBytes()));
        var out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, "png", out), "no png writer");
        return Buffer.buffer(out.toByteArray());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void theAstronautsFaceIsFound(String engine) throws IOException {
        TestHttp.Reply reply = post(engine, "/faces", sample("astronaut-head.jpg"));
        oneFaceAround(faces(reply, 128, 128), FACE_X, FACE_Y, "JPEG");
        assertTrue(reply.header("server-timing").startsWith("decode;dur="), reply.headers().toString());
        oneFaceAround(faces(post(engine, "/faces", asPng(sample("astronaut-head.jpg"))), 128, 128), FACE_X, FACE_Y,
                "PNG");
        oneFaceAround(faces(post(engine, "/faces", sample("astronaut-face.pgm")), 80, 80), 40, 42, "PGM");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void photosWithoutFacesHaveNone(String engine) throws IOException {
        assertEquals(0, faces(post(engine, "/faces", sample("chelsea.jpg")), 180, 134).size(), "the cat");
        assertEquals(0, faces(post(engine, "/faces", sample("coffee.jpg")), 180, 120).size(), "the coffee");
        assertEquals(0, faces(post(engine, "/faces", sample("rocket.jpg")), 214, 142).size(), "the rocket");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void drawFramesTheFaceInTheSameFormat(String engine) throws IOException {
        JsonObject face = faces(post(engine, "/faces", sample("astronaut-head.jpg")), 128, 128).getJsonObject(0);
        for (String format : new String[] {"jpeg", "png"}) {
            Buffer photo = format.equals("png") ? asPng(sample("astronaut-head.jpg")) : sample("astronaut-head.jpg");
            TemplateNodes.BytesReply reply = nodes.postForBytes(engine, "/faces?draw=1", photo);
            assertEquals(200, reply.status(), () -> reply.body().toString());
            assertEquals("image/" + format, reply.contentType());
            BufferedImage drawn = ImageIO.read(new ByteArrayInputStream(reply.body().getBytes()));
            assertNotNull(drawn, format + " answer is not an image");
            assertEquals(128, drawn.getWidth());
            // the middle of the frame's left edge is green; the photo there is not
            int x = face.getInteger("x"), y = face.getInteger("y") + face.getInteger("h") / 2;
            int rgb = drawn.getRGB(x, y), red = rgb >> 16 & 0xFF, green = rgb >> 8 & 0xFF, blue = rgb & 0xFF;
            assertTrue(green > 180 && red < 80 && blue < 120, format + " frame pixel " + Integer.toHexString(rgb));
            int before = ImageIO.read(new ByteArrayInputStream(photo.getBytes())).getRGB(x, y);
            assertTrue((before >> 8 & 0xFF) < 180 || (before >> 16 & 0xFF) > 80, "the photo was green already");
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void whatIsNotAPhotoIs400(String engine) throws IOException {
        byte[] jpeg = sample("astronaut-head.jpg").getBytes();
        Buffer[] bad = {
            Buffer.buffer("hello, this is text"),
            Buffer.buffer(Arrays.copyOf(jpeg, 40)), // a JPEG's header only
            Buffer.buffer("P2\n80 80\n255\n1 2 3\n"), // a PGM missing most pixels
            Buffer.buffer(),
        };
        for (Buffer body : bad) {
            TestHttp.Reply reply = post(engine, "/faces", body);
            assertEquals(400, reply.status(), () -> body.length() + " bytes: " + reply);
            assertTrue(reply.json(400).containsKey("error"), reply.body());
        }
        TestHttp.Reply draw = post(engine, "/faces?draw=maybe", sample("rocket.jpg"));
        assertTrue(draw.json(400).getString("error").contains("draw"), draw.body());
        assertEquals(0, faces(post(engine, "/faces", sample("rocket.jpg")), 214, 142).size(), "still answering");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void boundsAreKept(String engine) throws IOException {
        TestHttp.Reply big = post(engine, "/small", sample("coffee.jpg")); // 7 KB, over MAX_BYTES 6000
        assertTrue(big.json(413).getString("error").contains("MAX_BYTES"), big.body());
        TestHttp.Reply many = post(engine, "/small", sample("rocket.jpg")); // 214 x 142, over MAX_PIXELS 20000
        assertTrue(many.json(413).getString("error").contains("MAX_PIXELS"), many.body());
        TestHttp.Reply off = post(engine, "/small?draw=1", sample("astronaut-head.jpg"));
        assertTrue(off.json(400).getString("error").contains("DRAW"), off.body());
        oneFaceAround(faces(post(engine, "/small", sample("astronaut-head.jpg")), 128, 128), FACE_X, FACE_Y, "small");
        TestHttp.Reply wrong = post(engine, "/wrong", sample("astronaut-head.jpg"));
        assertTrue(wrong.json(500).getString("error").contains("MIN_FACE"), wrong.body());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void getIs405(String engine) {
        TestHttp.Reply reply = nodes.get(engine, "localhost", "/faces");
        assertEquals(405, reply.status(), reply::toString);
        assertEquals("POST, PUT", reply.header("allow"));
    }
}

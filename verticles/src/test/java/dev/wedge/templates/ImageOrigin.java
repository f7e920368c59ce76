package dev.wedge.templates;

import dev.wedge.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;

/**
 * A real origin of images on loopback for the image templates' tests, all drawn here at start: by the path's
 * last segment, {@code photo.jpg} (640x480, a flat {@link #PHOTO} colour), {@code photo.png} (300x200 RGBA, its
 * left half transparent), {@code big.png} (1200x900, 1.08 megapixels), {@code mark.png} (64x32 opaque white, the
 * watermark), {@code notes.txt} (text), what a test {@link #put}s (WebP files the templates made), anything else
 * 404.
 */
final class ImageOrigin implements AutoCloseable {

    /** The photo's colour: dark, so a white watermark stands out. */
    static final int PHOTO = 0x142850;

    private final HttpServer server;
    private final Map<String, Buffer> files = new ConcurrentHashMap<>();

    ImageOrigin(Vertx vertx) {
        files.putAll(Map.of("photo.jpg", encode(flat(640, 480, PHOTO, false), "jpg"),
                "photo.png", encode(halfTransparent(300, 200), "png"),
                "big.png", encode(flat(1200, 900, PHOTO, false), "png"),
                "mark.png", encode(flat(64, 32, 0xFFFFFF, true), "png")));
        server = TestNodes.await(vertx.createHttpServer().requestHandler(this::answer).listen(0, "127.0.0.1"));
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** The bytes the origin serves for a file name. */
    byte[] file(String name) {
        return files.get(name).getBytes();
    }

    /** Serves bytes under a file name from now on (its type by its extension). */
    void put(String name, byte[] bytes) {
        files.put(name, Buffer.buffer(bytes));
    }

    private void answer(HttpServerRequest request) {
        String name = request.path().substring(request.path().lastIndexOf('/') + 1);
        var response = request.response();
        Buffer file = files.get(name);
        if (name.equals("notes.txt")) {
            response.putHeader("content-type", "text/plain").end("just text");
        } else if (file == null) {
            response.setStatusCode(404).putHeader("content-type", "text/plain").end("no such file");
        } else {
            String type = name.endsWith(".jpg") ? "image/jpeg" : name.endsWith(".webp") ? "image/webp" : "image/png";
            response.putHeader("content-type", type).end(file);
        }
    }

    static BufferedImage flat(int width, int height, int rgb, boolean alpha) {
        var image = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, 0xFF000000 | rgb);
            }
        }
        return image;
    }

    private static BufferedImage halfTransparent(int width, int height) {
        var image = flat(width, height, 0xC03020, true);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width / 2; x++) {
                image.setRGB(x, y, 0x00000000);
            }
        }
        return image;
    }

    static Buffer encode(BufferedImage image, String format) {
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Buffer.buffer(out.toByteArray());
    }

    @Override
    public void close() {
        TestNodes.await(server.close());
    }
}

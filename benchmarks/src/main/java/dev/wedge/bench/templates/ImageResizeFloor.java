package dev.wedge.bench.templates;

import dev.wedge.bench.compute.Images;

import dev.wedge.host.http.AppRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * image-resize in Java for {@code ?width=N} of a JPEG: the same GET from the same loopback origin, ImageIO decode,
 * a bilinear scale to N pixels wide (the height in proportion), ImageIO's JPEG encoder at quality 80 (the
 * template's default). Other decoder, scaler and encoder than the template's, so the bytes are not compared.
 */
public final class ImageResizeFloor implements JavaFloor {

    private static final float QUALITY = 0.8f;

    private final TemplateOrigin origin;
    private final HttpClient client;

    public ImageResizeFloor(TemplateOrigin origin) {
        this.origin = origin;
        this.client = origin.vertx().createHttpClient();
    }

    @Override
    public byte[] handle(AppRequest request) {
        int width = Integer.parseInt(Query.param(request.query(), "width"));
        RequestOptions get = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(origin.url() + request.path());
        Buffer body = TemplateOrigin.await(
                client.request(get).compose(req -> req.send().compose(response -> response.body())));
        return resized(body.getBytes(), width);
    }

    /** {@code image} (a JPEG or PNG) {@code width} pixels wide, the height in proportion, as a JPEG. */
    static byte[] resized(byte[] image, int width) {
        try {
            BufferedImage original = ImageIO.read(new ByteArrayInputStream(image));
            int height = Math.max(1, Math.round((float) original.getHeight() * width / original.getWidth()));
            BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = scaled.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(original, 0, 0, width, height, null);
            g.dispose();
            return Images.jpeg(scaled, QUALITY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 1024 x 768 JPEG photo stand-in (gradients and discs, so it compresses like a picture, not a flat fill). */
    static byte[] samplePhoto() {
        BufferedImage image = new BufferedImage(1024, 768, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int r = x * 255 / image.getWidth();
                int g = y * 255 / image.getHeight();
                int b = (int) (127 + 127 * Math.sin((x * x + y * y) / 4000.0));
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return Images.jpeg(image, QUALITY);
    }
}

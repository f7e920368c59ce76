package dev.wedge.bench.templates;

import static dev.wedge.bench.templates.FloorParams.mediaType;
import static dev.wedge.bench.templates.FloorParams.split;

import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.host.proxywasm.Upstream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

/** The CDN templates that change the origin's body, in Java. */
final class BodyFloors {

    private BodyFloors() {}

    private static final String REWRITTEN_TYPES = "text/*, application/javascript, application/json, "
            + "application/xml, image/svg+xml";

    /** body-rewrite: Accept-Encoding off the request; each REPLACE pair applied to a text body, bytes as they are. */
    static CdnFloor bodyRewrite(Map<String, String> env) {
        FloorParams params = new FloorParams(env);
        return (request, origin) -> {
            Headers sent = request.headers().copy();
            sent.remove("accept-encoding");
            Upstream.Response answer = origin.forward(request.method(), FloorParams.target(request), sent);
            String encoding = answer.headers().get("content-encoding");
            String media = mediaType(answer.headers().get("content-type"));
            boolean identity = encoding == null || encoding.isBlank() || encoding.strip().equalsIgnoreCase("identity");
            List<String> types = split(params.get("CONTENT_TYPES", REWRITTEN_TYPES).toLowerCase(Locale.ROOT), ",");
            boolean text = !media.isEmpty() && types.stream().anyMatch(type -> type.equals(media)
                    || type.endsWith("/*") && media.startsWith(type.substring(0, type.length() - 1)));
            byte[] body = answer.body();
            if (identity && text) {
                for (String pair : FloorParams.entries(params.get("REPLACE"))) {
                    int arrow = pair.indexOf("=>");
                    if (arrow > 0) {
                        body = replaceAll(body, utf8(pair.substring(0, arrow).strip()),
                                utf8(pair.substring(arrow + 2).strip()));
                    }
                }
            }
            return new AppResponse(answer.status(), answer.headers(), body, null);
        };
    }

    private static byte[] replaceAll(byte[] body, byte[] find, byte[] replacement) {
        if (find.length == 0) {
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        int from = 0;
        for (int i = 0; i + find.length <= body.length;) {
            if (java.util.Arrays.equals(body, i, i + find.length, find, 0, find.length)) {
                out.write(body, from, i - from);
                out.writeBytes(replacement);
                i += find.length;
                from = i;
            } else {
                i++;
            }
        }
        out.write(body, from, body.length - from);
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * md2html: a Markdown answer rendered by commonmark-java into the same page (title: TITLE, else the first
     * heading, else the file name; HEAD in the head). Another renderer than the template's, so only the head of
     * the response is compared, not the HTML.
     */
    static CdnFloor md2html(Map<String, String> env) {
        FloorParams params = new FloorParams(env);
        Parser parser = Parser.builder().build();
        HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).build();
        TextContentRenderer text = TextContentRenderer.builder().build();
        return (request, origin) -> {
            Upstream.Response answer = FloorParams.passOn(request, origin);
            String type = mediaType(answer.headers().get("content-type"));
            if (!type.equals("text/markdown") && !type.equals("text/x-markdown")) {
                throw new IllegalArgumentException("the bench case's origin serves Markdown");
            }
            Node document = parser.parse(new String(answer.body(), StandardCharsets.UTF_8));
            String title = HelloPageFloor.escape(params.get("TITLE"));
            if (title.isEmpty()) {
                Node heading = document.getFirstChild();
                while (heading != null && !(heading instanceof Heading)) {
                    heading = heading.getNext();
                }
                title = heading != null ? HelloPageFloor.escape(text.render(heading).strip())
                        : HelloPageFloor.escape(request.path().substring(request.path().lastIndexOf('/') + 1));
            }
            String head = params.get("HEAD");
            String page = "<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + title
                    + "</title>\n" + (head.isEmpty() ? "" : head + "\n") + "</head>\n<body>\n"
                    + renderer.render(document) + "</body>\n</html>\n";
            Headers headers = answer.headers();
            headers.set("content-type", "text/html; charset=utf-8");
            return new AppResponse(answer.status(), headers, utf8(page), null);
        };
    }

    /**
     * image-resize-cdn for {@code ?width=N} of a JPEG: ImageIO decode, bilinear scale, JPEG at quality 80 (as the
     * http image-resize's floor); other codecs than the template's, so only the head is compared.
     */
    static CdnFloor imageResize(Map<String, String> env) {
        return (request, origin) -> {
            Upstream.Response answer = FloorParams.passOn(request, origin);
            if (!mediaType(answer.headers().get("content-type")).equals("image/jpeg")) {
                throw new IllegalArgumentException("the bench case's origin serves a JPEG");
            }
            int width = Integer.parseInt(Query.param(request.query(), "width"));
            Headers headers = answer.headers();
            headers.set("content-type", "image/jpeg");
            return new AppResponse(answer.status(), headers, ImageResizeFloor.resized(answer.body(), width), null);
        };
    }
}

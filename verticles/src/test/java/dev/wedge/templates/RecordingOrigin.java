package dev.wedge.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real origin on loopback for the templates' tests. It records every request it receives (before answering,
 * so a client that got its answer finds its request here) and answers as the query asks: {@code type} the
 * content type, {@code cc} a Cache-Control, {@code vary} a Vary, {@code cookie} (repeatable) a Set-Cookie each,
 * {@code status} the status. The body is the
 * Markdown document {@code /templates/markdown/NAME.md} (a test resource) for {@code /md/NAME[.md]}, its HTML
 * ({@code NAME.html}, as text/html) for {@code /html/NAME}, "variant B"
 * for the host {@code b.*} or a path under {@code /variant-b/}, and what it received otherwise.
 */
final class RecordingOrigin implements AutoCloseable {

    /** A request as the origin received it. */
    record Received(String method, String uri, String host, MultiMap headers) {
        String header(String name) {
            return headers.get(name);
        }
    }

    private final HttpServer server;
    private final Queue<Received> received = new ConcurrentLinkedQueue<>();

    RecordingOrigin(Vertx vertx) throws Exception {
        server = vertx.createHttpServer().requestHandler(this::answer).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** The requests whose path and query start with {@code prefix}. */
    List<Received> received(String prefix) {
        return received.stream().filter(request -> request.uri().startsWith(prefix)).toList();
    }

    /** The one request whose path and query start with {@code prefix}. */
    Received receivedOnce(String prefix) {
        List<Received> matching = received(prefix);
        assertEquals(1, matching.size(), "requests to " + prefix + ": " + matching);
        return matching.get(0);
    }

    private void answer(HttpServerRequest request) {
        String host = request.getHeader("host");
        received.add(new Received(request.method().name(), request.uri(), host,
                MultiMap.caseInsensitiveMultiMap().addAll(request.headers())));
        var response = request.response();
        String status = request.getParam("status");
        response.setStatusCode(status == null ? 200 : Integer.parseInt(status));
        copyParam(request, "type", "content-type");
        copyParam(request, "cc", "cache-control");
        copyParam(request, "vary", "vary");
        request.params().getAll("cookie").forEach(cookie -> response.headers().add("set-cookie", cookie));
        String path = request.path();
        if (path.startsWith("/md/")) {
            String document = markdown(path.substring(4).replaceFirst("\\.md$", ""));
            if (document == null) {
                response.setStatusCode(404).end("no test document " + path);
            } else {
                response.end(document);
            }
        } else if (path.startsWith("/html/")) {
            String document = resource(path.substring(6) + ".html");
            if (document == null) {
                response.setStatusCode(404).end("no test document " + path);
            } else {
                response.putHeader("content-type", "text/html; charset=utf-8").end(document);
            }
        } else if ((host != null && host.startsWith("b.")) || path.startsWith("/variant-b/")) {
            response.end("variant B: " + request.method() + " " + request.uri());
        } else {
            response.end("origin: " + request.method() + " " + request.uri());
        }
    }

    private static void copyParam(HttpServerRequest request, String param, String header) {
        String value = request.getParam(param);
        if (value != null) {
            request.response().putHeader(header, value);
        }
    }

    /** A Markdown test document; null when there is none of that name. */
    static String markdown(String name) {
        return resource(name + ".md");
    }

    /** The HTML of a test document (cmark's rendering of its Markdown); null when there is none of that name. */
    static String html(String name) {
        return resource(name + ".html");
    }

    /** A file of the test documents' folder; null when there is none of that name. */
    private static String resource(String file) {
        try (InputStream in = RecordingOrigin.class.getResourceAsStream("/templates/markdown/" + file)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}

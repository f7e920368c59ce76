package dev.wedge.templates;

import dev.wedge.server.TestNodes;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real origin on loopback for the CDN templates' tests. It remembers the last request for each path (method,
 * path with query, headers, body), and answers by the path's end: {@code .../status/NNN} that status with a
 * plain-text error body ({@code .../status/NNN/empty} without one), {@code page.html}, {@code data.json},
 * {@code data.bin} and {@code packed.html} (claims gzip) a text with links to rewrite, anything else 200
 * "origin ok". Tests give each request its own path, so what one left is not read by another.
 */
final class TemplateOrigin implements AutoCloseable {

    /** What the origin received. */
    record Seen(String method, String target, MultiMap headers, String body) {}

    /** The text the content routes answer with. */
    static final String TEXT = "<a href=\"http://old.example/x\">Old Name</a> and http://old.example again";

    private static final Pattern STATUS = Pattern.compile(".*/status/(\\d{3})(/empty)?");

    private final HttpServer server;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    TemplateOrigin(Vertx vertx) {
        server = TestNodes.await(vertx.createHttpServer().requestHandler(this::answer).listen(0, "127.0.0.1"));
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** The last request the origin received for a path (without query), or null when none came. */
    Seen seen(String path) {
        return seen.get(path);
    }

    private void answer(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            seen.put(request.path(), new Seen(request.method().name(), request.uri(),
                    MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), body.toString()));
            var response = request.response().putHeader("x-powered-by", "origin")
                    .putHeader("x-origin-secret", "s3cret").putHeader("cache-control", "no-cache");
            Matcher status = STATUS.matcher(request.path());
            if (status.matches()) {
                response.setStatusCode(Integer.parseInt(status.group(1))).putHeader("retry-after", "30")
                        .putHeader("content-type", "text/plain");
                response.end(status.group(2) != null ? "" : "origin error page: stack trace and secrets");
                return;
            }
            String name = request.path().substring(request.path().lastIndexOf('/') + 1);
            String type = switch (name) {
                case "page.html", "packed.html" -> "text/html; charset=utf-8";
                case "data.json" -> "application/json";
                case "data.bin" -> "application/octet-stream";
                default -> null;
            };
            if (type == null) {
                response.putHeader("content-type", "text/plain").end("origin ok");
                return;
            }
            if (name.equals("packed.html")) {
                response.putHeader("content-encoding", "gzip");
            }
            response.putHeader("content-type", type).end(TEXT);
        });
    }

    @Override
    public void close() {
        TestNodes.await(server.close());
    }
}

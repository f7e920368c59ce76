package dev.wedge.cdn;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A real origin on loopback for CDN apps' tests: it answers what it received (method, path, the headers named
 * {@code x-*}, the body) as text, with headers a filter may change, and {@code /verdict} (a callout's target)
 * with "allow".
 */
final class CdnOrigin implements AutoCloseable {

    private final HttpServer server;

    CdnOrigin(Vertx vertx) throws Exception {
        server = vertx.createHttpServer().requestHandler(CdnOrigin::answer).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    int port() {
        return server.actualPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    private static void answer(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            if (request.path().startsWith("/verdict")) {
                request.response().putHeader("x-judge", "yes").end("allow");
                return;
            }
            Map<String, String> seen = new TreeMap<>();
            request.headers().forEach(header -> {
                if (header.getKey().toLowerCase().startsWith("x-")) {
                    seen.merge(header.getKey().toLowerCase(), header.getValue(), (a, b) -> a + "|" + b);
                }
            });
            String text = "origin saw " + request.method() + " " + request.uri() + " host=" + request.getHeader("host")
                    + " headers=" + seen + " body=" + body.toString();
            request.response().setStatusCode(request.path().startsWith("/missing") ? 404 : 200)
                    .putHeader("content-type", "text/plain").putHeader("x-origin-secret", "s3cret")
                    .putHeader("x-origin-header", "o").end(text);
        });
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}

package dev.wedge.cdn;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real origin on loopback for the cache's tests, counting its requests by path: it answers with the query's
 * {@code cc} as Cache-Control and {@code tag} as Surrogate-Key, and a body saying how many requests the path had
 * and the request's {@code x-filter} header, with {@code x-origin-header: o}; {@code /verdict} (a callout's target) answers "allow", cacheable.
 * While {@link #gate} is set, answers wait for it.
 */
final class CountingOrigin implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    volatile Promise<Void> gate;

    CountingOrigin(Vertx vertx) throws Exception {
        server = vertx.createHttpServer().requestHandler(this::answer).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    String hostPort() {
        return "127.0.0.1:" + server.actualPort();
    }

    int count(String path) {
        return counts.getOrDefault(path, new AtomicInteger()).get();
    }

    private void answer(HttpServerRequest request) {
        int n = counts.computeIfAbsent(request.path(), path -> new AtomicInteger()).incrementAndGet();
        Promise<Void> waiting = gate;
        (waiting == null ? Future.<Void>succeededFuture() : waiting.future()).onComplete(go -> {
            var response = request.response().putHeader("content-type", "text/plain").putHeader("x-origin-header", "o");
            if (request.path().startsWith("/verdict")) {
                response.putHeader("cache-control", "max-age=600").end("allow");
                return;
            }
            if (request.getParam("cc") != null) {
                response.putHeader("cache-control", request.getParam("cc"));
            }
            if (request.getParam("tag") != null) {
                response.putHeader("surrogate-key", request.getParam("tag"));
            }
            response.end("origin answer " + n + " x-filter=" + request.getHeader("x-filter"));
        });
    }

    @Override
    public void close() throws Exception {
        server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}

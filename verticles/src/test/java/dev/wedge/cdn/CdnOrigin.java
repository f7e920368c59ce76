package dev.wedge.cdn;

import dev.wedge.host.net.AddressPolicy;
import dev.wedge.host.outbound.OutboundSettings;
import dev.wedge.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A real origin on loopback for CDN apps' tests: it answers what it received (method, path, the headers named
 * {@code x-*}, the body) as text, with headers a filter may change, {@code /verdict} (a callout's target)
 * with "allow", and {@code /big} with {@link #BIG_CHUNKS} KiB.
 */
final class CdnOrigin implements AutoCloseable {

    /** {@code /big} answers this many KiB. */
    static final int BIG_CHUNKS = 256;

    private final HttpServer server;

    CdnOrigin(Vertx vertx) throws Exception {
        server = vertx.createHttpServer().requestHandler(CdnOrigin::answer).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Outbound settings that let an app reach this origin (loopback is private: refused unless allowed). */
    static OutboundSettings reachable() {
        return reachable(OutboundSettings.DEFAULT.maxRequests());
    }

    /** Loopback allowed, and at most {@code maxRequests} outbound calls (callouts) per request. */
    static OutboundSettings reachable(int maxRequests) {
        OutboundSettings defaults = OutboundSettings.DEFAULT;
        return new OutboundSettings(defaults.allowHosts(), new AddressPolicy(List.of(TestNodes.cidr("127.0.0.1"))),
                maxRequests, defaults.maxResponseBytes(), defaults.timeout(), defaults.maxRedirects(),
                defaults.propagateHeaders());
    }

    int port() {
        return server.actualPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    private static void answer(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            if (request.path().startsWith("/big")) { // written in chunks, without a length
                var response = request.response().setChunked(true).putHeader("content-type", "text/plain");
                for (int i = 0; i < BIG_CHUNKS; i++) {
                    response.write("x".repeat(1024));
                }
                response.end();
                return;
            }
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

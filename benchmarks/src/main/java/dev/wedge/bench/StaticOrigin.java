package dev.wedge.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;

/**
 * The origin of the CDN benchmark (benchmarks/cdn/run.sh): a plain Vert.x server answering every request with one
 * text page of a given size, with a Content-Length, so a body filter has words to rewrite, fresh for a minute so a
 * cache in front of it serves hits.
 * {@code java -cp benchmarks.jar dev.wedge.bench.StaticOrigin PORT BYTES}.
 */
public final class StaticOrigin extends VerticleBase {

    private final int port;
    private final Buffer page;

    private StaticOrigin(int port, Buffer page) {
        this.port = port;
        this.page = page;
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer()
                .requestHandler(request -> request.response()
                        .putHeader("content-type", "text/html; charset=utf-8")
                        .putHeader("cache-control", "public, max-age=60")
                        .end(page))
                .listen(port, "127.0.0.1");
    }

    /** A page of {@code bytes} bytes (at least one line) saying where it came from, so "origin" occurs often. */
    static Buffer page(int bytes) {
        String line = "<p>served by the origin</p>\n";
        var text = new StringBuilder(bytes + line.length());
        while (text.length() < bytes) {
            text.append(line);
        }
        return Buffer.buffer(text.substring(0, Math.max(bytes, line.length())));
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Buffer page = page(Integer.parseInt(args[1]));
        Vertx.vertx().deployVerticle(() -> new StaticOrigin(port, page),
                new DeploymentOptions().setInstances(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE))
                .onSuccess(id -> System.out.println("origin on http://127.0.0.1:" + port + "/, "
                        + page.length() + " bytes a page"))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }
}

package dev.wedge.cli;

import dev.wedge.cli.Fixture.OriginAnswer;
import dev.wedge.host.http.Headers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real origin on loopback for one fixture: it answers every request with the fixture's {@code response} and
 * keeps the first request it received, for {@code expect.origin}.
 */
final class FixtureOrigin {

    /** What the origin received: {@code uri} is the path with its query, as sent. */
    record Received(String method, String uri, Headers headers, byte[] body) {}

    private final HttpServer server;
    private final AtomicReference<Received> received = new AtomicReference<>();

    private FixtureOrigin(HttpServer server) {
        this.server = server;
    }

    /** Listening on 127.0.0.1, on a port of the system's choice. */
    static Future<FixtureOrigin> start(Vertx vertx, OriginAnswer answer) {
        HttpServer server = vertx.createHttpServer();
        var origin = new FixtureOrigin(server);
        server.requestHandler(request -> origin.answer(request, answer));
        return server.listen(0, "127.0.0.1").map(listening -> origin);
    }

    String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** The first request, or null when none came. */
    Received received() {
        return received.get();
    }

    private void answer(HttpServerRequest request, OriginAnswer answer) {
        request.body().onComplete(body -> {
            var headers = new Headers();
            request.headers().forEach(header -> headers.add(header.getKey(), header.getValue()));
            received.compareAndSet(null, new Received(request.method().name(), request.uri(), headers,
                    body.succeeded() ? body.result().getBytes() : new byte[0]));
            var response = request.response().setStatusCode(answer.status());
            answer.headers().forEach(response::putHeader);
            response.end(answer.body());
        });
    }

    Future<Void> close() {
        return server.close();
    }
}

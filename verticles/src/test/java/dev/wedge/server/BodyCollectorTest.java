package dev.wedge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.lang.ref.WeakReference;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A collected body is the caller's alone once it is in: nothing the collector set up keeps it alive. */
class BodyCollectorTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    @Test
    void theStallTimerGoesWithTheBodyNotAfterItsWindow() throws Exception {
        var collector = new BodyCollector(vertx, Duration.ofHours(1));
        var collected = new AtomicReference<WeakReference<Buffer>>();
        HttpServer server = vertx.createHttpServer()
                .requestHandler(request -> collector.collect(request, 1 << 20).onComplete(body -> {
                    collected.set(new WeakReference<>(body.result()));
                    request.response().end(String.valueOf(body.result().length()));
                }))
                .listen(0, "127.0.0.1")
                .await(30, TimeUnit.SECONDS);
        HttpClient client = vertx.createHttpClient();
        var reply = TestHttp.exchange(client,
                        TestHttp.request(HttpMethod.POST, server.actualPort(), "/", "connection", "close"),
                        Buffer.buffer("x".repeat(100_000)))
                .await(30, TimeUnit.SECONDS);
        assertEquals("100000", reply.body(200));
        client.close().await(30, TimeUnit.SECONDS);
        server.close().await(30, TimeUnit.SECONDS);

        // An hour-long timer left armed would hold the body until it fired; a cancelled one lets it go.
        for (int collections = 0; collections < 50 && collected.get().get() != null; collections++) {
            System.gc();
        }
        assertTrue(collected.get().get() == null, "the body is still reachable after the exchange ended");
    }

    @Test
    void aHeadWhoseDecoderStillWaitsForABodyKeepsItsStallTimer() throws Exception {
        var collector = new BodyCollector(vertx, Duration.ofMillis(200));
        HttpServer server = vertx.createHttpServer(StrictHttp.options())
                .requestHandler(request -> collector.collect(request, 1 << 20).onComplete(body -> request.response()
                        .setStatusCode(body.cause() instanceof BodyStalled ? 408 : 200).end()))
                .listen(0, "127.0.0.1")
                .await(30, TimeUnit.SECONDS);
        // No Content-Length, yet Netty reads 8 more bytes after a GET with both Hixie-76 keys: without a timer
        // the request would wait for them as long as the client keeps the connection.
        try (Socket socket = RawHttp.open(server.actualPort(),
                "GET / HTTP/1.1\r\nHost: a\r\nSec-WebSocket-Key1: 1\r\nSec-WebSocket-Key2: 2\r\n\r\n")) {
            assertEquals(408, RawHttp.next(socket.getInputStream()).status());
        }
        try (Socket socket = RawHttp.open(server.actualPort(), "GET / HTTP/1.1\r\nHost: a\r\n\r\n")) {
            assertEquals(200, RawHttp.next(socket.getInputStream()).status(), "a plain GET ends with its head");
        }
    }
}

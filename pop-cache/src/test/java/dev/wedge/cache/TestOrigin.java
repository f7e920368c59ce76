package dev.wedge.cache;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.WriteStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real origin on loopback that counts its requests by path, and the cache's {@link Origin} reaching it over a
 * Vert.x client. What it answers is in the query: {@code cc} (Cache-Control), {@code etag}, {@code lm}
 * (Last-Modified), {@code expires}, {@code vary}, {@code tag} (Surrogate-Key), {@code status}, {@code size} (a body
 * of that many bytes, chunked), {@code cookie}; a matching If-None-Match or If-Modified-Since gets a 304. The
 * body says how many requests the path has had, so a test sees which answer it got. {@link #failing} makes it
 * answer 500.
 */
final class TestOrigin implements AutoCloseable {

    private final Vertx vertx;
    private final HttpServer server;
    private final HttpClient client;
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    final Map<String, MultiMap> lastHeaders = new ConcurrentHashMap<>();
    volatile boolean failing;
    /** While set, answers wait for it: concurrent requests pile up behind the first one. */
    volatile Promise<Void> gate;

    TestOrigin(Vertx vertx) throws Exception {
        this.vertx = vertx;
        this.server = vertx.createHttpServer().requestHandler(this::answer).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        this.client = vertx.createHttpClient();
    }

    int count(String path) {
        return counts.getOrDefault(path, new AtomicInteger()).get();
    }

    private void answer(HttpServerRequest request) {
        int n = counts.computeIfAbsent(request.path(), path -> new AtomicInteger()).incrementAndGet();
        lastHeaders.put(request.path(), MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
        Promise<Void> waiting = gate;
        (waiting == null ? Future.<Void>succeededFuture() : waiting.future()).onComplete(go -> respond(request, n));
    }

    private void respond(HttpServerRequest request, int n) {
        var response = request.response();
        if (failing) {
            response.setStatusCode(500).end("down");
            return;
        }
        MultiMap query = request.params();
        put(response.headers(), "cache-control", query.get("cc"));
        put(response.headers(), "etag", query.get("etag"));
        put(response.headers(), "last-modified", query.get("lm"));
        put(response.headers(), "expires", query.get("expires"));
        put(response.headers(), "vary", query.get("vary"));
        put(response.headers(), "surrogate-key", query.get("tag"));
        put(response.headers(), "set-cookie", query.get("cookie"));
        String etag = query.get("etag");
        String lm = query.get("lm");
        if (etag != null && etag.equals(request.getHeader("if-none-match"))
                || etag == null && lm != null && lm.equals(request.getHeader("if-modified-since"))) {
            response.setStatusCode(304).end();
            return;
        }
        response.setStatusCode(query.get("status") == null ? 200 : Integer.parseInt(query.get("status")));
        if (query.get("size") != null) {
            int size = Integer.parseInt(query.get("size"));
            response.setChunked(true);
            for (int written = 0; written < size; written += 1000) {
                response.write("y".repeat(Math.min(1000, size - written)));
            }
            response.end();
            return;
        }
        response.end("answer " + n + " to " + request.method() + " accept=" + request.getHeader("accept"));
    }

    private static void put(MultiMap headers, String name, String value) {
        if (value != null) {
            headers.set(name, value);
        }
    }

    /** The cache's way to this origin for a request to {@code target}. */
    Origin origin(String target) {
        return (method, headers, stream) -> {
            Promise<Reply> done = Promise.promise();
            var options = new RequestOptions().setMethod(HttpMethod.valueOf(method)).setHost("127.0.0.1")
                    .setPort(server.actualPort()).setURI(target).setHeaders(headers.copy().remove("host"));
            vertx.runOnContext(start -> client.request(options).compose(sent -> sent.send())
                    .compose(response -> stream ? head(response) : whole(response)).onComplete(done));
            return done.future();
        };
    }

    private static Future<Reply> whole(HttpClientResponse response) {
        return response.body().map(body -> new Reply(response.statusCode(), copy(response.headers()),
                body.getBytes()));
    }

    private static Future<Reply> head(HttpClientResponse response) {
        response.pause();
        Context context = Vertx.currentContext();
        return Future.succeededFuture(new Reply(response.statusCode(), copy(response.headers()), new byte[0],
                new BodyStream() {
                    @Override
                    public Future<Void> pipeTo(WriteStream<Buffer> out) {
                        Promise<Void> piped = Promise.promise();
                        context.runOnContext(go -> response.pipe().endOnFailure(false).to(out).onComplete(piped));
                        return piped.future();
                    }

                    @Override
                    public void discard() {
                        context.runOnContext(stop -> response.request().reset());
                    }
                }));
    }

    private static MultiMap copy(MultiMap headers) {
        return MultiMap.caseInsensitiveMultiMap().addAll(headers).remove("content-length")
                .remove("transfer-encoding");
    }

    @Override
    public void close() throws Exception {
        client.close();
        server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}

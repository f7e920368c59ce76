package dev.wedge.server;

import dev.wedge.host.http.Headers;
import dev.wedge.host.http.StreamedBody;
import dev.wedge.host.net.Pinned;
import dev.wedge.host.proxywasm.Upstream;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.WriteStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The node's one HTTP client for CDN apps' origins and callouts ({@link Upstream}), on the event loops; a
 * response past its size limit fails. It connects to the address the runner checked against the outbound
 * address policy ({@code run/Destinations}), never to one it looks up itself. Each {@link Upstream.Pool} (a
 * site's {@code pool-size}) gets a client of its own, whose per-address bound no other pool's requests use up.
 */
public final class OriginClient implements Upstream {

    private final Vertx vertx;
    private final Map<Pool, HttpClient> clients = new ConcurrentHashMap<>();
    private final boolean streams;

    /** A client that buffers every response ({@code wedge call}, tests of whole responses). */
    public OriginClient(Vertx vertx) {
        this(vertx, false);
    }

    /** @param streams whether {@link #open} leaves bodies to stream (a node's front pipes them to clients) */
    public OriginClient(Vertx vertx, boolean streams) {
        this.vertx = vertx;
        this.streams = streams;
    }

    /** Requests past the pool's bound wait in Vert.x's queue for a connection of that pool. */
    private HttpClient client(Pool pool) {
        return clients.computeIfAbsent(pool, key -> vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(key.size())));
    }

    @Override
    public Future<Response> send(Request request) {
        return start(request, response -> gather(response, request.maxResponseBytes()));
    }

    @Override
    public Future<Response> open(Request request) {
        return streams ? start(request, OriginClient::head) : send(request);
    }

    private Future<Response> start(Request request, Function<HttpClientResponse, Future<Response>> read) {
        var options = new RequestOptions().setMethod(HttpMethod.valueOf(request.method()))
                .setAbsoluteURI(request.url().toString())
                .setIdleTimeout(request.timeout().toMillis())
                .setConnectTimeout(request.connectTimeout().toMillis());
        if (request.address() != null) { // connect where the policy checked, not where the name points now
            int port = request.url().getPort() > 0 ? request.url().getPort()
                    : request.url().getScheme().equalsIgnoreCase("https") ? 443 : 80;
            options.setServer(Pinned.address(request.address(), port));
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> header : request.headers().entries()) {
            headers.add(header.getKey(), header.getValue());
        }
        options.setHeaders(headers);
        // Started on an event loop, so that the response's handlers are set before its body can arrive: from a
        // worker thread the callbacks ran after small responses had ended ("Response already ended").
        Promise<Response> done = Promise.promise();
        HttpClient client = client(request.pool());
        vertx.runOnContext(start -> client.request(options)
                .compose(sent -> sent.send(Buffer.buffer(request.body())))
                .compose(read)
                .onComplete(done));
        return done.future();
    }

    /**
     * The whole response. A declared length past the limit is refused before reading; a chunked body is read
     * (Vert.x gathers it; reading it chunk by chunk raced the end of small responses) and then checked.
     */
    private static Future<Response> gather(HttpClientResponse response, long limit) {
        String declared = response.getHeader("content-length");
        if (declared != null && declared.chars().allMatch(Character::isDigit) && declared.length() < 19
                && Long.parseLong(declared) > limit) {
            response.request().reset();
            return Future.failedFuture(new TooLarge("the response declares " + declared + " bytes, past " + limit));
        }
        return response.body().compose(body -> {
            if (body.length() > limit) {
                return Future.failedFuture(new TooLarge("the response passed " + limit + " bytes"));
            }
            var headers = new Headers();
            response.headers().forEach(header -> headers.add(header.getKey(), header.getValue()));
            return Future.succeededFuture(new Response(response.statusCode(), headers, body.getBytes()));
        });
    }

    /** The head, the body paused in Vert.x's inbound queue (bounded: the origin is held back) until piped. */
    private static Future<Response> head(HttpClientResponse response) {
        response.pause();
        var headers = new Headers();
        response.headers().forEach(header -> headers.add(header.getKey(), header.getValue()));
        return Future.succeededFuture(new Response(response.statusCode(), headers, new byte[0],
                new Streamed(Vertx.currentContext(), response)));
    }

    /** An origin's body piped on the event loop its connection belongs to, as Vert.x streams want. */
    private record Streamed(Context context, HttpClientResponse response) implements StreamedBody {

        @Override
        public Future<Void> pipeTo(WriteStream<Buffer> out) {
            Promise<Void> done = Promise.promise();
            // not ended on a failure: a body cut short must not look whole to the client
            context.runOnContext(start -> response.pipe().endOnFailure(false).to(out).onComplete(done));
            return done.future().onFailure(failed -> discard());
        }

        @Override
        public void discard() {
            context.runOnContext(stop -> {
                response.exceptionHandler(ignored -> { }); // the reset is ours: not an error to log
                response.request().reset();
            });
        }
    }

    public Future<Void> close() {
        return Future.join(clients.values().stream().map(HttpClient::close).toList()).mapEmpty();
    }
}

package dev.wedge.server;

import dev.wedge.host.http.Headers;
import dev.wedge.host.net.Pinned;
import dev.wedge.host.proxywasm.Upstream;
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
import java.util.Map;

/**
 * The node's one HTTP client for CDN apps' origins and callouts ({@link Upstream}), on the event loops; a
 * response past its size limit fails. It connects to the address the runner checked against the outbound
 * address policy ({@code run/Destinations}), never to one it looks up itself.
 */
public final class OriginClient implements Upstream {

    private final Vertx vertx;
    private final HttpClient client;

    public OriginClient(Vertx vertx) {
        this.vertx = vertx;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(64));
    }

    @Override
    public Future<Response> send(Request request) {
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
        vertx.runOnContext(start -> client.request(options)
                .compose(sent -> sent.send(Buffer.buffer(request.body())))
                .compose(response -> gather(response, request.maxResponseBytes()))
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

    public Future<Void> close() {
        return client.close();
    }
}

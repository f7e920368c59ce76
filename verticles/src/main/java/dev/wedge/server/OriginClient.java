package dev.wedge.server;

import dev.wedge.host.http.Headers;
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
 * response past its size limit fails. It checks no address
 * policy yet: that is the outbound capability's, whose client is meant to replace this one (docs/cdn-apps.md).
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
                .setConnectTimeout(request.timeout().toMillis());
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

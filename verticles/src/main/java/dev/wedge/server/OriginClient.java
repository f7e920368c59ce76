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
 * The node's one HTTP client for CDN apps' origins and callouts ({@link Upstream}), on the event loops: a
 * response body is gathered as it arrives and the request reset once it passes its limit. It checks no address
 * policy yet: that is the outbound capability's, whose client is meant to replace this one (docs/cdn-apps.md).
 */
public final class OriginClient implements Upstream {

    private final HttpClient client;

    public OriginClient(Vertx vertx) {
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
        return client.request(options)
                .compose(sent -> sent.send(Buffer.buffer(request.body())))
                .compose(response -> gather(response, request.maxResponseBytes()));
    }

    private static Future<Response> gather(HttpClientResponse response, long limit) {
        Promise<Response> done = Promise.promise();
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (body.length() + (long) chunk.length() > limit) {
                done.tryFail(new TooLarge("the response passed " + limit + " bytes"));
                response.request().reset();
            } else {
                body.appendBuffer(chunk);
            }
        });
        response.exceptionHandler(done::tryFail);
        response.endHandler(end -> {
            var headers = new Headers();
            response.headers().forEach(header -> headers.add(header.getKey(), header.getValue()));
            done.tryComplete(new Response(response.statusCode(), headers, body.getBytes()));
        });
        return done.future();
    }

    public Future<Void> close() {
        return client.close();
    }
}

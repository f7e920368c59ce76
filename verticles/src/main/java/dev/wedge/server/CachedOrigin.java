package dev.wedge.server;

import dev.wedge.cache.BodyStream;
import dev.wedge.cache.Deferred;
import dev.wedge.cache.Reply;
import dev.wedge.cache.SiteCache;
import dev.wedge.host.http.Headers;
import dev.wedge.host.http.StreamedBody;
import dev.wedge.host.proxywasm.Upstream;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.util.Map;

/**
 * A site's origin behind its HTTP cache (docs/cache.md): the site's chain sends its origin requests here, and
 * the cache answers them or asks the node's origin client. Callouts never come this way: they use the client
 * itself, uncached.
 */
public final class CachedOrigin implements Upstream {

    private final Upstream origin;
    private final SiteCache cache;

    public CachedOrigin(Upstream origin, SiteCache cache) {
        this.origin = origin;
        this.cache = cache;
    }

    /** The site's cache, which the front asks for fresh hits first ({@link CacheHits}). */
    SiteCache cache() {
        return cache;
    }

    @Override
    public Future<Response> send(Request request) {
        return serve(request, false);
    }

    @Override
    public Future<Response> open(Request request) {
        return serve(request, true);
    }

    private Future<Response> serve(Request request, boolean stream) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        request.headers().entries().forEach(header -> headers.add(header.getKey(), header.getValue()));
        String query = request.url().getRawQuery();
        String target = (request.url().getRawPath() == null || request.url().getRawPath().isEmpty() ? "/"
                : request.url().getRawPath()) + (query == null ? "" : "?" + query);
        String host = request.headers().get("host") != null ? request.headers().get("host")
                : request.url().getRawAuthority();
        var call = new SiteCache.Request(request.method(), host, target, headers, stream, request.timeout());
        return cache.serve(call, (method, asked, streamed) -> {
            var sent = request.asked(method, headers(asked));
            return (streamed ? origin.open(sent) : origin.send(sent)).map(CachedOrigin::reply);
        }).map(reply -> response(reply, request, stream));
    }

    private static Response response(Reply reply, Request request, boolean stream) {
        if (!stream && reply.body().length > request.maxResponseBytes()) { // a stored body past the app's limit
            throw new TooLarge("the cached response passed " + request.maxResponseBytes() + " bytes");
        }
        var headers = new Headers();
        reply.headers().forEach(header -> headers.add(header.getKey(), header.getValue()));
        BodyStream body = reply.stream();
        StreamedBody streamed = body == null ? null : new StreamedBody() {
            @Override
            public Future<Void> pipeTo(WriteStream<Buffer> out) {
                return body.pipeTo(out);
            }

            @Override
            public void discard() {
                body.discard();
            }
        };
        return new Response(reply.status(), headers, reply.body(), streamed, cached(reply.deferred()));
    }

    /** The cache's before-store hook as the CDN runner sees it. */
    private static Cached cached(Deferred deferred) {
        return deferred == null ? null : new Cached() {
            @Override
            public boolean settled() {
                return deferred.settled();
            }

            @Override
            public void keep(int status, Headers headers, byte[] body) {
                MultiMap head = MultiMap.caseInsensitiveMultiMap();
                headers.entries().forEach(header -> head.add(header.getKey(), header.getValue()));
                deferred.keep(status, head, body);
            }

            @Override
            public void drop() {
                deferred.drop();
            }
        };
    }

    private static Reply reply(Response response) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        response.headers().entries().forEach(header -> headers.add(header.getKey(), header.getValue()));
        StreamedBody streamed = response.streamed();
        BodyStream body = streamed == null ? null : new BodyStream() {
            @Override
            public Future<Void> pipeTo(WriteStream<Buffer> out) {
                return streamed.pipeTo(out);
            }

            @Override
            public void discard() {
                streamed.discard();
            }
        };
        return new Reply(response.status(), headers, response.body(), body);
    }

    private static Headers headers(MultiMap map) {
        var headers = new Headers();
        for (Map.Entry<String, String> header : map) {
            headers.add(header.getKey(), header.getValue());
        }
        return headers;
    }
}

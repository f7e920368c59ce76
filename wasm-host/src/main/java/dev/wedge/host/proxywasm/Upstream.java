package dev.wedge.host.proxywasm;

import dev.wedge.host.http.Headers;
import dev.wedge.host.http.StreamedBody;
import io.vertx.core.Future;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;

/**
 * Where a CDN app's requests leave the node: its origin, and the filter's {@code proxy_http_call}s. The one seam
 * between the proxy-wasm host and the network; the node gives its implementation as a node resource (a Vert.x
 * HttpClient, in {@code verticles}). Requests reach it checked: {@code run/Destinations} applies the outbound
 * address policy and pins the address (docs/cdn-apps.md).
 */
public interface Upstream {

    /**
     * @param timeout for the whole answer (connect included)
     * @param maxResponseBytes a longer response body fails the call
     * @param connectTimeout for the connection alone
     * @param address the address to connect to, checked against an address policy; null until it is
     * @param pool the connections it may use
     */
    record Request(String method, URI url, Headers headers, byte[] body, Duration timeout, long maxResponseBytes,
            Duration connectTimeout, InetAddress address, Pool pool) {

        public Request(String method, URI url, Headers headers, byte[] body, Duration timeout,
                long maxResponseBytes) {
            this(method, url, headers, body, timeout, maxResponseBytes, timeout, null, Pool.SHARED);
        }

        /** The same request to another URL (an origin's next address), not yet checked. */
        public Request to(URI other) {
            return new Request(method, other, headers, body, timeout, maxResponseBytes, connectTimeout, null, pool);
        }

        public Request pinned(InetAddress checked) {
            return new Request(method, url, headers, body, timeout, maxResponseBytes, connectTimeout, checked, pool);
        }

        /** The same request, as it goes on, with other method and headers (a cache's revalidation). */
        public Request asked(String otherMethod, Headers otherHeaders) {
            return new Request(otherMethod, url, otherHeaders, body, timeout, maxResponseBytes, connectTimeout, address,
                    pool);
        }
    }

    /**
     * A pool of connections: at most {@code size} per origin address, apart from every other pool's, so one site
     * cannot take the connections another needs (docs/cdn-apps.md, "Decisions").
     *
     * @param name whose pool it is (a site's); {@link #SHARED} serves apps' own origins and every callout
     */
    record Pool(String name, int size) {

        public static final int DEFAULT_SIZE = 64;
        public static final Pool SHARED = new Pool("", DEFAULT_SIZE);

        public Pool {
            if (size < 1) {
                throw new IllegalArgumentException("a pool needs at least one connection, not " + size);
            }
        }
    }

    /**
     * @param streamed the body still arriving ({@link #open}; then {@code body} is empty), or null
     * @param cached what a site's cache wants to hear of the response phases, or null (docs/cache.md)
     */
    record Response(int status, Headers headers, byte[] body, StreamedBody streamed, Cached cached) {

        public Response(int status, Headers headers, byte[] body, StreamedBody streamed) {
            this(status, headers, body, streamed, null);
        }

        public Response(int status, Headers headers, byte[] body) {
            this(status, headers, body, null, null);
        }
    }

    /**
     * A site's cache whose response apps run before it stores ({@code response-apps: before-store},
     * docs/cache.md): a stored answer is {@link #settled} (the response phases are skipped); the origin's
     * response waits to be told what the response phases made of it.
     */
    interface Cached {

        boolean settled();

        /** The response as the response phases left it; {@code body} null when it streams. */
        void keep(int status, Headers headers, byte[] body);

        /** The request ended otherwise: nothing to store. */
        void drop();
    }

    /** Thrown (as the future's failure) when a response passes its size limit. */
    final class TooLarge extends RuntimeException {
        public TooLarge(String message) {
            super(message, null, false, false);
        }
    }

    /** Completes with the whole response, or fails (connect, timeout, a body past its limit). Never blocks. */
    Future<Response> send(Request request);

    /**
     * Completes with the response's head as soon as it arrives, its body left to stream ({@link
     * Response#streamed}) and not bounded by {@code maxResponseBytes}. A client that cannot stream buffers.
     */
    default Future<Response> open(Request request) {
        return send(request);
    }

    /** What a node without a client answers: every call fails. */
    Upstream NONE = request -> Future.failedFuture(new IllegalStateException("this node makes no outbound requests"));
}

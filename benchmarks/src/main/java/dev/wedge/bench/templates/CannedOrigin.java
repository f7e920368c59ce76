package dev.wedge.bench.templates;

import dev.wedge.host.http.Headers;
import dev.wedge.host.proxywasm.Upstream;
import io.vertx.core.Future;

/**
 * The origin of a CDN case without a network: every request gets the same response from memory, and the last
 * request is kept so that a check can see what the filter sent on. The module reaches it as the node's {@link
 * Upstream} (after the node's own origin plan: address check, header clean-up); the Java floor calls {@link
 * #forward} with what its filter logic sends on.
 */
public final class CannedOrigin implements Upstream {

    /** What reached the origin: method, path with query, and the headers, Host among them. */
    public record Seen(String method, String target, Headers headers) {}

    private final int status;
    private final Headers headers;
    private final byte[] body;
    private Seen last;

    public CannedOrigin(int status, Headers headers, byte[] body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    @Override
    public Future<Response> send(Request request) {
        String target = request.url().getRawPath() + (request.url().getRawQuery() == null ? ""
                : "?" + request.url().getRawQuery());
        return Future.succeededFuture(forward(request.method(), target, request.headers()));
    }

    /** The canned response to one request (a fresh copy of its headers, which filters may change). */
    public Response forward(String method, String target, Headers sent) {
        last = new Seen(method, target, sent);
        return new Response(status, headers.copy(), body);
    }

    /** The last request that reached the origin, then forgets it; null when none did. */
    public Seen takeLast() {
        Seen seen = last;
        last = null;
        return seen;
    }

    /** The canned response's headers, as a floor starts from. */
    public Headers headers() {
        return headers.copy();
    }

    public int status() {
        return status;
    }

    public byte[] body() {
        return body;
    }
}

package dev.wedge.cache;

import io.vertx.core.MultiMap;

/**
 * A response: the origin's to the cache, or the cache's to the node. Its body is whole ({@code body}) or still
 * arriving ({@code stream}, then {@code body} is empty).
 *
 * @param deferred with {@code response-apps: before-store}, what the node tells the cache once the response apps
 *     ran (or that they need not run); null otherwise
 */
public record Reply(int status, MultiMap headers, byte[] body, BodyStream stream, Deferred deferred) {

    public Reply(int status, MultiMap headers, byte[] body, BodyStream stream) {
        this(status, headers, body, stream, null);
    }

    public Reply(int status, MultiMap headers, byte[] body) {
        this(status, headers, body, null, null);
    }

    Reply with(Deferred value) {
        return new Reply(status, headers, body, stream, value);
    }
}

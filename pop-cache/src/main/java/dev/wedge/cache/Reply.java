package dev.wedge.cache;

import io.vertx.core.MultiMap;

/**
 * A response: the origin's to the cache, or the cache's to the node. Its body is whole ({@code body}) or still
 * arriving ({@code stream}, then {@code body} is empty).
 */
public record Reply(int status, MultiMap headers, byte[] body, BodyStream stream) {

    public Reply(int status, MultiMap headers, byte[] body) {
        this(status, headers, body, null);
    }
}

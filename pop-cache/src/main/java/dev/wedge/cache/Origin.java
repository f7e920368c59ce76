package dev.wedge.cache;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;

/**
 * How the cache reaches a site's origin for one request: the request as it came, with the headers the cache gives
 * (conditional headers added, its own control header removed). The node fills it with its origin client.
 */
@FunctionalInterface
public interface Origin {

    /** @param stream whether the body may be left to stream ({@link Reply#stream}) */
    Future<Reply> fetch(String method, MultiMap headers, boolean stream);
}

package dev.wedge.cache;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * A response body still arriving from the origin. Exactly one of its two methods is called, once: it is piped to
 * the client (and failing leaves {@code out} unended, for the caller to reset), or given up unread.
 */
public interface BodyStream {

    Future<Void> pipeTo(WriteStream<Buffer> out);

    void discard();
}

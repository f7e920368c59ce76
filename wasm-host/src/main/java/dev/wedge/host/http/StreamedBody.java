package dev.wedge.host.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * A response body still arriving from elsewhere (a CDN origin's, when no filter reads it): the front pipes it to
 * the client as it comes, unbuffered and without the app's response size limit. Exactly one of its two methods is
 * called, once.
 */
public interface StreamedBody {

    /**
     * Sends the body into {@code out}, ending it; fails (and gives the source up) when either side does, leaving
     * {@code out} unended, for the caller to reset: a body cut short must not look whole.
     */
    Future<Void> pipeTo(WriteStream<Buffer> out);

    /** Gives the body up unread: nobody will send it (the request ended otherwise). */
    void discard();
}

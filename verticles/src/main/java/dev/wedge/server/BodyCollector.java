package dev.wedge.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;

/**
 * Buffers a request body up to a limit, failing with a {@link RefusedBody}: {@link BodyTooLarge} as soon as the
 * limit is passed, {@link BodyStalled} when the client stops sending, {@link MalformedBody} when the decoder
 * cannot read it. A request holds its app version (or a deploy its admin call) until its body is in.
 */
public final class BodyCollector {

    static final long DRAIN_LIMIT = 4L * 1024 * 1024;

    private final Vertx vertx;
    private final long stallMillis;

    /** @param stall how long a body may go without a byte ({@code server.idle-timeout-ms}) */
    public BodyCollector(Vertx vertx, Duration stall) {
        this.vertx = vertx;
        this.stallMillis = stall.toMillis();
    }

    public Future<Buffer> collect(HttpServerRequest request, long limit) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && parses(declared) && Long.parseLong(declared) > limit) {
            return Future.failedFuture(new BodyTooLarge(limit));
        }
        if (request.isEnded()) { // the whole request came with its head (no body): no stall timer to set
            return Future.succeededFuture(Buffer.buffer());
        }
        if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            request.response().writeContinue(); // the body fits: let the client send it now, not after a pause
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        long[] lastChunk = {System.nanoTime()};
        if (!endsWithHead(request, declared)) {
            long[] timer = {0};
            watchForStall(promise, lastChunk, timer, stallMillis);
            // A timer left to fire holds the body and its context for the whole window: at tens of thousands of
            // requests a second that is millions of live objects, and young-generation pauses of 60-90 ms.
            promise.future().onComplete(done -> vertx.cancelTimer(timer[0]));
        }
        request.handler(chunk -> {
            lastChunk[0] = System.nanoTime();
            if (body.length() + (long) chunk.length() > limit) {
                promise.tryFail(new BodyTooLarge(limit));
            } else if (!promise.future().isComplete()) {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(done -> promise.tryComplete(body));
        // The stream fails when the client goes away, and when the decoder cannot read the body: that is the
        // client's fault, not the node's, and the client is still there to be told.
        request.exceptionHandler(failure -> promise.tryFail(failure instanceof HttpClosedException
                || request.response().closed() ? failure : new MalformedBody(failure)));
        return promise.future();
    }

    /** One timer per body, re-armed for what is left of the window since the last chunk. */
    private void watchForStall(Promise<Buffer> promise, long[] lastChunk, long[] timer, long delayMillis) {
        timer[0] = vertx.setTimer(delayMillis, fired -> {
            if (promise.future().isComplete()) {
                return;
            }
            long idleMillis = (System.nanoTime() - lastChunk[0]) / 1_000_000;
            if (idleMillis >= stallMillis) {
                promise.tryFail(new BodyStalled(stallMillis));
            } else {
                watchForStall(promise, lastChunk, timer, stallMillis - idleMillis);
            }
        });
    }

    /**
     * Reads and drops what is left of a refused body; completes when it is all in, cannot be read, or passed
     * {@link #DRAIN_LIMIT}. The caller then closes the connection: closing while the client is still sending
     * would reset the connection and lose the answer on its way, but past the limit the client is not worth
     * waiting for.
     */
    public static Future<Void> discardRest(HttpServerRequest request) {
        if (request.isEnded()) {
            return Future.succeededFuture();
        }
        Promise<Void> drained = Promise.promise();
        long[] bytes = {0};
        request.handler(chunk -> {
            bytes[0] += chunk.length();
            if (bytes[0] > DRAIN_LIMIT) {
                drained.tryComplete();
            }
        });
        request.endHandler(done -> drained.tryComplete());
        request.exceptionHandler(failure -> drained.tryComplete());
        request.resume();
        return drained.future();
    }

    /**
     * An HTTP/1 request without a Content-Length (or with 0) and without Transfer-Encoding has no body: the
     * decoder ends it with the head it came in, so there is no stall to watch for (RFC 9112, section 6.3). But
     * Netty's decoder still reads an 8-byte body after a GET with both keys of the pre-standard WebSocket
     * handshake (Hixie-76), so such a head keeps its timer, as does any other version.
     */
    private static boolean endsWithHead(HttpServerRequest request, String declared) {
        MultiMap headers = request.headers();
        return (request.version() == HttpVersion.HTTP_1_1 || request.version() == HttpVersion.HTTP_1_0)
                && (declared == null || "0".equals(declared)) && !headers.contains(HttpHeaders.TRANSFER_ENCODING)
                && !(headers.contains(HttpHeaderNames.SEC_WEBSOCKET_KEY1)
                        && headers.contains(HttpHeaderNames.SEC_WEBSOCKET_KEY2));
    }

    private static boolean parses(String number) {
        return !number.isEmpty() && number.length() < 19 && number.chars().allMatch(Character::isDigit);
    }
}

package dev.wedge.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Buffers a request body up to a limit, failing with {@link BodyTooLarge} as soon as it is passed, and with
 * {@link BodyStalled} when the client stops sending: a request holds its app version until its body is in.
 */
final class BodyCollector {

    static final long DRAIN_LIMIT = 4L * 1024 * 1024;
    static final long STALL_MILLIS = 30_000;

    private BodyCollector() {}

    static Future<Buffer> collect(Vertx vertx, HttpServerRequest request, long limit) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && parses(declared) && Long.parseLong(declared) > limit) {
            return Future.failedFuture(new BodyTooLarge(limit));
        }
        if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            request.response().writeContinue(); // the body fits: let the client send it now, not after a pause
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        long[] lastChunk = {System.nanoTime()};
        watchForStall(vertx, promise, lastChunk, STALL_MILLIS);
        request.handler(chunk -> {
            lastChunk[0] = System.nanoTime();
            if (body.length() + (long) chunk.length() > limit) {
                promise.tryFail(new BodyTooLarge(limit));
            } else if (!promise.future().isComplete()) {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(done -> promise.tryComplete(body));
        request.exceptionHandler(promise::tryFail);
        return promise.future();
    }

    /** One timer per body, re-armed for what is left of the window since the last chunk. */
    private static void watchForStall(Vertx vertx, Promise<Buffer> promise, long[] lastChunk, long delayMillis) {
        vertx.setTimer(delayMillis, fired -> {
            if (promise.future().isComplete()) {
                return;
            }
            long idleMillis = (System.nanoTime() - lastChunk[0]) / 1_000_000;
            if (idleMillis >= STALL_MILLIS) {
                promise.tryFail(new BodyStalled(STALL_MILLIS));
            } else {
                watchForStall(vertx, promise, lastChunk, STALL_MILLIS - idleMillis);
            }
        });
    }

    /**
     * Reads and drops what is left of a refused body, then closes the connection. Closing while the client is
     * still sending would reset the connection and lose the 413 on its way; past {@link #DRAIN_LIMIT} the
     * client is not worth waiting for.
     */
    static void discardRest(HttpServerRequest request) {
        if (request.isEnded()) {
            request.connection().close();
            return;
        }
        long[] drained = {0};
        request.handler(chunk -> {
            drained[0] += chunk.length();
            if (drained[0] > DRAIN_LIMIT) {
                request.connection().close();
            }
        });
        request.endHandler(done -> request.connection().close());
        request.resume();
    }

    private static boolean parses(String number) {
        return !number.isEmpty() && number.length() < 19 && number.chars().allMatch(Character::isDigit);
    }
}

package dev.wedge.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/** Buffers a request body up to a limit, failing with {@link BodyTooLarge} as soon as it is passed. */
final class BodyCollector {

    static final long DRAIN_LIMIT = 4L * 1024 * 1024;

    private BodyCollector() {}

    static Future<Buffer> collect(HttpServerRequest request, long limit) {
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && parses(declared) && Long.parseLong(declared) > limit) {
            return Future.failedFuture(new BodyTooLarge(limit));
        }
        if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            request.response().writeContinue(); // the body fits: let the client send it now, not after a pause
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
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

package dev.wedge.kv;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/**
 * Runs a blocking store operation where it may block: inline on a worker thread (where guests run and already
 * wait for the result), on a worker when called from an event loop.
 */
public final class Offload {

    private Offload() {}

    public static <T> Future<T> call(Vertx vertx, Callable<T> operation) {
        if (Context.isOnEventLoopThread()) {
            return vertx.executeBlocking(operation, false);
        }
        try {
            return Future.succeededFuture(operation.call());
        } catch (Exception e) {
            return Future.failedFuture(e);
        }
    }
}

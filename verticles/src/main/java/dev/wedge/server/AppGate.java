package dev.wedge.server;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * Caps how many requests of one app run at once, so a burst of slow or runaway requests of one app cannot hold
 * every worker; the next ones wait in a bounded queue, and past it the node answers 503.
 */
public final class AppGate {

    /** The app already has as many requests waiting as it may. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("the app has too many requests in progress", null, false, false);
        }
    }

    private final int maxRunning;
    private final int maxWaiting;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    public AppGate(int maxRunning, int maxWaiting) {
        this.maxRunning = maxRunning;
        this.maxWaiting = maxWaiting;
    }

    public int maxConcurrent() {
        return maxRunning;
    }

    public <T> Future<T> submit(Supplier<Future<T>> task) {
        Promise<T> result = Promise.promise();
        Runnable start = () -> task.get().onComplete(outcome -> {
            release();
            result.handle(outcome);
        });
        synchronized (this) {
            if (running >= maxRunning) {
                if (waiting.size() >= maxWaiting) {
                    return Future.failedFuture(new Busy());
                }
                waiting.add(start);
                return result.future();
            }
            running++;
        }
        start.run();
        return result.future();
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                running--;
            }
        }
        if (next != null) {
            next.run();
        }
    }
}

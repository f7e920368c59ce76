package dev.wedge.host.abi;

import dev.wedge.host.engine.RunDeadline;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes an asynchronous backend call look blocking to the guest: the worker thread running the guest waits for
 * the future, never longer than the call's own timeout nor past the run's wall-clock cap. The time waited is
 * credited back to the run's compute deadline ({@link RunDeadline}): a guest is charged for what it computes,
 * not for its backends' latency. Event loops never run guests, so they never wait here.
 */
public final class HostWait {

    private HostWait() {}

    /**
     * @return the future's result
     * @throws AbiException {@link Status#TIMEOUT} when the call's timeout passes first
     * @throws DeadlineExceeded when the run's wall-clock cap passes first (or the guest's thread is interrupted)
     * @throws RunCancelled when the run is stopped first ({@link RunDeadline#stop}: its client went away)
     * @throws RuntimeException the future's own failure, unwrapped, for the capability to translate
     */
    public static <T> T await(Future<T> future, Duration timeout, RunDeadline deadline) {
        if (future.isComplete()) { // nothing to wait for: no credit, no timer to move
            return unwrap(future);
        }
        deadline.beginWait();
        try {
            long untilCap = deadline.wallNanos() - System.nanoTime();
            long wait = Math.min(timeout.toNanos(), untilCap);
            var result = future.toCompletionStage().toCompletableFuture();
            try {
                CompletableFuture.anyOf(result, deadline.stopped()).get(Math.max(0, wait), TimeUnit.NANOSECONDS);
                if (!result.isDone()) {
                    throw new RunCancelled();
                }
                return result.get();
            } catch (TimeoutException e) {
                if (wait >= untilCap) {
                    throw new DeadlineExceeded();
                }
                throw new AbiException(Status.TIMEOUT, "no answer within " + timeout.toMillis() + " ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the engine's deadline interrupt: keep it visible to the engine
                throw new DeadlineExceeded();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(e.getCause());
            }
        } finally {
            deadline.endWait();
        }
    }

    private static <T> T unwrap(Future<T> done) {
        if (done.succeeded()) {
            return done.result();
        }
        throw done.cause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(done.cause());
    }
}

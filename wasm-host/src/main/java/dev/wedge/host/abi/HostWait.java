package dev.wedge.host.abi;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes an asynchronous backend call look blocking to the guest: the worker thread running the guest waits for
 * the future, never longer than the call's own timeout nor past the request's deadline. Event loops never run
 * guests, so they never wait here.
 */
public final class HostWait {

    private HostWait() {}

    /**
     * @return the future's result
     * @throws AbiException {@link Status#TIMEOUT} when the call's timeout passes first
     * @throws DeadlineExceeded when the request's deadline passes first (or the guest's thread is interrupted)
     * @throws RuntimeException the future's own failure, unwrapped, for the capability to translate
     */
    public static <T> T await(Future<T> future, Duration timeout, long deadlineNanos) {
        long untilDeadline = deadlineNanos - System.nanoTime();
        long wait = Math.min(timeout.toNanos(), untilDeadline);
        try {
            return future.toCompletionStage().toCompletableFuture().get(Math.max(0, wait), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (wait >= untilDeadline) {
                throw new DeadlineExceeded();
            }
            throw new AbiException(Status.TIMEOUT, "the backend did not answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the engine's deadline interrupt: keep it visible to the engine
            throw new DeadlineExceeded();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }
}

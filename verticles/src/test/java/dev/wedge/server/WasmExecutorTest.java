package dev.wedge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import io.vertx.core.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The executor's workers: what a result's listener starts runs on the worker that ended, after the listener. */
class WasmExecutorTest {

    private static final AppResponse OK = new AppResponse(200, new Headers(), new byte[0], null);
    private static final long BOUND_SECONDS = 60; // far beyond any run here on a busy machine

    @Test
    void aGuestStartedByAResultsListenerRunsNextOnTheSameWorker() throws Exception {
        var executor = new WasmExecutor(4);
        try {
            var first = new CompletableFuture<Thread>();
            var second = new CompletableFuture<Thread>();
            var listenerReturned = new CompletableFuture<Boolean>();
            var listening = new CountDownLatch(1);
            executor.submit(() -> {
                first.complete(Thread.currentThread());
                listening.await(); // ends once its listener is set, so that the listener runs on this worker
                return OK;
            }).onComplete(done -> {
                executor.submit(() -> {
                    second.complete(Thread.currentThread());
                    return OK;
                });
                listenerReturned.complete(!second.isDone()); // queued for this worker, not run inside the listener
            });
            listening.countDown();
            assertEquals(first.get(BOUND_SECONDS, TimeUnit.SECONDS), second.get(BOUND_SECONDS, TimeUnit.SECONDS));
            assertTrue(listenerReturned.get(BOUND_SECONDS, TimeUnit.SECONDS), "the next ran after the listener");
        } finally {
            executor.close(0);
        }
    }

    @Test
    void aClosedExecutorRefusesNewWorkAndAFailingGuestFailsItsFuture() throws Exception {
        var executor = new WasmExecutor(1);
        Future<AppResponse> failing = executor.submit(() -> {
            throw new IllegalStateException("a host defect");
        });
        var failure = failing.toCompletionStage().toCompletableFuture().handle((ok, e) -> e)
                .get(BOUND_SECONDS, TimeUnit.SECONDS);
        assertInstanceOf(IllegalStateException.class, failure);
        executor.close(0);
        assertInstanceOf(WasmExecutor.Stopping.class, executor.submit(() -> OK).cause());
    }
}

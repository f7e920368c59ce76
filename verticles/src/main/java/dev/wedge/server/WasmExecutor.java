package dev.wedge.server;

import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.run.CdnChain;
import dev.wedge.queue.Message;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker threads where guests run, off the event loops. The {@link FairShare} gives it no more guests than it
 * has threads, so nothing waits in its queue: the order of waiting requests is decided there.
 *
 * <p>A guest's result completes on its worker, so whatever the result's listeners start next (the FairShare's
 * next request, when one waits) is taken by the same worker as soon as the listeners return, without parking it
 * and waking another (a futex wake-up per request, and on a busy node a hop through an event loop before that).
 * Only the response goes back to an event loop. Closing waits for running guests: their engines must not be
 * disposed under them.
 */
public final class WasmExecutor {

    /** The node is stopping and takes no new requests. */
    public static final class Stopping extends RuntimeException {
        Stopping() {
            super("the node is stopping", null, false, false);
        }
    }

    /** A worker of this executor; {@code next} is the job it takes before it looks at the queue. */
    private static final class Worker extends Thread {
        final WasmExecutor owner;
        Runnable next;

        Worker(WasmExecutor owner, Runnable jobs, String name) {
            super(jobs, name);
            this.owner = owner;
            setDaemon(true);
        }
    }

    private final ThreadPoolExecutor workers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Promise<Void> drained = Promise.promise();
    private volatile boolean closing;

    public WasmExecutor(int size) {
        var names = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(size, size, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                jobs -> new Worker(this, jobs, "wedge-wasm-" + names.incrementAndGet()));
    }

    /** Runs a request; {@code cancellation} stops its guest early (its client went away). */
    public Future<AppResponse> run(DeployedApp app, AppRequest request, Cancellation cancellation) {
        return submit(() -> app.app().handle(request, cancellation));
    }

    /** Runs a request through a site's chain of CDN apps; {@code app} is the chain's lead. */
    public Future<AppResponse> run(CdnChain site, DeployedApp app, AppRequest request, Cancellation cancellation) {
        return submit(() -> app.app().handle(site, request, cancellation));
    }

    public Future<AppResponse> runMessage(DeployedApp app, Message message) {
        return submit(() -> app.app().handleMessage(message));
    }

    /**
     * Runs {@code guest} on a worker: this one, after its current job, when called from a result's listener on
     * one of its workers; otherwise the next free one. The future completes on that worker.
     */
    Future<AppResponse> submit(Callable<AppResponse> guest) {
        if (closing) {
            return Future.failedFuture(new Stopping());
        }
        inFlight.incrementAndGet();
        Promise<AppResponse> result = Promise.promise();
        Runnable job = () -> run(guest, result);
        if (Thread.currentThread() instanceof Worker worker && worker.owner == this && worker.next == null) {
            worker.next = job;
        } else {
            workers.execute(() -> runFrom(job));
        }
        return result.future();
    }

    /** Runs a job and then each job its results' listeners handed this worker. */
    private static void runFrom(Runnable job) {
        var worker = (Worker) Thread.currentThread();
        for (Runnable next = job; next != null; next = worker.next) {
            worker.next = null;
            next.run();
        }
    }

    private void run(Callable<AppResponse> guest, Promise<AppResponse> result) {
        try {
            result.complete(guest.call());
        } catch (Throwable e) { // App.handle answers for the guest: this is the node's own, and fails the request
            result.fail(e); // rather than leave it unanswered and its slot taken
        } finally {
            if (inFlight.decrementAndGet() == 0 && closing) {
                drained.tryComplete();
            }
        }
    }

    /** Refuses new work, waits up to {@code graceMillis} for running guests, then stops the workers. */
    public Future<Void> close(long graceMillis) {
        closing = true;
        if (inFlight.get() == 0) {
            drained.tryComplete();
        }
        return drained.future()
                .timeout(graceMillis, TimeUnit.MILLISECONDS)
                .recover(timedOut -> Future.succeededFuture())
                .andThen(done -> workers.shutdownNow());
    }
}

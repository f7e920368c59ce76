package dev.wedge.server;

import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.run.CdnChain;
import dev.wedge.queue.Message;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker pool where guests run, off the event loops. Guests are stopped by their own deadline, so the
 * pool's blocked-thread warning is set far above any app timeout. The {@link FairShare} gives it no more guests
 * than it has threads, so nothing waits in its queue: the order of waiting requests is decided there. Closing waits for running guests: their
 * engines must not be disposed under them.
 */
public final class WasmExecutor {

    private static final long MAX_EXECUTE_MINUTES = 61;

    /** The node is stopping and takes no new requests. */
    public static final class Stopping extends RuntimeException {
        Stopping() {
            super("the node is stopping", null, false, false);
        }
    }

    private final WorkerExecutor workers;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Promise<Void> drained = Promise.promise();
    private volatile boolean closing;

    public WasmExecutor(Vertx vertx, int size) {
        // Named per node: Vert.x shares worker pools by name, and two nodes must not share one.
        String name = "wedge-wasm-" + UUID.randomUUID();
        this.workers = vertx.createSharedWorkerExecutor(name, size, MAX_EXECUTE_MINUTES, TimeUnit.MINUTES);
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

    private Future<AppResponse> submit(Callable<AppResponse> guest) {
        if (closing) {
            return Future.failedFuture(new Stopping());
        }
        inFlight.incrementAndGet();
        return workers.executeBlocking(guest, false).andThen(done -> {
            if (inFlight.decrementAndGet() == 0 && closing) {
                drained.tryComplete();
            }
        });
    }

    /** Refuses new work, waits up to {@code graceMillis} for running guests, then shuts the pool. */
    public Future<Void> close(long graceMillis) {
        closing = true;
        if (inFlight.get() == 0) {
            drained.tryComplete();
        }
        return drained.future()
                .timeout(graceMillis, TimeUnit.MILLISECONDS)
                .recover(timedOut -> Future.succeededFuture())
                .compose(done -> workers.close());
    }
}

package dev.wedge.server;

import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The worker pool where guests run, off the event loops. Guests are stopped by their own deadline, so the
 * pool's blocked-thread warning is set far above any app timeout.
 */
public final class WasmExecutor implements AutoCloseable {

    private static final long MAX_EXECUTE_MINUTES = 61;

    private final WorkerExecutor workers;

    public WasmExecutor(Vertx vertx, int size) {
        this.workers = vertx.createSharedWorkerExecutor("wedge-wasm", size, MAX_EXECUTE_MINUTES, TimeUnit.MINUTES);
    }

    public Future<AppResponse> run(DeployedApp app, AppRequest request) {
        return workers.executeBlocking(() -> app.handle(request), false);
    }

    @Override
    public void close() {
        workers.close();
    }
}

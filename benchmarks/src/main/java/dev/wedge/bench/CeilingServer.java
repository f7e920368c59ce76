package dev.wedge.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The ceiling of the side-by-side benchmark: a plain Vert.x handler answering what apps/hello answers, with no
 * Wasm at all. {@code java -cp benchmarks.jar dev.wedge.bench.CeilingServer PORT}.
 */
public final class CeilingServer extends VerticleBase {

    private static final String BODY = "Hello from wedge!\n";

    private final int port;

    private CeilingServer(int port) {
        this.port = port;
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer()
                .requestHandler(request -> request.response()
                        .putHeader("content-type", "text/plain; charset=utf-8")
                        .end(BODY))
                .listen(port, "127.0.0.1");
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Vertx.vertx().deployVerticle(() -> new CeilingServer(port),
                new DeploymentOptions().setInstances(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE))
                .onSuccess(id -> System.out.println("ceiling server on http://127.0.0.1:" + port + "/"))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }
}

package dev.wedge.cli;

import dev.wedge.config.NodeConfig;
import dev.wedge.server.Node;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/** Starts a node, reports it, and keeps it up until the process is told to stop. */
final class NodeRunner {

    private NodeRunner() {}

    static int serve(NodeConfig config, Consumer<Node> started) throws InterruptedException {
        Vertx vertx = Vertx.vertx();
        Node node;
        try {
            node = Node.start(vertx, config, new ConsoleAppLog(System.err)).toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            System.err.println("wedge: " + e.getCause().getMessage());
            vertx.close();
            return 1;
        }
        started.accept(node);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close().compose(done -> vertx.close()).onComplete(done -> stopped.countDown());
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        stopped.await();
        return 0;
    }
}

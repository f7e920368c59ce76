package dev.wedge.cli;

import dev.wedge.cluster.ClusterJoin;
import dev.wedge.config.NodeConfig;
import dev.wedge.deploy.Members;
import dev.wedge.host.cache.CacheBackend;
import dev.wedge.node.Node;
import dev.wedge.observe.NodeMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/** Starts a node, reports it, and keeps it up until the process is told to stop (Ctrl-C, SIGTERM). */
final class NodeRunner {

    private static final long STOP_SECONDS = 70;

    private NodeRunner() {}

    static int serve(NodeConfig config, Consumer<Node> started) throws InterruptedException {
        var metrics = new NodeMetrics();
        var options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true));
        var builder = Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(metrics.registry()));
        Vertx vertx = null;
        Node node;
        try {
            Members members = Members.single();
            CacheBackend cache = null;
            if (config.cluster().enabled()) {
                ClusterJoin.Joined joined = Futures.join(
                        ClusterJoin.join(builder, options.getEventBusOptions(), config.cluster()), STOP_SECONDS);
                vertx = joined.vertx();
                members = joined.members();
                cache = joined.cache();
            } else {
                vertx = builder.build();
            }
            node = Futures.join(Node.start(vertx, config, new ConsoleAppLog(System.err), metrics, members, cache),
                    STOP_SECONDS);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            System.err.println("wedge: " + e.getMessage());
            if (vertx != null) {
                vertx.close();
            }
            return 1;
        }
        Vertx running = vertx;
        started.accept(node);
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Waited for here, on the hook's own thread: Vert.x cannot report its close from its event loops.
            try {
                Futures.join(node.close(), STOP_SECONDS);
                Futures.join(running.close(), STOP_SECONDS);
            } catch (Exception e) {
                System.err.println("wedge: unclean stop: " + e);
            } finally {
                stopped.countDown();
            }
        }, "wedge-stop"));
        stopped.await();
        return 0;
    }
}

package dev.wedge.node;

import static dev.wedge.server.TestHttp.exchange;
import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.AdminConfig;
import dev.wedge.config.AppSpec;
import dev.wedge.config.DeployConfig;
import dev.wedge.config.NodeConfig;
import dev.wedge.observe.NodeMetrics;
import dev.wedge.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A node whose {@code server.engine} is {@code auto}, with the node's own rule: wasm-host's busy_loop guest, asked
 * for a million rounds a request (milliseconds on Chicory, past the rule's ~0.3 ms), moves to Wasmtime after its
 * 64 counted runs, and the move shows in the admin API's app health, the app's log and the instantiate metric.
 * The compile runs on the node's background thread, so the test polls the admin API for the move.
 */
@ExtendWith(VertxExtension.class)
class AutoEngineNodeTest {

    private static final String TOKEN = "auto-token";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aComputeHeavyAppMovesToWasmtimeVisibly(Vertx vertx) throws Exception {
        List<String> logs = new CopyOnWriteArrayList<>();
        var metrics = new NodeMetrics();
        AppSpec busy = TestNodes.spec("busy", TestNodes.guest("busy_loop"), TestNodes.SMALL, "/");
        NodeConfig config = TestNodes.node("auto", List.of(busy)).withAdmin(new AdminConfig("127.0.0.1", 0, TOKEN))
                .withDeploy(DeployConfig.defaults(Files.createTempDirectory("wedge-deploy")));
        Node node = await(Node.start(vertx, config, (app, stream, level, text) -> logs.add(stream + ": " + text),
                metrics));
        HttpClient client = vertx.createHttpClient();
        try {
            assertEquals("chicory", engine(client, node), "an auto app starts on Chicory");
            long end = System.nanoTime() + WAIT.toNanos();
            for (int i = 0; !engine(client, node).equals("wasmtime"); i++) {
                assertTrue(System.nanoTime() - end < 0, "not moved within " + WAIT.toSeconds() + " s and " + i
                        + " requests: " + logs);
                assertEquals(200, await(exchange(client, new RequestOptions().setMethod(HttpMethod.POST)
                        .setHost("127.0.0.1").setPort(node.port()).setURI("/"), Buffer.buffer(new byte[10])))
                        .status());
            }
            assertTrue(logs.stream().anyMatch(line -> line.startsWith("host: engine auto: moved from chicory to "
                    + "wasmtime")), logs::toString);
            assertEquals(200, await(exchange(client, new RequestOptions().setMethod(HttpMethod.GET)
                    .setHost("127.0.0.1").setPort(node.port()).setURI("/"), null)).status());
            assertTrue(metrics.scrape().contains("wedge_instantiate_duration_seconds_count{app=\"busy\","
                    + "engine=\"wasmtime\"}"), "the run after the move is labelled wasmtime");
        } finally {
            await(node.close());
        }
    }

    private static String engine(HttpClient client, Node node) {
        return await(exchange(client, new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                .setPort(node.adminPort()).setURI("/apps/busy/health").putHeader("authorization", "Bearer " + TOKEN),
                null)).json(200).getString("engine");
    }
}

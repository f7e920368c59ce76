package dev.wedge.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Three wedge nodes in three processes, clustered through Hazelcast, each caching one site in front of one origin
 * that counts its requests: a purge sent to one node's admin API empties every node's cache.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CachePurgeClusterTest {

    private final Http http = new Http(NodeProcess.TOKEN);
    private final AtomicInteger originRequests = new AtomicInteger();
    private Vertx vertx;
    private HttpServer origin;
    private List<NodeProcess> nodes;

    @BeforeAll
    void startCluster() throws Exception {
        vertx = Vertx.vertx();
        origin = vertx.createHttpServer().requestHandler(request -> request.response()
                        .putHeader("cache-control", "max-age=600")
                        .end("origin answer " + originRequests.incrementAndGet()))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        // The Host the origin is asked with is the site's host-header, so every node keys the page alike.
        String site = """
                apps:
                  stamp: {module: "%s", routes: []}
                sites:
                  shop:
                    hosts: ["127.0.0.1"]
                    origin: {urls: ["http://127.0.0.1:%d"], host-header: shop.test, allow-private: [127.0.0.1]}
                    phases: {request-headers: stamp}
                    cache: {enabled: true}
                """.formatted(TestNodes.REPO.resolve("verticles/src/test/resources/guests/cdn_headers.wasm"),
                origin.actualPort());
        Path root = Files.createTempDirectory("wedge-cache-cluster");
        nodes = List.of(new NodeProcess("ca", root, site), new NodeProcess("cb", root, site),
                new NodeProcess("cc", root, site));
        String clusterName = "wedge-cache-test-" + UUID.randomUUID();
        nodes.get(0).start(nodes, clusterName);
        nodes.get(0).awaitReady();
        nodes.get(1).start(nodes, clusterName);
        nodes.get(2).start(nodes, clusterName);
        nodes.get(1).awaitReady();
        nodes.get(2).awaitReady();
    }

    @AfterAll
    void stopCluster() throws Exception {
        for (NodeProcess node : nodes) {
            node.stop();
        }
        origin.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private String page(NodeProcess node) {
        Http.Reply reply = http.get(node.port(), "/page");
        assertEquals(200, reply.status(), reply.body());
        return reply.body();
    }

    @Test
    void aPurgeOnOneNodeEmptiesEveryNodesCache() throws Exception {
        Map<NodeProcess, String> cached = new HashMap<>();
        for (NodeProcess node : nodes) {
            cached.put(node, page(node));
            assertEquals(cached.get(node), page(node), node.name + " answers from its cache");
        }
        assertEquals(3, originRequests.get());
        Http.Reply purged = http.admin("POST", nodes.get(0).adminPort(), "/cache/purge", "application/json",
                "{\"url\": \"shop.test/page\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, purged.json(200).getInteger("purged"));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (NodeProcess node : nodes) { // the others apply it as the event bus delivers it: polled, bounded
            while (page(node).equals(cached.get(node))) {
                assertTrue(System.nanoTime() < until, node.name + " still serves the purged page");
                Thread.sleep(50); // the pace of the polling, not a wait for anything
            }
        }
        assertEquals(6, originRequests.get());
    }
}

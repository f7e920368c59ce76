package dev.wedge.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.server.TestNodes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three wedge nodes in three processes on loopback, clustered through Hazelcast: deploys reach every node, a
 * node killed with SIGKILL under load leaves the others serving and loses nothing, a restart of every node keeps
 * every app, and racing deploys of one app settle on one version everywhere. The steps build on each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterProcessTest {

    private static final int LOAD_REQUESTS = 600;
    private static final long LOAD_SECONDS = 60;

    private final Http http = new Http(NodeProcess.TOKEN);
    private final String clusterName = "wedge-test-" + UUID.randomUUID();
    private List<NodeProcess> nodes;
    private NodeProcess a;
    private NodeProcess b;
    private NodeProcess c;

    @BeforeAll
    void startCluster() throws Exception {
        Path root = Files.createTempDirectory("wedge-cluster");
        a = new NodeProcess("a", root);
        b = new NodeProcess("b", root);
        c = new NodeProcess("c", root);
        nodes = List.of(a, b, c);
        startAll();
    }

    @AfterAll
    void stopCluster() throws InterruptedException {
        for (NodeProcess node : nodes) {
            node.stop();
        }
    }

    /** The first node founds the cluster; the others then join it together. */
    private void startAll() throws Exception {
        a.start(nodes, clusterName);
        a.awaitReady();
        b.start(nodes, clusterName);
        c.start(nodes, clusterName);
        b.awaitReady();
        c.awaitReady();
    }

    private static byte[] wasm(String app) throws Exception {
        return Files.readAllBytes(TestNodes.app(app));
    }

    @Test
    @Order(1)
    void aDeployOnOneNodeIsServedByTheOthers() throws Exception {
        Http.Reply deployed = http.deployWasm(a.adminPort, "hello", wasm("hello"));
        assertEquals(201, deployed.status(), deployed.body());
        JsonArray states = deployed.json().getJsonArray("nodes");
        assertEquals(3, states.size(), states.encode());
        states.forEach(state -> assertEquals("active", ((JsonObject) state).getString("state"), states.encode()));
        for (NodeProcess node : List.of(b, c)) {
            Http.Reply served = http.get(node.port, "/hello");
            assertEquals(200, served.status(), node.name + ": " + served.body());
            assertTrue(served.body().startsWith("Hello"), served.body());
        }
    }

    @Test
    @Order(2)
    void racingDeploysOfOneAppEndInOneVersionEverywhere() throws Exception {
        String sha = http.admin("POST", a.adminPort, "/modules", "application/wasm", wasm("env")).json()
                .getString("sha256");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Http.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                NodeProcess via = nodes.get(i % 3);
                var body = new JsonObject().put("module", "sha256:" + sha).put("config", new JsonObject()
                        .put("routes", new JsonArray().add("/race")).put("env", new JsonObject().put("GREETING",
                                "deploy-" + i)));
                replies.add(pool.submit(() -> http.deployJson(via.adminPort, "race", body)));
            }
            for (Future<Http.Reply> reply : replies) {
                assertEquals(201, reply.get().status(), reply.get().body());
            }
        } finally {
            pool.shutdownNow();
        }
        Set<String> seen = new HashSet<>();
        Set<Integer> versions = new HashSet<>();
        for (NodeProcess node : nodes) {
            seen.add(http.get(node.port, "/race").body());
            versions.add(http.admin("GET", node.adminPort, "/apps/race").json().getInteger("version"));
        }
        assertEquals(1, seen.size(), "every node serves the same version: " + seen);
        assertEquals(Set.of(12), versions, "all twelve deploys were recorded, the last one is active");
    }

    @Test
    @Order(3)
    void aNodeKilledUnderLoadLeavesTheOthersServingAndLosesNothing() throws Exception {
        long deadline = System.nanoTime() + LOAD_SECONDS * 1_000_000_000L;
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (; sent < LOAD_REQUESTS && System.nanoTime() < deadline; sent++) {
            if (sent == LOAD_REQUESTS / 4) {
                c.kill();
            }
            NodeProcess target = sent % 2 == 0 ? a : b;
            Http.Reply reply = http.get(target.port, "/hello");
            if (reply.status() != 200) {
                failures.add(target.name + " #" + sent + ": " + reply.status() + " " + reply.body());
            }
        }
        assertEquals(LOAD_REQUESTS, sent, "the load loop finished in time");
        assertEquals(List.of(), failures);

        // The survivors still take deploys; the dead node is reported, not waited for forever.
        Http.Reply deployed = http.deployJson(b.adminPort, "hello", new JsonObject().put("module", "sha256:"
                + http.admin("POST", b.adminPort, "/modules", "application/wasm", wasm("echo")).json()
                .getString("sha256")));
        assertTrue(deployed.status() == 201 || deployed.status() == 202, deployed.body());
        for (NodeProcess node : List.of(a, b)) {
            JsonArray apps = http.admin("GET", node.adminPort, "/apps").array();
            assertEquals(2, apps.size(), node.name + " lists every app: " + apps);
            assertEquals(2, http.admin("GET", node.adminPort, "/apps/hello").json().getInteger("version"));
        }

        // Back from the dead, the node catches up with what it missed.
        c.start(nodes, clusterName);
        c.awaitReady();
        assertEquals(2, http.admin("GET", c.adminPort, "/apps/hello").json().getInteger("version"));
        assertTrue(echoed(c), "c serves version 2 (echo)");
    }

    private boolean echoed(NodeProcess node) {
        return http.admin("POST", node.port, "/hello", "text/plain", "ping".getBytes()).body()
                .contains("\"body\":\"ping\"");
    }

    @Test
    @Order(4)
    void restartingEveryNodeKeepsEveryApp() throws Exception {
        String race = http.get(a.port, "/race").body();
        for (NodeProcess node : nodes) {
            node.stop();
        }
        startAll();
        for (NodeProcess node : nodes) {
            assertEquals(race, http.get(node.port, "/race").body(), node.name);
            assertTrue(echoed(node), node.name + " serves version 2 (echo) of hello");
            JsonArray apps = http.admin("GET", node.adminPort, "/apps").array();
            assertEquals(2, apps.size(), node.name + ": " + apps);
        }
    }
}

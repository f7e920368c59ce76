package dev.wedge.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.server.TestNodes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * every app, racing deploys of one app settle on one version everywhere, a site put on one node is served by the
 * others (one that joins later too) until it is deleted, and once every app is deleted no node keeps a module;
 * then the nodes count in one cache (the rate-limit example). The steps build on each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterProcessTest {

    private static final int LOAD_REQUESTS = 600;

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
        Http.Reply deployed = http.deployWasm(a.adminPort(), "hello", wasm("hello"));
        JsonArray states = deployed.json(201).getJsonArray("nodes");
        assertEquals(3, states.size(), states.encode());
        states.forEach(state -> assertEquals("active", ((JsonObject) state).getString("state"), states.encode()));
        for (NodeProcess node : List.of(b, c)) {
            String served = served(node, "/hello");
            assertTrue(served.startsWith("Hello"), node.name + ": " + served);
        }
    }

    @Test
    @Order(2)
    void racingDeploysOfOneAppEndInOneVersionEverywhere() throws Exception {
        String sha = http.admin("POST", a.adminPort(), "/modules", "application/wasm", wasm("env")).json(201)
                .getString("sha256");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Http.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                NodeProcess via = nodes.get(i % 3);
                var body = new JsonObject().put("module", "sha256:" + sha).put("config", new JsonObject()
                        .put("routes", new JsonArray().add("/race")).put("env", new JsonObject().put("GREETING",
                                "deploy-" + i)));
                replies.add(pool.submit(() -> http.deployJson(via.adminPort(), "race", body)));
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
            seen.add(served(node, "/race"));
            versions.add(http.admin("GET", node.adminPort(), "/apps/race").json(200).getInteger("version"));
        }
        assertEquals(1, seen.size(), "every node serves the same version: " + seen);
        assertEquals(Set.of(12), versions, "all twelve deploys were recorded, the last one is active");
    }

    @Test
    @Order(3)
    void aNodeKilledUnderLoadLeavesTheOthersServingAndLosesNothing() throws Exception {
        // Each request is bounded by the client's timeout; how fast the loop goes is not what this is about.
        List<String> failures = new ArrayList<>();
        for (int sent = 0; sent < LOAD_REQUESTS; sent++) {
            if (sent == LOAD_REQUESTS / 4) {
                c.kill();
            }
            NodeProcess target = sent % 2 == 0 ? a : b;
            Http.Reply reply = http.get(target.port(), "/hello");
            if (reply.status() != 200) {
                failures.add(target.name + " #" + sent + ": " + reply.status() + " " + reply.body());
            }
        }
        assertEquals(List.of(), failures);

        // The survivors still take deploys; the dead node is reported, not waited for forever.
        Http.Reply deployed = http.deployJson(b.adminPort(), "hello", new JsonObject().put("module", "sha256:"
                + http.admin("POST", b.adminPort(), "/modules", "application/wasm", wasm("echo")).json(201)
                .getString("sha256")));
        assertTrue(deployed.status() == 201 || deployed.status() == 202, deployed.body());
        for (NodeProcess node : List.of(a, b)) {
            JsonArray apps = http.admin("GET", node.adminPort(), "/apps").array(200);
            assertEquals(2, apps.size(), node.name + " lists every app: " + apps);
            assertEquals(2, http.admin("GET", node.adminPort(), "/apps/hello").json(200).getInteger("version"));
        }

        // Back from the dead, the node catches up with what it missed.
        c.start(nodes, clusterName);
        c.awaitReady();
        assertEquals(2, http.admin("GET", c.adminPort(), "/apps/hello").json(200).getInteger("version"));
        assertTrue(echoed(c), "c serves version 2 (echo)");
    }

    private boolean echoed(NodeProcess node) {
        Http.Reply reply = http.admin("POST", node.port(), "/hello", "text/plain", "ping".getBytes());
        assertEquals(200, reply.status(), node.name + ": " + reply.body());
        return reply.body().contains("\"body\":\"ping\"");
    }

    /** The body of a GET the node answered 200 (anything else fails, with the body). */
    private String served(NodeProcess node, String path) {
        Http.Reply reply = http.get(node.port(), path);
        assertEquals(200, reply.status(), node.name + " " + path + ": " + reply.body());
        return reply.body();
    }

    @Test
    @Order(4)
    void restartingEveryNodeKeepsEveryApp() throws Exception {
        String race = served(a, "/race");
        for (NodeProcess node : nodes) {
            node.stop();
        }
        startAll();
        for (NodeProcess node : nodes) {
            assertEquals(race, served(node, "/race"), node.name);
            assertTrue(echoed(node), node.name + " serves version 2 (echo) of hello");
            JsonArray apps = http.admin("GET", node.adminPort(), "/apps").array(200);
            assertEquals(2, apps.size(), node.name + ": " + apps);
        }
    }

    /**
     * The site routes 127.0.0.1/race through the CDN app stamp to node a's own /race (sent with another Host, so
     * there it is the plain app's). Node c is down while the site is put, and gets it when it joins again.
     */
    @Test
    @Order(5)
    void aSitePutOnOneNodeIsServedByTheOthersUntilDeleted() throws Exception {
        byte[] stamp = Files.readAllBytes(TestNodes.REPO.resolve("verticles/src/test/resources/guests/cdn_headers.wasm"));
        http.deployWasm(a.adminPort(), "stamp", stamp).json(201);
        c.stop();
        var site = new JsonObject().put("hosts", new JsonArray().add("127.0.0.1")).put("paths",
                new JsonArray().add("/race")).put("app", "stamp").put("origin", new JsonObject()
                .put("urls", new JsonArray().add("http://127.0.0.1:" + a.port()))
                .put("host-header", "origin.internal").put("allow-private", new JsonArray().add("127.0.0.1")));
        Http.Reply put = http.admin("PUT", a.adminPort(), "/sites/shop", "application/json", site.encode().getBytes());
        assertTrue(put.status() == 200 || put.status() == 202, put.body());
        c.start(nodes, clusterName);
        c.awaitReady();
        String race = served(a, "/race");
        for (NodeProcess node : List.of(b, c)) {
            Http.Reply reply = http.get(node.port(), "/race");
            assertEquals(200, reply.status(), node.name + ": " + reply.body());
            assertEquals(race, reply.body(), node.name + " serves the origin's answer");
            assertEquals("yes", reply.header("x-filtered"), node.name + " ran the site's app");
        }

        http.admin("DELETE", b.adminPort(), "/apps/stamp").json(200);
        Http.Reply unavailable = http.get(c.port(), "/race");
        assertEquals(503, unavailable.status(), unavailable.body());
        assertEquals("site-unavailable", unavailable.error());

        http.admin("DELETE", c.adminPort(), "/sites/shop").json(200);
        for (NodeProcess node : nodes) {
            Http.Reply reply = http.get(node.port(), "/race");
            assertEquals(200, reply.status(), node.name + ": " + reply.body());
            assertEquals(race, reply.body(), node.name);
            assertEquals(null, reply.header("x-filtered"), node.name + " serves the app itself again");
            assertEquals(404, http.admin("GET", node.adminPort(), "/sites/shop").status(), node.name);
        }
    }

    @Test
    @Order(6)
    void deletingEveryAppLeavesNoModuleOnAnyNode() throws Exception {
        for (String app : List.of("hello", "race")) {
            assertEquals(200, http.admin("DELETE", b.adminPort(), "/apps/" + app).status());
        }
        // Collected once their last upload or deploy is 20 s old (module-grace-ms), by a sweep every second.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Map<String, List<String>> left = modulesOnDisk();
        while (!left.values().stream().allMatch(List::isEmpty) && System.nanoTime() < deadline) {
            Thread.sleep(200); // polling: the sweep gives no completion signal to wait for
            left = modulesOnDisk();
        }
        assertTrue(left.values().stream().allMatch(List::isEmpty), "modules left on disk: " + left);
    }

    /** The apps' cache is the cluster's, handed to each node by `wedge serve --cluster` (NodeRunner). */
    @Test
    @Order(7)
    void theNodesCountInOneCache() throws Exception {
        byte[] rateLimit = Files.readAllBytes(TestNodes.template("rate-limit"));
        String sha = http.admin("POST", a.adminPort(), "/modules", "application/wasm", rateLimit).json(201)
                .getString("sha256");
        var body = new JsonObject().put("module", "sha256:" + sha).put("config", new JsonObject()
                .put("routes", new JsonArray().add("/limited"))
                .put("env", new JsonObject().put("LIMIT", "3").put("WINDOW", "3600")));
        assertEquals(201, http.deployJson(a.adminPort(), "rate-limit", body).status());
        for (int i = 1; i <= 3; i++) {
            assertEquals("ok " + i + "/3\n", served(nodes.get(i % 3), "/limited"));
        }
        for (NodeProcess node : nodes) {
            Http.Reply refused = http.get(node.port(), "/limited");
            assertEquals(429, refused.status(), node.name + ": " + refused.body());
        }
    }

    private Map<String, List<String>> modulesOnDisk() throws IOException {
        Map<String, List<String>> found = new TreeMap<>();
        for (NodeProcess node : nodes) {
            try (Stream<Path> files = Files.isDirectory(node.modulesDir()) ? Files.list(node.modulesDir())
                    : Stream.empty()) {
                found.put(node.name, files.map(file -> file.getFileName().toString())
                        .filter(file -> file.endsWith(".wasm")).toList());
            }
        }
        return found;
    }
}

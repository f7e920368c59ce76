package dev.wedge.deploy;

import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.AdminConfig;
import dev.wedge.config.DeployConfig;
import dev.wedge.config.NodeConfig;
import dev.wedge.host.limits.Limits;
import dev.wedge.host.module.ModuleDigest;
import dev.wedge.node.Node;
import dev.wedge.observe.NodeMetrics;
import dev.wedge.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Module garbage collection on two nodes of one PoP (in one Vert.x, so they share its maps as cluster members
 * share Hazelcast's, each with its own ports, data directory and Wasm hosts): deleted, replaced and refused
 * modules leave the cluster's map, every node's disk and every compiled-module cache; a module a kept version
 * names stays; a deploy racing the sweep keeps its module.
 */
@ExtendWith(VertxExtension.class)
class ModuleCollectionTest {

    private static final String TOKEN = "collection-test-token";
    /** Sweeps often, so the tests wait for collections in tenths of seconds; the waits are bounded anyway. */
    private static final Duration SYNC_INTERVAL = Duration.ofMillis(100);
    /** Bounds every wait for a sweep's work, not how fast it comes. */
    private static final long WAIT_NANOS = Duration.ofSeconds(120).toNanos();
    private static final int MANY = 50;
    /**
     * Longer than a deploy takes on a loaded machine, so each deploy's module is kept while it is in flight (a
     * grace of zero leaves that to the races deploysRacingTheSweepKeepTheirModules is about), short enough that
     * a deleted app's module goes well within the waits below.
     */
    private static final Duration SHORT_GRACE = Duration.ofSeconds(10);

    private final Http http = new Http(TOKEN);
    private Vertx vertx;
    private Path root;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Path> dataDirs = new ArrayList<>();

    @BeforeEach
    void setUp(Vertx vertx) throws IOException {
        this.vertx = vertx;
        root = Files.createTempDirectory("wedge-collection");
    }

    @AfterEach
    void stop() {
        nodes.forEach(node -> await(node.close()));
    }

    private void startPop(Duration grace) {
        startPop(grace, SYNC_INTERVAL);
    }

    /** Two nodes, each with a config-file app whose compiled module no collection may touch. */
    private void startPop(Duration grace, Duration syncInterval) {
        List<String> ids = List.of("node-a", "node-b");
        for (String id : ids) {
            Path dataDir = root.resolve(id);
            NodeConfig config = TestNodes.node("chicory", List.of(
                            TestNodes.spec("fixed", TestNodes.app("hello"), Limits.DEFAULT, "/fixed")))
                    .withAdmin(new AdminConfig("127.0.0.1", 0, TOKEN))
                    .withDeploy(DeployConfig.defaults(dataDir).withAckTimeout(Duration.ofSeconds(30))
                            .withSync(syncInterval, grace));
            Members members = new Members() {
                @Override
                public String self() {
                    return id;
                }

                @Override
                public List<String> all() {
                    return ids;
                }
            };
            nodes.add(await(Node.start(vertx, config, (app, stream, level, text) -> { }, new NodeMetrics(), members)));
            dataDirs.add(dataDir);
        }
    }

    private Node a() {
        return nodes.get(0);
    }

    private Node b() {
        return nodes.get(1);
    }

    @Test
    void deletedAppsLeaveNoModuleOnAnyNodeInTheMapOrCompiled() {
        startPop(SHORT_GRACE);
        int[] compiled = {a().compiledModules(), b().compiledModules()};
        for (int i = 0; i < MANY; i++) {
            Node via = nodes.get(i % 2);
            String app = "churn-" + i;
            assertEquals(201, http.deployWasm(via.adminPort(), app, distinct("churn-" + i)).status());
            for (Node node : nodes) {
                assertEquals(200, http.get(node.port(), "/" + app).status(), "both nodes run " + app);
            }
            assertEquals(200, http.admin("DELETE", via.adminPort(), "/apps/" + app).status());
        }
        eventually("every module file, map entry, stamp and idle compiled module is gone", () ->
                files(0).isEmpty() && files(1).isEmpty() && shared().isEmpty() && stamps().isEmpty()
                        && a().compiledModules() == compiled[0] && b().compiledModules() == compiled[1]);
        assertEquals(200, http.get(a().port(), "/fixed").status(), "the config file's app is untouched");
    }

    @Test
    void aRefusedModuleIsStoredNowhere() {
        startPop(DeployConfig.DEFAULT_MODULE_GRACE); // the periodic sweep would keep these: refusals go at once
        int[] compiled = {a().compiledModules(), b().compiledModules()};
        List<byte[]> refused = List.of("not wasm at all".getBytes(StandardCharsets.UTF_8),
                wasm(TestNodes.guest("unknown_import")), wasm(TestNodes.guest("no_handler")));
        for (byte[] module : refused) {
            String sha256 = ModuleDigest.sha256(module);
            assertEquals(400, http.deployWasm(a().adminPort(), "refused", module).status());
            assertFalse(files(0).contains(sha256), "not on the deploying node's disk once refused");
            assertFalse(shared().contains(sha256), "not in the cluster's map once refused");
            assertEquals(400, http.admin("POST", a().adminPort(), "/modules", "application/wasm", module).status());
            assertFalse(files(0).contains(sha256) || shared().contains(sha256), "an upload stores it nowhere");
        }
        eventually("the other node's prepared copies are gone", () -> files(1).isEmpty()
                && b().compiledModules() == compiled[1]);
        assertEquals(compiled[0], a().compiledModules());
        assertTrue(stamps().isEmpty(), "no stamp left: " + stamps());
    }

    @Test
    void aModuleAKeptVersionNamesStaysAndOneThatFellOutGoes() {
        startPop(SHORT_GRACE);
        List<String> shas = new ArrayList<>();
        for (int version = 1; version <= AppRecord.MAX_VERSIONS + 1; version++) {
            byte[] module = distinct("site-v" + version);
            shas.add(ModuleDigest.sha256(module));
            assertEquals(201, http.deployWasm(a().adminPort(), "site", module).status());
        }
        String fellOut = shas.get(0);
        eventually("version 1 fell out of the kept history: its module is collected everywhere", () ->
                !shared().contains(fellOut) && !files(0).contains(fellOut) && !files(1).contains(fellOut));
        Set<String> kept = new HashSet<>(shas.subList(1, shas.size()));
        assertTrue(shared().containsAll(kept), "every kept version's module stays in the map");
        assertTrue(files(0).containsAll(kept), "and on the deploying node's disk");

        JsonObject back = http.admin("POST", b().adminPort(), "/apps/site/rollback", "application/json",
                "{\"version\": 2}".getBytes(StandardCharsets.UTF_8)).json(200);
        assertTrue(back.getBoolean("complete"), back.encode());
        for (Node node : nodes) {
            assertEquals(200, http.get(node.port(), "/site").status());
        }
        assertEquals(404, http.admin("POST", a().adminPort(), "/apps/site/rollback", "application/json",
                "{\"version\": 1}".getBytes(StandardCharsets.UTF_8)).status(), "version 1 is gone, as documented");
    }

    /**
     * With no grace, a module is collectable the moment it is stored, and the other node's sweep (which does not
     * know this node's pins) runs every tenth of a second: deploys keep racing it. None may lose its module.
     */
    @Test
    void deploysRacingTheSweepKeepTheirModules() throws Exception {
        startPop(Duration.ZERO);
        int count = 24;
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<String> shas = new ArrayList<>();
        try {
            List<Future<Http.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] module = distinct("race-" + i);
                shas.add(ModuleDigest.sha256(module));
                Node via = nodes.get(i % 2);
                String app = "race-" + i;
                replies.add(pool.submit(() -> http.deployWasm(via.adminPort(), app, module)));
            }
            for (Future<Http.Reply> reply : replies) {
                JsonObject deployed = reply.get().json(201);
                assertTrue(deployed.getBoolean("complete"), deployed.encode());
            }
        } finally {
            pool.shutdownNow();
        }
        // A module deleted now is collected by a pass that began after every deploy above was recorded.
        byte[] sentinel = distinct("sentinel");
        assertEquals(201, http.deployWasm(a().adminPort(), "sentinel", sentinel).status());
        assertEquals(200, http.admin("DELETE", a().adminPort(), "/apps/sentinel").status());
        String gone = ModuleDigest.sha256(sentinel);
        eventually("the sentinel's module is collected", () -> !shared().contains(gone) && !files(0).contains(gone)
                && !files(1).contains(gone));
        assertTrue(shared().containsAll(shas), "every deployed module is in the cluster's map");
        for (int i = 0; i < count; i++) {
            for (Node node : nodes) {
                assertEquals(200, http.get(node.port(), "/race-" + i).status(), "race-" + i);
            }
        }
    }

    /**
     * A deploy's prepare message carries its module: the other nodes compile it and keep it on disk without the
     * cluster's map, and only bytes that are the module the message names. (No sweeps here: they would remove a
     * module no record names and the map lacks.)
     */
    @Test
    void aPrepareMessageBringsItsModuleAndOnlyThatModule() {
        startPop(SHORT_GRACE, Duration.ofHours(1));
        int compiled = b().compiledModules();
        var sender = new Rollout(vertx, new Members() {
            @Override
            public String self() {
                return "node-x";
            }

            @Override
            public List<String> all() {
                return List.of("node-a", "node-b", "node-x");
            }
        }, Duration.ofSeconds(30), Long.MAX_VALUE);
        byte[] module = distinct("prepared");
        String sha256 = ModuleDigest.sha256(module);
        JsonObject manifest = Manifests.initial("prepared").put("engine", "chicory");
        sender.prepare("prepared", sha256, manifest, distinct("forged")); // other bytes under its name: dropped
        sender.prepare("prepared", sha256, manifest, module);
        eventually("node B keeps and compiles the module it was sent", () -> files(1).contains(sha256)
                && b().compiledModules() == compiled + 1);
        try {
            assertTrue(Arrays.equals(module, Files.readAllBytes(dataDirs.get(1).resolve("modules")
                    .resolve(sha256 + ".wasm"))), "the file holds the module its name says");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertFalse(shared().contains(sha256), "it came with the message, not from the cluster's map");
    }

    /** apps/hello with a custom section naming {@code label}: another sha256, the same app. */
    static byte[] distinct(String label) {
        byte[] name = "wedge-test".getBytes(StandardCharsets.UTF_8);
        byte[] payload = label.getBytes(StandardCharsets.UTF_8);
        var section = new ByteArrayOutputStream();
        section.write(name.length);
        section.writeBytes(name);
        section.writeBytes(payload);
        var out = new ByteArrayOutputStream();
        out.writeBytes(wasm(TestNodes.app("hello")));
        out.write(0); // custom section
        out.write(section.size()); // under 128 bytes: one LEB128 byte
        out.writeBytes(section.toByteArray());
        return out.toByteArray();
    }

    private static byte[] wasm(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The modules on a node's disk. */
    private Set<String> files(int node) {
        Path dir = dataDirs.get(node).resolve("modules");
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            Set<String> found = new HashSet<>();
            files.map(file -> file.getFileName().toString()).filter(file -> file.endsWith(".wasm"))
                    .forEach(file -> found.add(file.substring(0, file.length() - ".wasm".length())));
            return found;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Set<String> shared() {
        return await(vertx.sharedData().<String, Buffer>getAsyncMap(ModuleStore.MAP).compose(map -> map.keys()));
    }

    private Map<String, Long> stamps() {
        return await(vertx.sharedData().<String, Long>getAsyncMap(ModuleStamps.MAP).compose(map -> map.entries()));
    }

    /** Polls {@code condition} until it holds, within a bound generous for a loaded machine. */
    private static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + Duration.ofNanos(WAIT_NANOS) + ": " + what);
            }
            try {
                Thread.sleep(50); // polling interval: the sweep gives no completion signal to wait for
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}

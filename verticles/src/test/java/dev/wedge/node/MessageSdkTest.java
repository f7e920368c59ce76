package dev.wedge.node;

import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.ConfigLoader;
import dev.wedge.config.NodeConfig;
import dev.wedge.kv.KvStore;
import dev.wedge.kv.KvStoreConfig;
import dev.wedge.kv.KvStores;
import dev.wedge.server.TestHttp;
import dev.wedge.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Message handlers in the AssemblyScript SDK: apps/order-stats-as and the C apps/order-stats consume the same
 * topic (two consumer groups) on a node with the embedded queue, on each engine. They must count the same orders
 * into the same key-value totals, log the same lines, refuse the same payloads (three attempts each, then the
 * dead-letter topic), and the AS app publishes each counted order onward.
 */
@ExtendWith(VertxExtension.class)
class MessageSdkTest {

    /** Bounds waits for something that should happen (messages consumed), not how fast. */
    private static final long WAIT_MILLIS = TimeUnit.SECONDS.toMillis(120);
    private static final int ATTEMPTS = 3;

    /** Orders both apps count: the probe's script lines publish them (no spaces inside a payload). */
    private static final List<String> VALID = List.of(
            "{\"customer\":\"c-0\",\"amount\":1.5}",
            "{\"customer\":\"c-1\",\"amount\":2}",
            "{\"customer\":\"c-0\",\"amount\":0.125}",
            "{\"customer\":\"caf\\u00e9\",\"amount\":-2.5}",
            "{\"customer\":\"a\",\"amount\":1e2,\"customer\":\"b\"}",
            "{\"nested\":{\"customer\":[\"n\"]},\"customer\":\"c-1\",\"amount\":-0.005}");
    /** What the apps must make of them: keys of each app's namespace and their values. */
    private static final Map<String, String> TOTALS = Map.of(
            "orders:c-0", "2", "cents:c-0", "163",
            "orders:c-1", "2", "cents:c-1", "199",
            "orders:café", "1", "cents:café", "-250",
            "orders:b", "1", "cents:b", "10000",
            "orders:total", "6");
    /** Messages both apps fail on every attempt; the last one only because of its header. */
    private static final List<String> BAD = List.of(
            "not-json",
            "{\"customer\":\"\",\"amount\":1}",
            "{\"customer\":\"x\",\"amount\":\"1\"}",
            "{\"customer\":\"x\",\"amount\":1e14}",
            "{\"customer\":\"x\",\"amount\":1}x",
            "{\"customer\":\"x\\u0000y\",\"amount\":1}",
            "{\"customer\":\"x\",\"amount\":1} x-fail=always");

    private final List<String> logs = new ArrayList<>();

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void theAssemblyScriptHandlerConsumesLikeTheCOne(String engine, Vertx vertx) throws Exception {
        Path data = Files.createTempDirectory("wedge-message-sdk");
        Node node = await(Node.start(vertx, config(data, engine), (app, stream, level, text) -> record(app + ": " + text)));
        try {
            publish(vertx, node);
            awaitLines(line -> line.startsWith("stats-c: counted customer="), VALID.size());
            awaitLines(line -> line.startsWith("stats-as: counted customer="), VALID.size());
            awaitLines(line -> line.startsWith("probe: msg topic=counted "), VALID.size());
            awaitLines(line -> line.startsWith("probe: msg topic=orders.dlq "), 2 * BAD.size());
        } finally {
            await(node.close());
        }
        assertEquals(lines("stats-c: counted "), lines("stats-as: counted "), "the same orders counted");
        assertTrue(lines("stats-c: counted ").stream().anyMatch(line -> line.startsWith("customer=c-1 cents=-1 ")),
                "-0.5 cents round away from zero: " + logs);
        for (String app : List.of("stats-c", "stats-as")) {
            assertEquals((BAD.size() - 1) * ATTEMPTS, lines(app + ": bad order").size(), app + ": " + logs);
            assertEquals(ATTEMPTS, lines(app + ": x-fail: always, failing on purpose").size(), app + ": " + logs);
        }
        for (int i = 0; i < BAD.size(); i++) {
            assertEquals(2, lines("probe: msg topic=orders.dlq key=bad-" + i + " ").size(),
                    "bad-" + i + " dead-lettered by both apps: " + logs);
        }
        assertEquals(List.of("attempt=1 payload={\"customer\":\"b\",\"cents\":10000} h.x-test=(none)"),
                lines("probe: msg topic=counted key=b "), "published onward: " + logs);
        Map<String, String> totals = totals(vertx, data, "stats-c");
        assertEquals(TOTALS, totals, "the C app's totals");
        assertEquals(totals, totals(vertx, data, "stats-as"), "the AS app's totals");
    }

    /** Publishes every order through the probe app, each with a key of its own. */
    private static void publish(Vertx vertx, Node node) {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < VALID.size(); i++) {
            script.append("publish bus orders ok-").append(i).append(' ').append(VALID.get(i)).append('\n');
        }
        for (int i = 0; i < BAD.size(); i++) {
            script.append("publish bus orders bad-").append(i).append(' ').append(BAD.get(i)).append('\n');
        }
        var options = TestHttp.request(HttpMethod.POST, node.port(), "/probe");
        String reply = await(TestHttp.exchange(vertx.createHttpClient(), options, Buffer.buffer(script.toString())))
                .body(200);
        assertEquals(VALID.size() + BAD.size(), reply.lines().filter(line -> line.startsWith("0 ")).count(), reply);
    }

    private static NodeConfig config(Path data, String engine) throws Exception {
        String yaml = """
                server: {host: 127.0.0.1, port: 0}
                admin: {port: 0}
                kv-stores: {stats: {backend: embedded, dir: "%1$s"}}
                queues: {bus: {backend: embedded, dir: "%2$s"}}
                apps:
                  stats-c:
                    module: apps/order-stats/order-stats.wasm
                    engine: %3$s
                    namespace: shop
                    kv-stores: [stats]
                    env: {STORE: stats}
                    triggers: [{queue: bus, topic: orders, group: c, max-attempts: %4$d, backoff-ms: 10}]
                  stats-as:
                    module: apps/order-stats-as/order-stats-as.wasm
                    engine: %3$s
                    namespace: shop
                    kv-stores: [stats]
                    env: {STORE: stats, QUEUE: bus, FORWARD: counted}
                    publish: {bus: [counted]}
                    triggers: [{queue: bus, topic: orders, group: as, max-attempts: %4$d, backoff-ms: 10}]
                  probe:
                    module: wasm-host/src/test/resources/guests/queue_probe.wasm
                    engine: %3$s
                    namespace: shop
                    routes: [/probe]
                    publish: {bus: [orders]}
                    triggers:
                      - {queue: bus, topic: orders.dlq}
                      - {queue: bus, topic: counted}
                """.formatted(data.resolve("kv"), data.resolve("queues"), engine, ATTEMPTS);
        return ConfigLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "message-sdk.yaml",
                TestNodes.REPO, Map.of());
    }

    /** Every key of the app's namespace in the (closed) node's store, with its value. */
    private static Map<String, String> totals(Vertx vertx, Path data, String app) {
        KvStores stores = KvStores.open(vertx, List.of(KvStoreConfig.of("stats", "embedded",
                data.resolve("kv").toString())));
        try {
            KvStore view = stores.view("stats", app);
            Map<String, String> totals = new TreeMap<>();
            for (String key : await(view.scan("*", "", 1000)).items()) {
                totals.put(key, new String(await(view.get(key)), StandardCharsets.UTF_8));
            }
            return totals;
        } finally {
            await(stores.close());
        }
    }

    private synchronized void record(String line) {
        logs.add(line);
        notifyAll();
    }

    /** The log lines starting with {@code prefix}, without it, sorted. */
    private synchronized List<String> lines(String prefix) {
        return logs.stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length()))
                .sorted().collect(Collectors.toList());
    }

    /** Waits (bounded) until {@code count} log lines match. */
    private synchronized void awaitLines(Predicate<String> matches, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (logs.stream().filter(matches).count() < count) {
            long left = deadline - System.currentTimeMillis();
            assertTrue(left > 0, "waiting for " + count + " lines in " + logs);
            wait(left);
        }
    }
}

package dev.wedge.cluster;

import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.AppSpec;
import dev.wedge.config.ClusterConfig;
import dev.wedge.config.NodeConfig;
import dev.wedge.config.RouteSpec;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.cache.AppCache;
import dev.wedge.host.cache.CacheException;
import dev.wedge.host.client.GeoConfig;
import dev.wedge.node.Node;
import dev.wedge.observe.NodeMetrics;
import dev.wedge.server.TestHttp;
import dev.wedge.server.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The apps' cache of a clustered PoP: two members in this JVM, joined as a node joins (ClusterJoin, the bundled
 * cluster.xml), each seeing the one Hazelcast-backed cache; and two nodes serving the rate-limit example on them,
 * counting together.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterCacheTest {

    /** Bounds waits for something that must happen (an expiry); no test here is about its speed. */
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final List<ClusterJoin.Joined> members = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private HttpClient client;

    @BeforeAll
    void join() throws IOException {
        Path dir = Files.createTempDirectory("wedge-cluster-cache");
        // A port picked free may be taken before it is bound: without auto-increment that fails the start loudly
        // instead of moving the member where its peer does not look (as NodeProcess explains).
        String bundled = Files.readString(TestNodes.REPO.resolve("cluster.xml"));
        Path xml = Files.writeString(dir.resolve("cluster.xml"),
                bundled.replace("auto-increment=\"true\"", "auto-increment=\"false\""));
        String name = "wedge-cache-test-" + UUID.randomUUID();
        int first = freePort();
        for (int port : new int[] {first, freePort()}) {
            ClusterConfig cluster = ClusterConfig.disabled().withEnabled(true).withConfigFile(xml).withName(name)
                    .withPort(port).withMembers(List.of("127.0.0.1:" + first));
            members.add(await(ClusterJoin.join(Vertx.builder(), new EventBusOptions(), cluster)));
        }
        assertEquals(2, members.get(1).members().all().size(), "the second member joined the first");
        client = members.get(0).vertx().createHttpClient();
    }

    @AfterAll
    void leave() {
        nodes.forEach(node -> await(node.close()));
        members.forEach(member -> await(member.vertx().close()));
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private AppCache view(int member, String app, long maxEntries) {
        return members.get(member).cache().view(app, maxEntries);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static CacheException.Kind failure(Future<?> call) {
        try {
            call.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return ((CacheException) e.getCause()).kind();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyOperationIsSeenByBothMembers() {
        AppCache a = view(0, "ops", 1000);
        AppCache b = view(1, "ops", 1000);
        await(a.set("greeting", bytes("hello"), 0));
        assertEquals("hello", text(await(b.get("greeting"))));
        assertTrue(await(b.exists("greeting")));
        assertEquals(5L, await(a.incr("n", 5)));
        assertEquals(3L, await(b.incr("n", -2)));
        assertEquals("3", text(await(a.get("n"))));
        assertEquals(CacheException.Kind.NOT_AN_INTEGER, failure(b.incr("greeting", 1)));
        assertTrue(await(b.delete("greeting")));
        assertEquals(false, await(a.delete("greeting")));
        assertNull(await(a.get("greeting")));
        assertEquals(false, await(a.expire("missing", 1000)));
        assertTrue(await(a.expire("n", 0)), "expire 0 removes the key");
        assertEquals(false, await(b.exists("n")));
    }

    @Test
    void concurrentIncrementsThroughBothMembersAddUpExactly() {
        AppCache a = view(0, "counter", 1000);
        AppCache b = view(1, "counter", 1000);
        List<Future<Long>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add((i % 2 == 0 ? a : b).incr("hits", 1));
        }
        await(Future.all(calls));
        assertEquals(200, calls.stream().map(Future::result).distinct().count(), "each increment saw its own value");
        assertEquals("200", text(await(b.get("hits"))));
    }

    /** TTLs of 2 s: no stall of a busy machine between two calls here comes near them. */
    @Test
    void ttlsExpireAndIncrKeepsThem() throws InterruptedException {
        AppCache a = view(0, "ttl", 1000);
        AppCache b = view(1, "ttl", 1000);
        await(a.set("forever", bytes("v"), 0));
        assertEquals(1L, await(b.incr("counter", 1)));
        assertTrue(await(b.expire("counter", 2000)));
        await(a.set("short", bytes("v"), 2000));
        assertTrue(await(b.exists("short")), "a key lives its TTL at least");
        assertEquals(2L, await(a.incr("counter", 1)));
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while ((await(b.exists("short")) || await(b.exists("counter"))) && System.nanoTime() < deadline) {
            Thread.sleep(50); // the pace of the polling, not a wait for anything
        }
        assertEquals(false, await(b.exists("short")), "a key expires at its TTL");
        assertEquals(false, await(a.exists("counter")), "incr kept the counter's TTL");
        assertTrue(await(a.exists("forever")));
    }

    /** Hazelcast keeps entries' times in whole seconds, truncated: a TTL given as is could end a second early. */
    @Test
    void ttlsGoToHazelcastInWholeSecondsWithOneToSpare() {
        assertEquals(0, HazelcastCache.lasting(0), "no expiry stays no expiry");
        assertEquals(2000, HazelcastCache.lasting(300));
        assertEquals(2000, HazelcastCache.lasting(1000));
        assertEquals(3000, HazelcastCache.lasting(1001));
        assertEquals(Integer.MAX_VALUE * 1000L, HazelcastCache.lasting(Long.MAX_VALUE), "capped, no overflow");
    }

    @Test
    void purgesReachOnlyTheAppsKeys() {
        AppCache alice = view(0, "alice", 1000);
        AppCache bob = view(1, "bob", 1000);
        for (String key : List.of("user:1", "user:2", "other")) {
            await(alice.set(key, bytes("a"), 0));
        }
        await(bob.set("user:1", bytes("b"), 0));
        assertEquals(2L, await(view(1, "alice", 1000).purgePrefix("user:")));
        assertEquals("b", text(await(bob.get("user:1"))));
        assertEquals("a", text(await(alice.get("other"))));
        assertEquals(1L, await(alice.purge()));
        assertEquals(0L, await(alice.purge()));
        assertEquals("b", text(await(bob.get("user:1"))));
    }

    @Test
    void anAppPastItsEntriesIsRefusedNewKeys() {
        AppCache a = view(0, "small", 2);
        await(a.set("k1", bytes("v"), 0));
        await(a.set("k2", bytes("v"), 0));
        assertEquals(CacheException.Kind.FULL, failure(a.set("k3", bytes("v"), 0)));
        assertEquals(CacheException.Kind.FULL, failure(view(1, "small", 2).incr("k3", 1)));
        await(a.set("k1", bytes("again"), 0));
        assertEquals("again", text(await(a.get("k1"))), "an existing key may still be written");
    }

    @Test
    void twoNodesServingTheRateLimiterCountTogether() throws Exception {
        for (ClusterJoin.Joined member : members) {
            var app = new AppSpec(new AppConfig("rate-limit", null, Map.of("LIMIT", "3", "WINDOW", "3600"),
                    TestNodes.SMALL), TestNodes.template("rate-limit"), null, List.of(RouteSpec.parse("/limited")));
            NodeConfig config = TestNodes.node("chicory", List.of(app))
                    .withGeo(new GeoConfig(null, null, List.of("127.0.0.1/32"), Map.of(), Map.of()));
            nodes.add(await(Node.start(member.vertx(), config, (name, stream, level, text) -> { },
                    new NodeMetrics(), member.members(), member.cache())));
        }
        for (int i = 1; i <= 3; i++) {
            assertEquals("ok " + i + "/3\n", call(i % 2, "10.0.0.1").body(200));
        }
        TestHttp.Reply refused = call(1, "10.0.0.1");
        assertEquals(429, refused.status(), refused.body());
        long retryAfter = Long.parseLong(refused.header("retry-after"));
        assertTrue(retryAfter >= 1 && retryAfter <= 3600, "Retry-After " + retryAfter);
        assertEquals("0", refused.header("x-ratelimit-remaining"));
        assertEquals(429, call(0, "10.0.0.1").status(), "the other node counts the same client");
        assertEquals("ok 1/3\n", call(0, "10.0.0.2").body(200), "another client has a count of its own");
    }

    /** A request to node {@code index} from {@code client} (the node trusts loopback's x-real-ip). */
    private TestHttp.Reply call(int index, String clientAddress) {
        return await(TestHttp.exchange(client, TestHttp.request(HttpMethod.GET, nodes.get(index).port(), "/limited",
                "x-real-ip", clientAddress), null));
    }
}

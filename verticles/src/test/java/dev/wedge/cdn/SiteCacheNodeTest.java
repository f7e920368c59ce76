package dev.wedge.cdn;

import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.ConfigLoader;
import dev.wedge.config.NodeConfig;
import dev.wedge.node.Node;
import dev.wedge.observe.NodeMetrics;
import dev.wedge.server.TestHttp;
import dev.wedge.server.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP cache of sites on a node, end to end: x-cache and Age on responses, response-phase apps on every
 * response, callouts never cached, a key holding a header a request-phase app set, 100 concurrent misses making
 * one origin request, the disk tier across a node's restart, purges through the admin API and to every node
 * sharing the event bus, and the metrics.
 */
@ExtendWith(VertxExtension.class)
class SiteCacheNodeTest {

    private static final String GUESTS = "verticles/src/test/resources/guests/";
    private static final String TOKEN = "cache-test-token";

    @TempDir
    Path dir;

    private Vertx vertx;
    private CountingOrigin origin;
    private HttpClient client;
    private final List<Node> nodes = new ArrayList<>();

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        this.vertx = vertx;
        origin = new CountingOrigin(vertx);
        client = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(128));
    }

    @AfterEach
    void stop() throws Exception {
        nodes.forEach(node -> await(node.close()));
        origin.close();
    }

    private Node node() throws Exception {
        return node(dir);
    }

    /** A node whose disk tier is under {@code cacheDir}: one per node, as each has its own data dir. */
    private Node node(Path cacheDir) throws Exception {
        String yaml = """
                server: {host: 127.0.0.1, port: 0, engine: chicory, workers: 128}
                admin: {host: 127.0.0.1, port: 0, token: %5$s}
                cache: {memory-bytes: 16777216, disk-bytes: 1048576, dir: %4$s}
                apps:
                  stamp: {module: %1$scdn_headers.wasm, routes: [], max-concurrent: 120}
                  body: {module: %1$scdn_body.wasm, routes: [], max-response-bytes: 4096}
                  once: {module: %1$scdn_headers.wasm, routes: []}
                  callout:
                    module: %1$scdn_callout.wasm
                    routes: []
                    dictionary: {AUTH_HOST: "%3$s"}
                    outbound: {allow-private: [127.0.0.1]}
                sites:
                  cached:
                    hosts: [cached.test]
                    origin: {urls: [%2$s], allow-private: [127.0.0.1]}
                    phases: {request-headers: stamp, response-headers: stamp}
                    cache: {key: {headers: [x-filter]}}
                  buffered:
                    hosts: [buffered.test]
                    origin: {urls: [%2$s], allow-private: [127.0.0.1]}
                    phases: {response-headers: stamp, response-body: body}
                    cache: {default-ttl: 60}
                  callout:
                    hosts: [callout.test]
                    origin: {urls: [%2$s], allow-private: [127.0.0.1]}
                    app: callout
                    cache: {enabled: true}
                  settled:
                    hosts: [settled.test]
                    origin: {urls: [%2$s], allow-private: [127.0.0.1]}
                    phases: {response-headers: once}
                    cache: {response-apps: before-store}
                  plain:
                    hosts: [plain.test]
                    origin: {urls: [%2$s], allow-private: [127.0.0.1]}
                    app: stamp
                  proxy:
                    hosts: [proxy.test]
                    origin: {urls: [%2$s], allow-private: [127.0.0.1]}
                    cache: {}
                """.formatted(GUESTS, origin.url(), origin.hostPort(), cacheDir, TOKEN);
        NodeConfig config = ConfigLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "cache.yaml", TestNodes.REPO, Map.of());
        Node node = await(Node.start(vertx, config, (app, stream, level, text) -> { }, new NodeMetrics()));
        nodes.add(node);
        return node;
    }

    private Future<TestHttp.Reply> send(Node node, String host, String target) {
        return TestHttp.exchange(client, TestHttp.request(HttpMethod.GET, node.port(), target, "host", host), null);
    }

    private TestHttp.Reply get(Node node, String host, String target) {
        return await(send(node, host, target));
    }

    private TestHttp.Reply admin(Node node, HttpMethod method, String path, String body) {
        var request = TestHttp.request(method, node.adminPort(), path, "authorization", "Bearer " + TOKEN,
                "content-type", "application/json");
        return await(TestHttp.exchange(client, request, body == null ? null : Buffer.buffer(body)));
    }

    @Test
    void aSiteServesHitsWithAgeAndItsResponseAppsRunOnEveryResponse() throws Exception {
        Node node = node();
        TestHttp.Reply miss = get(node, "cached.test", "/page?cc=max-age%3D600");
        assertEquals("origin answer 1 x-filter=on", miss.body(200));
        assertEquals("MISS", miss.header("x-cache"));
        TestHttp.Reply hit = get(node, "cached.test", "/page?cc=max-age%3D600");
        assertEquals("origin answer 1 x-filter=on", hit.body(200));
        assertEquals("HIT", hit.header("x-cache"));
        assertTrue(Integer.parseInt(hit.header("age")) >= 0);
        assertEquals("yes", hit.header("x-filtered"), "the response-headers app ran on the hit");
        TestHttp.Reply head = await(TestHttp.exchange(client, TestHttp.request(HttpMethod.HEAD, node.port(),
                "/page?cc=max-age%3D600", "host", "cached.test"), null));
        assertEquals(200, head.status());
        assertEquals("HIT", head.header("x-cache"));
        assertEquals("", head.body());
        assertEquals(1, origin.count("/page"));
        assertNull(get(node, "plain.test", "/page?cc=max-age%3D600").header("x-cache"), "a site without cache");
        TestHttp.Reply bypassed = await(TestHttp.exchange(client, TestHttp.request(HttpMethod.GET, node.port(),
                "/page?cc=max-age%3D600", "host", "cached.test", "x-wedge-cache", "bypass"), null));
        assertEquals("BYPASS", bypassed.header("x-cache"));
    }

    /** No app filters this site: its fresh hits are answered on the event loop (server/CacheHits). */
    @Test
    void aSiteWithoutAppsIsACachingProxy() throws Exception {
        Node node = node();
        TestHttp.Reply miss = get(node, "proxy.test", "/bare?cc=max-age%3D600");
        assertEquals("MISS", miss.header("x-cache"));
        String body = miss.body(200);
        TestHttp.Reply hit = get(node, "proxy.test", "/bare?cc=max-age%3D600");
        assertEquals(body, hit.body(200));
        assertEquals("HIT", hit.header("x-cache"));
        assertTrue(Integer.parseInt(hit.header("age")) >= 0);
        TestHttp.Reply head = await(TestHttp.exchange(client, TestHttp.request(HttpMethod.HEAD, node.port(),
                "/bare?cc=max-age%3D600", "host", "proxy.test"), null));
        assertEquals(200, head.status());
        assertEquals("HIT", head.header("x-cache"));
        assertEquals("", head.body());
        TestHttp.Reply ranged = await(TestHttp.exchange(client, TestHttp.request(HttpMethod.GET, node.port(),
                "/bare?cc=max-age%3D600", "host", "proxy.test", "range", "bytes=0-3"), null));
        assertEquals(206, ranged.status(), ranged::toString);
        assertEquals(body.substring(0, 4), ranged.body());
        assertEquals("BYPASS", await(TestHttp.exchange(client, TestHttp.request(HttpMethod.GET, node.port(),
                "/bare?cc=max-age%3D600", "host", "proxy.test", "x-wedge-cache", "bypass"), null)).header("x-cache"));
        assertEquals(2, origin.count("/bare"), "the miss and the bypass");
    }

    @Test
    void beforeStoreKeepsWhatTheResponseAppsMadeAndHitsSkipThem() throws Exception {
        Node node = node();
        TestHttp.Reply miss = get(node, "settled.test", "/once?cc=max-age%3D600");
        assertEquals("o+filtered", miss.header("x-origin-header"));
        TestHttp.Reply hit = get(node, "settled.test", "/once?cc=max-age%3D600");
        assertEquals("HIT", hit.header("x-cache"));
        assertEquals("o+filtered", hit.header("x-origin-header"), "stored as the app left it, not filtered again");
        assertEquals("origin answer 1 x-filter=null", hit.body(200));
        String metrics = admin(node, HttpMethod.GET, "/metrics", null).body(200);
        assertTrue(metrics.contains("wedge_cdn_phase_duration_seconds_count{app=\"once\",outcome=\"continue\","
                + "phase=\"response-headers\"} 1"), metrics);
        TestHttp.Reply everyTime = get(node, "cached.test", "/every?cc=max-age%3D600");
        assertEquals("o+filtered", get(node, "cached.test", "/every?cc=max-age%3D600").header("x-origin-header"),
                "on-every-response: the origin's header stored, filtered again on the hit");
        assertEquals("o+filtered", everyTime.header("x-origin-header"));
    }

    @Test
    void aBufferedSiteCachesTheOriginsBodyAndItsBodyAppRewritesEachAnswer() throws Exception {
        Node node = node();
        TestHttp.Reply miss = get(node, "buffered.test", "/doc");
        assertEquals("edge answer 1 x-filter=null", miss.body(200));
        TestHttp.Reply hit = get(node, "buffered.test", "/doc");
        assertEquals("edge answer 1 x-filter=null", hit.body(200));
        assertEquals("HIT", hit.header("x-cache"));
        assertEquals(1, origin.count("/doc"));
    }

    @Test
    void calloutsAreNeverCached() throws Exception {
        Node node = node();
        get(node, "callout.test", "/article?cc=max-age%3D600").body(200);
        TestHttp.Reply hit = get(node, "callout.test", "/article?cc=max-age%3D600");
        assertEquals("HIT", hit.header("x-cache"));
        assertEquals(1, origin.count("/article"));
        assertEquals(2, origin.count("/verdict"), "each request made its callout");
    }

    @Test
    void aHundredConcurrentMissesMakeOneOriginRequest() throws Exception {
        Node node = node();
        origin.gate = Promise.promise();
        List<Future<TestHttp.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            replies.add(send(node, "cached.test", "/hot?cc=max-age%3D600"));
        }
        pollUntil(() -> origin.count("/hot") == 1);
        origin.gate.complete();
        int hits = 0;
        StringBuilder seen = new StringBuilder();
        for (Future<TestHttp.Reply> reply : replies) {
            TestHttp.Reply answer = await(reply);
            seen.append(answer.status()).append(' ').append(answer.header("x-cache")).append(' ')
                    .append(answer.body()).append('\n');
        }
        for (Future<TestHttp.Reply> reply : replies) {
            TestHttp.Reply answer = await(reply);
            assertEquals("origin answer 1 x-filter=on", answer.body(200), seen.toString());
            hits += "HIT".equals(answer.header("x-cache")) ? 1 : 0;
        }
        assertEquals(99, hits);
        assertEquals(1, origin.count("/hot"));
    }

    @Test
    void theDiskTierSurvivesARestartOfTheNode() throws Exception {
        Node first = node();
        get(first, "cached.test", "/kept?cc=max-age%3D600").body(200);
        pollUntil(() -> "HIT".equals(get(first, "cached.test", "/kept?cc=max-age%3D600").header("x-cache")));
        await(first.close()); // waits for the disk write under way
        nodes.remove(first);
        TestHttp.Reply hit = get(node(), "cached.test", "/kept?cc=max-age%3D600");
        assertEquals("origin answer 1 x-filter=on", hit.body(200));
        assertEquals("HIT", hit.header("x-cache"));
        assertEquals(1, origin.count("/kept"));
    }

    @Test
    void purgesThroughTheAdminApiReachEveryNodeOnTheEventBus() throws Exception {
        Node one = node(dir.resolve("one"));
        Node two = node(dir.resolve("two"));
        for (Node node : List.of(one, two)) {
            get(node, "cached.test", "/news/a?cc=max-age%3D600&tag=news").body(200);
            get(node, "cached.test", "/news/b?cc=max-age%3D600").body(200);
        }
        JsonObject purged = admin(one, HttpMethod.POST, "/cache/purge", "{\"tag\": \"news\"}").json(200);
        assertEquals(1, purged.getInteger("purged"));
        assertEquals("MISS", get(one, "cached.test", "/news/a?cc=max-age%3D600&tag=news").header("x-cache"));
        pollUntil(() -> "MISS".equals(get(two, "cached.test", "/news/a?cc=max-age%3D600&tag=news")
                .header("x-cache")));
        admin(two, HttpMethod.POST, "/cache/purge", "{\"prefix\": \"cached.test/news/\"}").json(200);
        assertEquals("MISS", get(two, "cached.test", "/news/b?cc=max-age%3D600").header("x-cache"));
        assertEquals(400, admin(one, HttpMethod.POST, "/cache/purge", "{\"url\": \"a\", \"tag\": \"b\"}").status());
        assertEquals(400, admin(one, HttpMethod.POST, "/cache/purge", "not json").status());
        pollUntil(() -> "MISS".equals(get(one, "cached.test", "/news/b?cc=max-age%3D600").header("x-cache")));
        pollUntil(() -> "HIT".equals(get(one, "cached.test", "/news/b?cc=max-age%3D600").header("x-cache")));
        assertEquals(1, admin(one, HttpMethod.POST, "/cache/purge", "{\"all\": true}").json(200)
                .getInteger("purged")); // /news/b, stored again just above
    }

    @Test
    void theCliPurgesThroughTheAdminApi() throws Exception {
        Node node = node();
        get(node, "cached.test", "/cli?cc=max-age%3D600").body(200);
        String admin = "http://127.0.0.1:" + node.adminPort();
        var err = new java.io.StringWriter();
        var cli = dev.wedge.cli.WedgeCli.commandLine();
        cli.setErr(new java.io.PrintWriter(err, true));
        assertEquals(0, cli.execute("cache", "purge", "--url", "http://cached.test/cli?cc=max-age%3D600",
                "--admin", admin, "--token", TOKEN), err.toString());
        assertEquals("MISS", get(node, "cached.test", "/cli?cc=max-age%3D600").header("x-cache"));
        assertEquals(2, cli.execute("cache", "purge", "--admin", admin, "--token", TOKEN), "nothing named");
        assertEquals(2, cli.execute("cache", "purge", "--all", "--tag", "x", "--admin", admin, "--token", TOKEN));
        assertEquals(1, cli.execute("cache", "purge", "--all", "--admin", admin, "--token", "wrong"));
    }

    @Test
    void metricsCountHitsMissesAndBytesPerSite() throws Exception {
        Node node = node();
        get(node, "cached.test", "/m?cc=max-age%3D600").body(200);
        get(node, "cached.test", "/m?cc=max-age%3D600").body(200);
        String metrics = admin(node, HttpMethod.GET, "/metrics", null).body(200);
        assertTrue(metrics.contains("wedge_cache_hits_total{site=\"cached\"} 1.0"), metrics);
        assertTrue(metrics.contains("wedge_cache_misses_total{site=\"cached\"} 1.0"), metrics);
        assertTrue(metrics.contains("wedge_cache_served_bytes_total{site=\"cached\"} 27.0"), metrics);
        assertTrue(metrics.contains("wedge_cache_stored_bytes{site=\"cached\"}"), metrics);
    }

    /** Polls for what happens in the background, for at most 30 s. */
    private static void pollUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < until, "the condition did not hold within 30 s");
            Thread.sleep(10);
        }
    }
}

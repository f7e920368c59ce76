package dev.wedge.cdn;

import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.ConfigLoader;
import dev.wedge.config.NodeConfig;
import dev.wedge.node.Node;
import dev.wedge.observe.NodeMetrics;
import dev.wedge.server.TestHttp;
import dev.wedge.server.TestNodes;
import dev.wedge.settings.ConfigException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sites on a node, end to end, on both engines: a host routed through an app per phase in front of origin URLs
 * tried in order (the first a closed port), a failing app skipped when {@code interrupt-on-error} is off, a
 * private origin refused unless the site allows it, and an http app as the origin, in-process.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SiteTest {

    private static final String GUESTS = "verticles/src/test/resources/guests/";

    private CdnOrigin origin;
    private HttpClient client;
    private final Map<String, Node> nodes = new TreeMap<>();

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        origin = new CdnOrigin(vertx);
        int closed = closedPort(vertx);
        client = vertx.createHttpClient();
        for (String engine : new String[] {"chicory", "wasmtime"}) {
            String yaml = """
                    server: {host: 127.0.0.1, port: 0, engine: %1$s}
                    admin: {port: 0}
                    apps:
                      props: {module: %2$scdn_properties.wasm, routes: []}
                      stamp: {module: %2$scdn_headers.wasm, routes: [], max-response-bytes: 4096}
                      hostile: {module: %2$scdn_hostile.wasm, routes: []}
                      body: {module: %2$scdn_body.wasm, routes: [], max-response-bytes: 4096}
                      echo: {module: apps/echo/echo.wasm, routes: [/echo]}
                    sites:
                      shop:
                        hosts: [shop.test]
                        origin:
                          urls: [http://127.0.0.1:%3$d, %4$s]
                          host-header: origin.internal
                          allow-private: [127.0.0.1]
                        phases: {request-headers: props, response-headers: stamp}
                      lenient:
                        hosts: [lenient.test]
                        origin: {urls: [%4$s], allow-private: [127.0.0.1]}
                        app: hostile
                        interrupt-on-error: false
                      strict:
                        hosts: [strict.test]
                        origin: {urls: [%4$s], allow-private: [127.0.0.1]}
                        app: hostile
                      big:
                        hosts: [big.test]
                        origin: {urls: [%4$s], allow-private: [127.0.0.1]}
                        phases: {request-headers: stamp, response-headers: stamp}
                      buffered:
                        hosts: [buffered.test]
                        origin: {urls: [%4$s], allow-private: [127.0.0.1]}
                        phases: {response-headers: stamp, response-body: body}
                      closed:
                        hosts: [closed.test]
                        origin: {urls: [%4$s]}
                        app: stamp
                      local:
                        hosts: [local.test]
                        origin: {app: echo, host-header: origin.internal}
                        app: stamp
                      plain:
                        hosts: [plain.test]
                        origin: {urls: [%4$s], allow-private: [127.0.0.1]}
                      local-buffered:
                        hosts: [local-buffered.test]
                        origin: {app: echo}
                        phases: {response-headers: stamp, response-body: body}
                    """.formatted(engine, GUESTS, closed, origin.url());
            NodeConfig config = ConfigLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                    "sites.yaml", TestNodes.REPO, Map.of());
            nodes.put(engine, await(Node.start(vertx, config, (app, stream, level, text) -> { }, new NodeMetrics())));
        }
    }

    /** A port nothing listens on: one a server had, closed again. */
    private static int closedPort(Vertx vertx) {
        HttpServer server = await(vertx.createHttpServer().requestHandler(request -> { }).listen(0, "127.0.0.1"));
        int port = server.actualPort();
        await(server.close());
        return port;
    }

    @AfterAll
    void stop() throws Exception {
        nodes.values().forEach(node -> await(node.close()));
        origin.close();
    }

    private TestHttp.Reply get(String engine, String host, String target) {
        var options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                .setPort(nodes.get(engine).port()).setURI(target).addHeader("host", host);
        return await(TestHttp.exchange(client, options, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void eachPhaseRunsItsOwnAppAndTheNextOriginAnswers(String engine) {
        TestHttp.Reply reply = get(engine, "shop.test", "/page.html?x=1");
        String body = reply.body(200);
        assertTrue(body.startsWith("origin saw GET /page.html?x=1 host=origin.internal"), body);
        assertTrue(body.contains("x-seen-method=GET"), "the request-headers app ran: " + body);
        assertFalse(body.contains("x-filter=on"), "the response-headers app filtered the request: " + body);
        assertEquals("yes", reply.header("x-filtered"), "the response-headers app ran");
        assertEquals("o+filtered", reply.header("x-origin-header"));
        assertNull(reply.header("x-status"), "the request-headers app filtered the response");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aFailingAppIsSkippedWhenInterruptOnErrorIsOff(String engine) {
        String body = get(engine, "lenient.test", "/trap/request-headers").body(200);
        assertTrue(body.startsWith("origin saw GET /trap/request-headers"), body);
        TestHttp.Reply strict = get(engine, "strict.test", "/trap/request-headers");
        assertEquals(533, strict.status(), strict::toString);
        assertEquals("trap", strict.header("x-wedge-error"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void withoutABodyFilterTheOriginsBodyStreamsPastTheResponseLimit(String engine) {
        TestHttp.Reply reply = get(engine, "big.test", "/big");
        assertEquals(200, reply.status(), reply::toString);
        String body = reply.body();
        assertEquals(CdnOrigin.BIG_CHUNKS * 1024, body.length(), "the whole body, 64 times stamp's 4096 bytes");
        assertTrue(body.chars().allMatch(c -> c == 'x'));
        assertEquals("yes", reply.header("x-filtered"), "the response-headers app ran");
        TestHttp.Reply buffered = get(engine, "buffered.test", "/big");
        assertEquals(502, buffered.status(), buffered::toString);
        assertEquals("origin-failed", buffered.header("x-wedge-error"), "a body filter's limit holds");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aSiteWithoutAppsProxiesItsOriginAndStreams(String engine) {
        String body = get(engine, "plain.test", "/page.html?x=1").body(200);
        assertTrue(body.startsWith("origin saw GET /page.html?x=1 host=plain.test"), body);
        TestHttp.Reply big = get(engine, "plain.test", "/big");
        assertEquals(200, big.status(), big::toString);
        assertEquals(CdnOrigin.BIG_CHUNKS * 1024, big.body().length(), "the whole body, streamed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aPrivateOriginIsRefusedUnlessAllowed(String engine) {
        TestHttp.Reply reply = get(engine, "closed.test", "/page");
        String body = reply.body(502);
        assertEquals("origin-failed", reply.header("x-wedge-error"));
        assertTrue(body.contains("is not a public address"), body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void anHttpAppIsTheOriginInProcessBetweenTheFilterPhases(String engine) {
        TestHttp.Reply reply = get(engine, "local.test", "/page?x=1");
        var echoed = new io.vertx.core.json.JsonObject(reply.body(200));
        assertEquals("/page", echoed.getString("path"));
        assertEquals("x=1", echoed.getString("query"));
        var headers = echoed.getJsonObject("headers");
        assertEquals("on", headers.getString("x-filter"), "the request phase ran before the app: " + headers);
        assertEquals("origin.internal", headers.getString("host"));
        assertEquals("yes", reply.header("x-filtered"), "the response phase ran after the app");

        var big = TestHttp.request(HttpMethod.POST, nodes.get(engine).port(), "/", "host", "local-buffered.test");
        TestHttp.Reply tooLarge = await(TestHttp.exchange(client, big, io.vertx.core.buffer.Buffer.buffer(
                "y".repeat(8192))));
        assertEquals(502, tooLarge.status(), tooLarge::toString);
        assertEquals("origin-failed", tooLarge.header("x-wedge-error"), "a body filter's limit holds for an app too");
    }

    @Test
    void aSiteNamingAnUnknownAppIsRefused() {
        String yaml = """
                sites:
                  shop: {hosts: [shop.test], origin: {urls: ['http://example.org']}, app: nothing}
                """;
        var e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> ConfigLoader.load(
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "sites.yaml", TestNodes.REPO,
                Map.of()));
        assertTrue(e.getMessage().contains("sites.shop.app: no app named 'nothing'"), e.getMessage());
        String noOrigin = """
                apps:
                  stamp: {module: %scdn_headers.wasm, routes: []}
                sites:
                  shop: {hosts: [shop.test], origin: {app: nothing}, app: stamp}
                """.formatted(GUESTS);
        e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> ConfigLoader.load(
                new ByteArrayInputStream(noOrigin.getBytes(StandardCharsets.UTF_8)), "sites.yaml", TestNodes.REPO,
                Map.of()));
        assertTrue(e.getMessage().contains("sites.shop.origin.app: no app named 'nothing'"), e.getMessage());
    }
}

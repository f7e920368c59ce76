package dev.wedge.node;

import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.ConfigLoader;
import dev.wedge.config.NodeConfig;
import dev.wedge.observe.NodeMetrics;
import dev.wedge.server.TestHttp;
import dev.wedge.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The anonymous proxy (apps/templates/anon-proxy) end to end on a node, against an origin on loopback: headers that
 * tell who asked are dropped, a missing parameter is a 400, a private destination a 502; the calls show in the
 * metrics.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboundNodeTest {

    private HttpServer origin;
    private HttpClient client;
    private final Map<String, Node> nodes = new TreeMap<>();
    private final Map<String, NodeMetrics> metrics = new TreeMap<>();

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        origin = await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(request -> {
                    var seen = new StringBuilder();
                    request.headers().forEach(header -> seen.append(header.getKey().toLowerCase()).append('=')
                            .append(header.getValue()).append('\n'));
                    request.response().putHeader("x-origin", "yes").end(seen.toString());
                }).listen());
        client = vertx.createHttpClient();
        for (String engine : new String[] {"chicory", "wasmtime"}) {
            String yaml = """
                    server: {host: 127.0.0.1, port: 0, engine: %s}
                    admin: {port: 0}
                    apps:
                      proxy:
                        module: apps/templates/anon-proxy/anon-proxy.wasm
                        routes: [/proxy]
                        outbound: {allow-private: [127.0.0.1]}
                      strict:
                        module: apps/templates/anon-proxy/anon-proxy.wasm
                        routes: [/strict]
                    """.formatted(engine);
            NodeConfig config = ConfigLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                    "outbound.yaml", TestNodes.REPO, Map.of());
            var registry = new NodeMetrics();
            metrics.put(engine, registry);
            nodes.put(engine, await(Node.start(vertx, config, (app, stream, level, text) -> { }, registry)));
        }
    }

    @AfterAll
    void stop() {
        nodes.values().forEach(node -> await(node.close()));
        await(origin.close());
    }

    private TestHttp.Reply get(String engine, String target, String... headers) {
        return await(TestHttp.exchange(client, TestHttp.request(HttpMethod.GET, nodes.get(engine).port(), target,
                headers), null));
    }

    private String url(String path) {
        return URLEncoder.encode("http://127.0.0.1:" + origin.actualPort() + path, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void theProxyFetchesWithoutTellingWhoAsked(String engine) {
        TestHttp.Reply reply = get(engine, "/proxy?url=" + url("/page"), "Referer", "https://me.example/secret",
                "X-Keep", "kept", "Host", "edge.example");
        String seen = reply.body(200);
        assertEquals("yes", reply.header("x-origin"));
        assertTrue(seen.contains("x-keep=kept\n"), seen);
        assertTrue(seen.contains("host=127.0.0.1:" + origin.actualPort() + "\n"), seen);
        assertFalse(seen.contains("referer"), seen);
        assertFalse(seen.contains("edge.example"), seen);
        assertFalse(seen.contains("x-real-ip") || seen.contains("127.0.0.1\n"), "the client's address: " + seen);
        assertTrue(metrics.get(engine).scrape().contains(
                "wedge_outbound_calls_total{app=\"proxy\",host=\"127.0.0.1\",outcome=\"ok\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void withoutAUrlTheProxyAnswers400(String engine) {
        assertEquals("Missing 'url' query parameter\n", get(engine, "/proxy").body(400));
        assertEquals("Missing 'url' query parameter\n", get(engine, "/proxy?other=1").body(400));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void privateDestinationsAreRefusedUnlessAllowed(String engine) {
        assertEquals("cannot fetch the url: DESTINATION_NOT_ALLOWED\n",
                get(engine, "/strict?url=" + url("/page")).body(502));
        assertTrue(metrics.get(engine).scrape().contains(
                "wedge_outbound_calls_total{app=\"strict\",host=\"127.0.0.1\",outcome=\"destination-not-allowed\"}"));
    }
}

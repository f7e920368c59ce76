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
 * The Rust apps built on sdk/rust, end to end on a node of each engine: apps/anon-proxy-rust (the handler
 * body as written) against an origin on loopback, and apps/hello-rust (the FastEdge-style entry point).
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RustAppsNodeTest {

    private HttpServer origin;
    private HttpClient client;
    private final Map<String, Node> nodes = new TreeMap<>();

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        // The origin answers with the headers it was sent; /missing is a 404 with a type of its own.
        origin = await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(request -> {
                    if (request.path().equals("/missing")) {
                        request.response().setStatusCode(404).putHeader("content-type", "text/x-origin")
                                .end("no such page");
                        return;
                    }
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
                        module: apps/anon-proxy-rust/anon-proxy-rust.wasm
                        routes: [/proxy]
                        outbound: {allow-private: [127.0.0.1]}
                      strict:
                        module: apps/anon-proxy-rust/anon-proxy-rust.wasm
                        routes: [/strict]
                      hello:
                        module: apps/hello-rust/hello-rust.wasm
                        routes: [/hello]
                    """.formatted(engine);
            NodeConfig config = ConfigLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                    "rust.yaml", TestNodes.REPO, Map.of());
            nodes.put(engine, await(Node.start(vertx, config, (app, stream, level, text) -> { }, new NodeMetrics())));
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
    void theProxyFetchesAFreshRequestThatTellsNothingOfTheClient(String engine) {
        TestHttp.Reply reply = get(engine, "/proxy?url=" + url("/page?x=1"), "Referer", "https://me.example/secret",
                "X-Mine", "mine", "Host", "edge.example");
        String seen = reply.body(200);
        assertEquals("yes", reply.header("x-origin"));
        assertTrue(seen.contains("host=127.0.0.1:" + origin.actualPort() + "\n"), seen);
        for (String leak : new String[] {"referer", "x-mine", "edge.example", "x-real-ip", "geoip-", "server_name"}) {
            assertFalse(seen.contains(leak), leak + " reached the origin: " + seen);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void theOriginsStatusHeadersAndBodyPassThrough(String engine) {
        TestHttp.Reply reply = get(engine, "/proxy?url=" + url("/missing"));
        assertEquals("no such page", reply.body(404));
        assertEquals("text/x-origin", reply.header("content-type"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void anErrOfTheHandlerIsA500WithItsMessage(String engine) {
        assertEquals("Missing 'url' query parameter", get(engine, "/proxy").body(500));
        assertEquals("Missing 'url' query parameter", get(engine, "/proxy?other=1").body(500));
        TestHttp.Reply refused = get(engine, "/strict?url=" + url("/page"));
        assertEquals("host call failed: DESTINATION_NOT_ALLOWED", refused.body(500));
        assertEquals("text/plain; charset=utf-8", refused.header("content-type"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void helloAnswersInFastEdgesShape(String engine) {
        TestHttp.Reply reply = get(engine, "/hello?name=Ann");
        assertEquals("Hello from Ann (Rust)!\n", reply.body(200));
        assertEquals("text/plain; charset=utf-8", reply.header("content-type"));
        assertEquals("Hello from wedge (Rust)!\n", get(engine, "/hello").body(200));
    }
}

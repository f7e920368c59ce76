package dev.wedge.node;

import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.ConfigLoader;
import dev.wedge.config.NodeConfig;
import dev.wedge.server.TestHttp;
import dev.wedge.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The example apps of the AssemblyScript SDK (apps/hello-as, echo-as, kv-as) and the Go package (apps/kv-go, a
 * WAGI app) served by a node on both engines, answering as their C counterparts do (apps/hello, echo) and as each
 * other (kv-as, kv-go), both also calling a loopback origin; and apps/wagi-go, Go with only its standard library.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkAppsNodeTest {

    private static final String VISITS = "kv-stores: [visits], publish: {bus: [visits]}, env: {QUEUE: bus}, "
            + "outbound: {allow-private: [127.0.0.1]}, ";
    private static final Pattern PUBLISHED = Pattern.compile("published (\\S+)\n");

    private Node node;
    private HttpClient client;
    private HttpServer origin;

    static Stream<String> engines() {
        return Stream.of("chicory", "wasmtime");
    }

    /** Each example app once per engine, on host APP.ENGINE.test. */
    private static String config(Path dir) {
        String apps = engines().flatMap(engine -> Stream.of(
                app("hello", engine, ""), app("hello-as", engine, ""), app("echo", engine, ""),
                app("echo-as", engine, ""),
                app("kv-go", engine, VISITS), app("kv-as", engine, VISITS), app("wagi-go", engine, "")))
                .collect(Collectors.joining());
        return """
                server: {port: 0, workers: 4}
                admin: {port: 0}
                kv-stores: {visits: {backend: embedded, dir: "%s/kv"}}
                queues: {bus: {backend: embedded, dir: "%s/queues"}}
                apps:
                %s""".formatted(dir, dir, apps);
    }

    private static String app(String name, String engine, String extra) {
        return "  %s-%s: {module: apps/%s/%s.wasm, engine: %s, %sroutes: [%s.%s.test/]}\n"
                .formatted(name, engine, name, name, engine, extra, name, engine);
    }

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        origin = await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(request -> request.response().putHeader("content-type", "text/plain")
                        .end("origin saw " + request.path() + " accepting " + request.getHeader("accept") + "\n"))
                .listen());
        Path dir = Files.createTempDirectory("wedge-sdk-apps");
        NodeConfig config = ConfigLoader.load(new ByteArrayInputStream(config(dir).getBytes(StandardCharsets.UTF_8)),
                "test config", TestNodes.REPO, Map.of());
        node = await(Node.start(vertx, config, (app, stream, level, text) -> { }));
        client = vertx.createHttpClient();
    }

    @AfterAll
    void stop() {
        await(node.close());
        await(origin.close());
    }

    private TestHttp.Reply send(HttpMethod method, String host, String uri, String body, String... headers) {
        var options = TestHttp.request(method, node.port(), uri, headers).putHeader("host", host);
        return await(TestHttp.exchange(client, options, body == null ? null : Buffer.buffer(body)));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void helloInAssemblyScriptAnswersAsHelloInC(String engine) {
        TestHttp.Reply c = send(HttpMethod.GET, "hello." + engine + ".test", "/", null);
        TestHttp.Reply as = send(HttpMethod.GET, "hello-as." + engine + ".test", "/", null);
        assertEquals("Hello from wedge!\n", as.body(200));
        assertEquals(c.body(200), as.body(200));
        assertEquals(c.header("content-type"), as.header("content-type"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void echoInAssemblyScriptAnswersAsEchoInC(String engine) {
        String body = "{\"quote\": \"\\\"\", \"tab\": \"\t\", \"text\": \"héllo ✓\"}\n";
        String[] headers = {"x-demo", "1", "x-twice", "a", "x-twice", "b", "content-type", "application/json"};
        JsonObject c = send(HttpMethod.POST, "echo." + engine + ".test", "/some/path%20x?q=1&r", body, headers)
                .json(200);
        JsonObject as = send(HttpMethod.POST, "echo-as." + engine + ".test", "/some/path%20x?q=1&r", body, headers)
                .json(200);
        assertEquals("POST", as.getString("method"));
        assertEquals("/some/path%20x", as.getString("path"));
        assertEquals("q=1&r", as.getString("query"));
        assertEquals("http://echo-as." + engine + ".test/some/path%20x?q=1&r", as.getString("url"));
        assertEquals("a, b", as.getJsonObject("headers").getString("x-twice"));
        assertEquals(body, as.getString("body"));
        assertEquals(withoutHost(c), withoutHost(as), "the same answer but for the host");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void goWithOnlyItsStandardLibraryReadsTheBodyAndAnswersThroughCgi(String engine) {
        TestHttp.Reply reply = send(HttpMethod.POST, "wagi-go." + engine + ".test", "/some/path?q=1", "ten bytes!");
        assertEquals("Hello from Go! POST /some/path?q=1, 10 bytes of body\n", reply.body(200));
        assertEquals("text/plain", reply.header("content-type"));
    }

    /** An echo answer without what names the host it was sent to. */
    private static JsonObject withoutHost(JsonObject echo) {
        JsonObject copy = echo.copy();
        copy.remove("url");
        copy.getJsonObject("headers").remove("host");
        copy.getJsonObject("headers").remove("server_name");
        return copy;
    }

    @ParameterizedTest
    @MethodSource("engines")
    void kvGoCountsVisitsPerPathAndPublishesEach(String engine) {
        countsVisitsPerPathAndPublishesEach("kv-go." + engine + ".test");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void kvAsCountsVisitsPerPathAndPublishesEach(String engine) {
        countsVisitsPerPathAndPublishesEach("kv-as." + engine + ".test");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void kvAsFetchesFromAnOriginAndReportsARefusedOneByItsStatusName(String engine) {
        fetchesFromAnOriginAndReportsARefusedOne("kv-as." + engine + ".test", "DESTINATION_NOT_ALLOWED");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void kvGoFetchesFromAnOriginAndReportsARefusedOneByItsStatusName(String engine) {
        fetchesFromAnOriginAndReportsARefusedOne("kv-go." + engine + ".test", "wedge: DESTINATION_NOT_ALLOWED");
    }

    private void fetchesFromAnOriginAndReportsARefusedOne(String host, String refusal) {
        String fetched = send(HttpMethod.GET, host, "/f", null, "x-fetch",
                "http://127.0.0.1:" + origin.actualPort() + "/origin/path").body(200);
        assertTrue(fetched.endsWith("fetched 200 text/plain: origin saw /origin/path accepting text/plain\n"), fetched);
        assertEquals("fetching http://10.0.0.1/: " + refusal + "\n",
                send(HttpMethod.GET, host, "/f", null, "x-fetch", "http://10.0.0.1/").body(502));
    }

    private void countsVisitsPerPathAndPublishesEach(String host) {
        String first = send(HttpMethod.GET, host, "/a", null).body(200);
        assertTrue(first.startsWith("visit 1 of /a\n"), first);
        String second = send(HttpMethod.GET, host, "/a", null).body(200);
        assertTrue(second.startsWith("visit 2 of /a\n"), second);
        assertTrue(send(HttpMethod.GET, host, "/b", null).body(200).startsWith("visit 1 of /b\n"));
        assertNotEquals(published(first), published(second), "each visit is its own message");
    }

    private static String published(String answer) {
        Matcher m = PUBLISHED.matcher(answer);
        assertTrue(m.find(), answer);
        return m.group(1);
    }
}

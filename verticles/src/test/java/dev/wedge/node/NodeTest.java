package dev.wedge.node;

import static dev.wedge.server.TestHttp.exchange;
import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.WasmHost;
import dev.wedge.host.limits.Limits;
import dev.wedge.server.TestHttp;
import dev.wedge.server.TestHttp.Reply;
import dev.wedge.server.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A real node on loopback, called over HTTP, on both engines: routing, limits, isolation, resilience. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeTest {

    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private Vertx vertx;
    private HttpClient client;

    static Stream<String> engines() {
        return WasmHost.ENGINES.stream();
    }

    @BeforeAll
    void start(Vertx vertx) {
        this.vertx = vertx;
        this.client = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(64));
    }

    @AfterAll
    void stop() {
        nodes.values().forEach(node -> await(node.close()));
    }

    private Node node(String engine) {
        return nodes.computeIfAbsent(engine, name -> await(Node.start(vertx, TestNodes.node(name, List.of(
                TestNodes.spec("hello", TestNodes.app("hello"), Limits.DEFAULT, "/hello"),
                TestNodes.spec("echo", TestNodes.app("echo"), Limits.DEFAULT, "/echo", "*.wild.test/"),
                TestNodes.spec("tiny", TestNodes.app("echo"), Limits.DEFAULT.withMaxRequestBodyBytes(1024), "/tiny"),
                TestNodes.spec("probe", TestNodes.guest("probe"), TestNodes.SMALL, "probe.test/"),
                // the same guest under a short deadline, for the requests meant to run past it
                TestNodes.spec("runaway", TestNodes.guest("probe"), TestNodes.SHORT_DEADLINE, "runaway.test/"),
                TestNodes.spec("cgi", TestNodes.guest("wagi_probe"), TestNodes.SMALL, "/cgi"))),
                (app, stream, level, text) -> { })));
    }

    private Future<Reply> send(String engine, HttpMethod method, String host, String path, Buffer body) {
        var options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(node(engine).port())
                .setURI(path).putHeader("host", host);
        return exchange(client, options, body);
    }

    private Reply get(String engine, String host, String path) {
        return await(send(engine, HttpMethod.GET, host, path, null));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void routesByHostThenLongestPathPrefix(String engine) {
        assertEquals("Hello from wedge!\n", get(engine, "any.test", "/hello").body(200));
        assertEquals("/echo/a/b", get(engine, "any.test", "/echo/a/b").json(200).getString("path"));
        assertEquals(404, get(engine, "any.test", "/hellothere").status(), "prefixes end at a path segment");
        assertEquals("/z", get(engine, "x.wild.test", "/z").json(200).getString("path"));
        assertEquals("count=1\n", get(engine, "probe.test:8080", "/counter").body(200));
        Reply unrouted = get(engine, "any.test", "/nothing");
        assertEquals(404, unrouted.status());
        assertTrue(unrouted.body().contains("no app is routed at any.test/nothing"), unrouted.body());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void wagiAppsSeeTheirRoutePrefixAsScriptName(String engine) {
        String body = get(engine, "any.test", "/cgi/env?x=1").body(200);
        assertTrue(body.contains("SCRIPT_NAME=/cgi\n"), body);
        assertTrue(body.contains("PATH_INFO=/env\n"), body);
        assertTrue(body.contains("SERVER_PORT=" + node(engine).port() + "\n"), body);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void bodiesOverTheAppLimitGet413(String engine) {
        Reply small = await(send(engine, HttpMethod.POST, "any.test", "/tiny", Buffer.buffer("x".repeat(1024))));
        assertEquals(200, small.status(), small.body());
        Reply large = await(send(engine, HttpMethod.POST, "any.test", "/tiny", Buffer.buffer("x".repeat(1025))));
        assertEquals(413, large.status());
        assertEquals("body-too-large", large.header("x-wedge-error"));
        assertEquals(413, chunkedPost(engine, "/tiny", 40, 100).status(), "chunked bodies are counted as they come");
        assertEquals(200, get(engine, "any.test", "/hello").status());
    }

    private Reply chunkedPost(String engine, String path, int chunks, int chunkSize) {
        var options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                .setPort(node(engine).port()).setURI(path);
        return await(client.request(options).compose(request -> {
            request.setChunked(true);
            Future<HttpClientResponse> response = request.response();
            for (int i = 0; i < chunks; i++) {
                request.write(Buffer.buffer("y".repeat(chunkSize)));
            }
            request.end();
            return response.compose(TestHttp::read);
        }));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void runawayAppsAreStoppedWhileOthersKeepServing(String engine) {
        Future<Reply> loop = send(engine, HttpMethod.GET, "runaway.test", "/loop", null);
        Future<Reply> bomb = send(engine, HttpMethod.GET, "probe.test", "/membomb", null);
        Future<Reply> trap = send(engine, HttpMethod.GET, "probe.test", "/trap", null);
        List<Future<Reply>> others = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            others.add(send(engine, HttpMethod.GET, "any.test", "/hello", null));
        }
        for (Future<Reply> other : others) {
            assertEquals(200, await(other).status(), await(other).body());
        }
        assertEquals(532, await(loop).status(), await(loop).body());
        assertEquals("timeout", await(loop).header("x-wedge-error"));
        assertEquals(531, await(bomb).status(), await(bomb).body());
        assertEquals(533, await(trap).status(), await(trap).body());
        assertEquals(200, get(engine, "probe.test", "/counter").status());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void concurrentRequestsSeeOnlyTheirOwnData(String engine) {
        // Its own connection pool: nothing another test did to pooled connections can reach these requests.
        HttpClient client = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(64));
        List<Future<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            var options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                    .setPort(node(engine).port()).setURI("/echo/" + i).putHeader("x-id", "id-" + i);
            replies.add(exchange(client, options, Buffer.buffer("body-" + i)));
        }
        for (int i = 0; i < replies.size(); i++) {
            JsonObject echoed = await(replies.get(i)).json(200);
            assertEquals("/echo/" + i, echoed.getString("path"));
            assertEquals("id-" + i, echoed.getJsonObject("headers").getString("x-id"));
            assertEquals("body-" + i, echoed.getString("body"));
        }
        List<Future<Reply>> counters = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            counters.add(send(engine, HttpMethod.GET, "probe.test", "/counter", null));
        }
        for (Future<Reply> counter : counters) {
            assertEquals("count=1\n", await(counter).body(200), "no instance is reused");
        }
        await(client.close());
    }
}

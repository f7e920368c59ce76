package dev.wedge.node;

import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.WasmHost;
import dev.wedge.host.limits.Limits;
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

    record Reply(int status, Map<String, String> headers, String body) {}

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
                TestNodes.spec("cgi", TestNodes.guest("wagi_probe"), TestNodes.SMALL, "/cgi"))),
                (app, stream, level, text) -> { })));
    }

    private Future<Reply> send(String engine, HttpMethod method, String host, String path, Buffer body) {
        var options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(node(engine).port())
                .setURI(path).putHeader("host", host);
        return client.request(options)
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> response.body().map(buffer -> reply(response, buffer)));
    }

    private static Reply reply(HttpClientResponse response, Buffer body) {
        Map<String, String> headers = new ConcurrentHashMap<>();
        response.headers().forEach(header -> headers.put(header.getKey().toLowerCase(), header.getValue()));
        return new Reply(response.statusCode(), headers, body.toString());
    }

    private Reply get(String engine, String host, String path) {
        return await(send(engine, HttpMethod.GET, host, path, null));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void routesByHostThenLongestPathPrefix(String engine) {
        assertEquals("Hello from wedge!\n", get(engine, "any.test", "/hello").body());
        assertEquals("/echo/a/b", new JsonObject(get(engine, "any.test", "/echo/a/b").body()).getString("path"));
        assertEquals(404, get(engine, "any.test", "/hellothere").status(), "prefixes end at a path segment");
        assertEquals("/z", new JsonObject(get(engine, "x.wild.test", "/z").body()).getString("path"));
        assertEquals("count=1\n", get(engine, "probe.test:8080", "/counter").body());
        Reply unrouted = get(engine, "any.test", "/nothing");
        assertEquals(404, unrouted.status());
        assertTrue(unrouted.body().contains("no app is routed at any.test/nothing"), unrouted.body());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void wagiAppsSeeTheirRoutePrefixAsScriptName(String engine) {
        String body = get(engine, "any.test", "/cgi/env?x=1").body();
        assertTrue(body.contains("SCRIPT_NAME=/cgi\n"), body);
        assertTrue(body.contains("PATH_INFO=/env\n"), body);
        assertTrue(body.contains("SERVER_PORT=" + node(engine).port() + "\n"), body);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void bodiesOverTheAppLimitGet413(String engine) {
        Reply small = await(send(engine, HttpMethod.POST, "any.test", "/tiny", Buffer.buffer("x".repeat(1024))));
        assertEquals(200, small.status());
        Reply large = await(send(engine, HttpMethod.POST, "any.test", "/tiny", Buffer.buffer("x".repeat(1025))));
        assertEquals(413, large.status());
        assertEquals("body-too-large", large.headers().get("x-wedge-error"));
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
            return response.compose(r -> r.body().map(buffer -> reply(r, buffer)));
        }));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void runawayAppsAreStoppedWhileOthersKeepServing(String engine) {
        Future<Reply> loop = send(engine, HttpMethod.GET, "probe.test", "/loop", null);
        Future<Reply> bomb = send(engine, HttpMethod.GET, "probe.test", "/membomb", null);
        Future<Reply> trap = send(engine, HttpMethod.GET, "probe.test", "/trap", null);
        List<Future<Reply>> others = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            others.add(send(engine, HttpMethod.GET, "any.test", "/hello", null));
        }
        for (Future<Reply> other : others) {
            assertEquals(200, await(other).status());
        }
        assertEquals(532, await(loop).status());
        assertEquals("timeout", await(loop).headers().get("x-wedge-error"));
        assertEquals(531, await(bomb).status());
        assertEquals(533, await(trap).status());
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
            String body = "body-" + i;
            replies.add(client.request(options).compose(request -> request.send(body))
                    .compose(response -> response.body().map(buffer -> reply(response, buffer))));
        }
        for (int i = 0; i < replies.size(); i++) {
            Reply reply = await(replies.get(i));
            assertEquals(200, reply.status(), reply.toString());
            JsonObject echoed = new JsonObject(reply.body());
            assertEquals("/echo/" + i, echoed.getString("path"));
            assertEquals("id-" + i, echoed.getJsonObject("headers").getString("x-id"));
            assertEquals("body-" + i, echoed.getString("body"));
        }
        List<Future<Reply>> counters = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            counters.add(send(engine, HttpMethod.GET, "probe.test", "/counter", null));
        }
        for (Future<Reply> counter : counters) {
            assertEquals("count=1\n", await(counter).body(), "no instance is reused");
        }
        await(client.close());
    }
}

package dev.wedge.node;

import static dev.wedge.server.TestHttp.exchange;
import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wedge.config.AppSpec;
import dev.wedge.config.NodeConfig;
import dev.wedge.config.RouteSpec;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.kv.KvBinding;
import dev.wedge.host.kv.KvCapability;
import dev.wedge.host.limits.Limits;
import dev.wedge.kv.KvStoreConfig;
import dev.wedge.kv.RedisFixture;
import dev.wedge.server.TestHttp;
import dev.wedge.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The example KV apps served by a node over HTTP, with an embedded store and a real Redis, seeded at start. */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KvNodeTest {

    record Reply(int status, String body) {}

    /** Redis calls' default deadline (1 s) would hold every call of these tests, none of which is about it. */
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(30);

    private RedisFixture redis;
    private Node node;
    private HttpClient client;

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        redis = new RedisFixture();
        Path dir = Files.createTempDirectory("wedge-kv");
        Path seed = Files.writeString(dir.resolve("seed.json"), "{\"seeded\": \"from a file\", \"n\": 7}");
        List<KvStoreConfig> stores = List.of(
                KvStoreConfig.of("embedded", "embedded", dir.toString()),
                KvStoreConfig.of("redis", "redis", redis.url()).withPrefix("pop1:").withTimeout(REDIS_TIMEOUT));
        List<AppSpec> apps = Stream.of("embedded", "redis").flatMap(store -> Stream.of(
                app("api-" + store, "kv-api", store, "api." + store + ".test/", Map.of(store, seed)),
                app("counter-" + store, "counter", store, "count." + store + ".test/", Map.of()))).toList();
        node = await(Node.start(vertx, new NodeConfig("127.0.0.1", 0, 8, "chicory", stores, apps),
                (app, stream, level, text) -> { }));
        client = vertx.createHttpClient();
    }

    private static AppSpec app(String name, String module, String store, String route, Map<String, Path> seed) {
        var config = new AppConfig(name, null, Map.of("STORE", store), Limits.DEFAULT)
                .with(KvCapability.SETTINGS, new KvBinding(Set.of(store)));
        try {
            return new AppSpec(config, TestNodes.app(module), null, List.of(RouteSpec.parse(route)), 0, seed);
        } catch (dev.wedge.settings.ConfigException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @AfterAll
    void stop() {
        await(node.close());
        redis.close();
    }

    static Stream<String> stores() {
        return Stream.of("embedded", "redis");
    }

    private Reply call(HttpMethod method, String host, String path, String body) {
        var options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(node.port()).setURI(path)
                .putHeader("host", host);
        TestHttp.Reply reply = await(exchange(client, options, body == null ? null : Buffer.buffer(body)));
        return new Reply(reply.status(), reply.body());
    }

    @ParameterizedTest
    @MethodSource("stores")
    void kvApiStoresReadsScansAndDeletes(String store) {
        String api = "api." + store + ".test";
        assertEquals(new Reply(200, "from a file"), call(HttpMethod.GET, api, "/seeded", null), "seeded at start");
        assertEquals(new Reply(200, "7"), call(HttpMethod.GET, api, "/n", null), "non-strings as JSON text");
        assertEquals(204, call(HttpMethod.PUT, api, "/greeting", "hello").status());
        assertEquals(204, call(HttpMethod.PUT, api, "/guest", "x").status());
        assertEquals(new Reply(200, "hello"), call(HttpMethod.GET, api, "/greeting", null));
        assertEquals(new Reply(200, "[\"greeting\",\"guest\"]\n"), call(HttpMethod.GET, api, "/?scan=g*", null));
        assertEquals(204, call(HttpMethod.DELETE, api, "/greeting", null).status());
        assertEquals(404, call(HttpMethod.GET, api, "/greeting", null).status());
        assertEquals(404, call(HttpMethod.DELETE, api, "/greeting", null).status());
    }

    @ParameterizedTest
    @MethodSource("stores")
    void countersCountAndAreSeparatePerApp(String store) {
        String counter = "count." + store + ".test";
        assertEquals(new Reply(200, "visits: 1\n"), call(HttpMethod.GET, counter, "/", null));
        assertEquals(new Reply(200, "visits: 2\n"), call(HttpMethod.GET, counter, "/", null));
        assertEquals(404, call(HttpMethod.GET, "api." + store + ".test", "/visits", null).status(),
                "the kv-api app shares the store but not the counter's namespace");
    }
}

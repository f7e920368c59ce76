package dev.wedge.node;

import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.ConfigLoader;
import dev.wedge.config.NodeConfig;
import dev.wedge.observe.NodeMetrics;
import dev.wedge.server.TestHttp;
import dev.wedge.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The surface of sdk/rust through apps/tour-rust on a node of each engine: configuration, secrets with slots,
 * client info, every key-value operation, a publish and the message handler it triggers, and an SDK error that
 * becomes a 500.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TourRustNodeTest {

    private static final long WAIT_SECONDS = 60;
    private static final long POLL_MILLIS = 100;
    private HttpClient client;
    private final Map<String, Node> nodes = new TreeMap<>();

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        client = vertx.createHttpClient();
        for (String engine : new String[] {"chicory", "wasmtime"}) {
            Path data = Files.createTempDirectory("wedge-tour-rust");
            String yaml = """
                    server: {host: 127.0.0.1, port: 0, engine: %s}
                    admin: {port: 0}
                    kv-stores:
                      local: {backend: embedded, dir: %s}
                    queues:
                      bus: {backend: embedded, dir: %s}
                    apps:
                      tour:
                        module: apps/tour-rust/tour-rust.wasm
                        routes: [tour.test/]
                        env: {GREETING: hi}
                        dictionary: {COLOR: blue}
                        secrets:
                          TOKEN:
                            - {effective-from: 0, value: old-token}
                            - {effective-from: 4102444800, value: new-token}
                        kv-stores: [local]
                        publish: {bus: [t1]}
                        triggers:
                          - {queue: bus, topic: t1}
                      unbound:
                        module: apps/tour-rust/tour-rust.wasm
                        routes: [unbound.test/]
                    """.formatted(engine, data.resolve("kv"), data.resolve("queues"));
            NodeConfig config = ConfigLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                    "tour.yaml", TestNodes.REPO, Map.of());
            nodes.put(engine, await(Node.start(vertx, config, (app, stream, level, text) -> { }, new NodeMetrics())));
        }
    }

    @AfterAll
    void stop() {
        nodes.values().forEach(node -> await(node.close()));
    }

    private TestHttp.Reply send(String engine, HttpMethod method, String host, String target, String body) {
        var options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(nodes.get(engine).port())
                .setURI(target).addHeader("Host", host).addHeader("X-Demo", "1");
        return await(TestHttp.exchange(client, options, body == null ? null : Buffer.buffer(body)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void configurationSecretsAndClientInfoReachTheApp(String engine) {
        TestHttp.Reply reply = send(engine, HttpMethod.GET, "tour.test", "/config?a=1&a=2+3&at=4102444801", null);
        assertEquals("""
                env=hi
                dictionary=blue
                secret=old-token
                secret-at=new-token
                server-name=tour.test
                client-ip=127.0.0.1
                header=1
                query-a=1,2 3
                """, reply.body(200));
        assertEquals("GET", reply.header("x-tour"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void everyKeyValueOperationWorks(String engine) {
        assertEquals("""
                get=two
                incr=42
                get-many=42,-,two
                exists=true,false
                cas=true,false
                cas-absent=true
                scan=a,b,c
                zrange=one:1.5,two:2
                zscan=two
                delete=true,false
                """, send(engine, HttpMethod.GET, "tour.test", "/kv", null).body(200));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aPublishedMessageReachesTheMessageHandler(String engine) throws InterruptedException {
        assertEquals("published=true\n",
                send(engine, HttpMethod.POST, "tour.test", "/publish?topic=t1", "hello-" + engine).body(200));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        TestHttp.Reply stored = send(engine, HttpMethod.GET, "tour.test", "/get?key=message:t1", null);
        while (stored.status() == 404 && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS); // the pace of the polling, not a wait for anything
            stored = send(engine, HttpMethod.GET, "tour.test", "/get?key=message:t1", null);
        }
        assertEquals("topic=t1 key=k1 attempt=1 header=yes payload=hello-" + engine, stored.body(200));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void anSdkErrorIsA500WithItsMessage(String engine) {
        TestHttp.Reply reply = send(engine, HttpMethod.GET, "unbound.test", "/kv", null);
        assertEquals("host call failed: ACCESS_DENIED", reply.body(500));
        assertTrue(reply.header("content-type").startsWith("text/plain"));
    }
}

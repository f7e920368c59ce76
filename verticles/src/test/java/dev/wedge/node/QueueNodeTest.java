package dev.wedge.node;

import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.AppSpec;
import dev.wedge.config.NodeConfig;
import dev.wedge.config.RouteSpec;
import dev.wedge.config.TriggerSpec;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.limits.Limits;
import dev.wedge.host.queue.QueueBinding;
import dev.wedge.host.queue.QueueCapability;
import dev.wedge.queue.KafkaFixture;
import dev.wedge.queue.QueueConfig;
import dev.wedge.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Apps publishing and apps triggered by queues, on a node, with the embedded queue and a real Kafka: the orders
 * app publishes over HTTP, order-stats consumes, and a message it cannot handle ends in the dead-letter topic,
 * where a third app is triggered by it.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueueNodeTest {

    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private final List<String> logs = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch expectedLogs = new CountDownLatch(0);
    private volatile String expectedText = "";
    private final Set<String> pendingIds = ConcurrentHashMap.newKeySet();
    private CountDownLatch consumedLatch = new CountDownLatch(0);
    private Vertx vertx;
    private KafkaFixture kafka;
    private HttpClient client;

    @BeforeAll
    void start(Vertx vertx) {
        this.vertx = vertx;
        this.kafka = new KafkaFixture();
        this.client = vertx.createHttpClient();
    }

    @AfterAll
    void stop() {
        nodes.values().forEach(node -> await(node.close()));
        kafka.close();
    }

    static Stream<String> backends() {
        return Stream.of("embedded", "kafka");
    }

    private Node node(String backend) {
        return nodes.computeIfAbsent(backend, name -> {
            try {
                QueueConfig bus = name.equals("kafka")
                        ? QueueConfig.of("bus", "kafka", kafka.bootstrap()).withTimeout(Duration.ofSeconds(2))
                        : QueueConfig.of("bus", "embedded", Files.createTempDirectory("wedge-q").toString());
                var shop = new QueueBinding("shop-" + name, Map.of("bus", Set.of("orders")));
                var fast = new TriggerSpec("bus", "orders", "stats", 3, Duration.ofMillis(10));
                var dead = new TriggerSpec("bus", "orders.dlq", "watch", 1, Duration.ofMillis(10));
                List<AppSpec> apps = List.of(
                        app("orders", TestNodes.app("orders"), shop, "/orders", List.of()),
                        app("order-stats", TestNodes.app("order-stats"), shop, null, List.of(fast)),
                        app("probe", TestNodes.guest("queue_probe"), shop, "/probe", List.of(dead)));
                var config = new NodeConfig("127.0.0.1", 0, 8, "chicory", List.of(), List.of(bus), apps);
                return await(Node.start(vertx, config, (app, stream, level, text) -> record(app + ": " + text)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static AppSpec app(String name, java.nio.file.Path module, QueueBinding queues, String route,
            List<TriggerSpec> triggers) {
        var config = new AppConfig(name, null, Map.of("QUEUE", "bus"), Map.of(), Limits.DEFAULT)
                .with(QueueCapability.SETTINGS, queues);
        try {
            List<RouteSpec> routes = route == null ? List.of() : List.of(RouteSpec.parse(route));
            return new AppSpec(config, module, null, routes, 0, Map.of(), triggers);
        } catch (dev.wedge.settings.ConfigException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private synchronized void record(String line) {
        logs.add(line);
        if (line.contains(expectedText)) {
            expectedLogs.countDown();
        }
        for (String id : Set.copyOf(pendingIds)) {
            if (line.endsWith(" message=" + id)) {
                pendingIds.remove(id);
                consumedLatch.countDown();
            }
        }
    }

    /** Counts down once order-stats has logged each of these message ids (already or later). */
    private synchronized CountDownLatch consumed(List<String> ids) {
        pendingIds.clear();
        ids.stream().filter(id -> logs.stream().noneMatch(line -> line.endsWith(" message=" + id)))
                .forEach(pendingIds::add);
        consumedLatch = new CountDownLatch(pendingIds.size());
        return consumedLatch;
    }

    private synchronized void expect(String text, int count) {
        logs.clear();
        expectedText = text;
        expectedLogs = new CountDownLatch(count);
    }

    private void awaitLogs() throws InterruptedException {
        assertTrue(expectedLogs.await(60, TimeUnit.SECONDS), "waiting for '" + expectedText + "' in " + logs);
    }

    private JsonObject post(String backend, String path, String body, int status) {
        var options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                .setPort(node(backend).port()).setURI(path);
        var reply = await(client.request(options).compose(request -> request.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(buffer -> {
                    assertEquals(status, response.statusCode(), buffer.toString());
                    return buffer.toString();
                })));
        return reply.startsWith("{") ? new JsonObject(reply) : new JsonObject().put("text", reply);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void publishedOrdersAreConsumedByTheTriggeredApp(String backend) throws Exception {
        node(backend);
        expect("order customer=", 20);
        List<String> messageIds = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            JsonObject accepted = post(backend, "/orders", "{\"id\":\"o-" + i + "\",\"customer\":\"c-" + (i % 3)
                    + "\",\"amount\":" + (i + 1) + ".5}", 202);
            assertEquals("o-" + i, accepted.getString("accepted"));
            messageIds.add(accepted.getString("message"));
        }
        awaitLogs();
        for (String id : messageIds) {
            assertTrue(logs.stream().anyMatch(line -> line.startsWith("order-stats: order customer=")
                    && line.endsWith(" message=" + id)), "message " + id + " consumed: " + logs);
        }
        assertTrue(logs.stream().anyMatch(line -> line.equals("order-stats: order customer=c-0 cents=150 message="
                + messageIds.get(0))), "amount 1.5 is 150 cents: " + logs);
        post(backend, "/orders", "{\"id\":\"\"}", 400); // invalid orders are refused, not published
    }

    @org.junit.jupiter.api.Test
    void publishesWhileKafkaIsDownFailInTimeAndNoAcceptedOrderIsLost() throws Exception {
        node("kafka");
        List<String> accepted = new java.util.ArrayList<>();
        accepted.add(post("kafka", "/orders", order("before"), 202).getString("message"));
        kafka.stop();
        try {
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                String body = order("down-" + i);
                var options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                        .setPort(node("kafka").port()).setURI("/orders");
                int status = await(client.request(options).compose(request -> request.send(body))
                        .map(response -> response.statusCode()));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(503, status, "a publish that cannot be confirmed is reported");
                assertTrue(millis < 6_000, "reported after " + millis + " ms (queue timeout 2 s)");
            }
        } finally {
            kafka.start();
        }
        for (String id : List.of("after-1", "after-2")) {
            accepted.add(post("kafka", "/orders", order(id), 202).getString("message"));
        }
        assertTrue(consumed(accepted).await(60, TimeUnit.SECONDS), "accepted " + accepted + ", logs " + logs);
    }

    private static String order(String id) {
        return "{\"id\":\"" + id + "\",\"customer\":\"c-1\",\"amount\":1}";
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aMessageThatKeepsFailingEndsInTheDeadLetterTopic(String backend) throws Exception {
        node(backend);
        expect("topic=orders.dlq", 1);
        post(backend, "/probe", "publish bus orders k-bad not-json", 200);
        awaitLogs();
        String dead = logs.stream().filter(line -> line.contains("topic=orders.dlq")).findFirst().orElseThrow();
        assertTrue(dead.contains("payload=not-json"), dead);
        assertTrue(dead.contains("key=k-bad"), dead);
        long failures = logs.stream().filter(line -> line.startsWith("order-stats: bad order")).count();
        assertEquals(3, failures, "three attempts before dead-lettering: " + logs);
    }
}

package dev.wedge.node;

import static dev.wedge.server.TestHttp.exchange;
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
import dev.wedge.server.TestHttp.Reply;
import dev.wedge.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
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
import org.junit.jupiter.api.Test;
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

    /** A node of its own for the test that stops Kafka: its own topics, and the one short publish deadline. */
    private static final String KAFKA_DOWN = "kafka-down";
    /** How long the other Kafka node's publishes may wait for the broker: no test of its is about it. */
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DOWN_TIMEOUT = Duration.ofSeconds(2);
    /**
     * A publish Kafka cannot confirm is answered after the queue timeout plus the queue's 1 s margin: 3 s. Ten
     * times that still tells the node's deadline from Kafka's own (60 s blocking, 120 s delivery).
     */
    private static final long DOWN_ANSWER_MILLIS = 30_000;
    /** Bounds waits for something that should happen (a message consumed, Kafka back), not how fast. */
    private static final long WAIT_SECONDS = 60;
    private static final long POLL_MILLIS = 100;

    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    /** What the apps logged, each line as "node/app: text". */
    private final List<String> logs = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch expectedLogs = new CountDownLatch(0);
    private volatile String expectedPrefix = "";
    private volatile String expectedText = "";
    private volatile String pendingNode = "";
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

    /** The node named {@code name}: "embedded", "kafka" or {@link #KAFKA_DOWN}. */
    private Node node(String name) {
        return nodes.computeIfAbsent(name, this::startNode);
    }

    private Node startNode(String name) {
        var shop = new QueueBinding("shop-" + name, Map.of("bus", Set.of("orders")));
        var fast = new TriggerSpec("bus", "orders", "stats", 3, Duration.ofMillis(10));
        var dead = new TriggerSpec("bus", "orders.dlq", "watch", 1, Duration.ofMillis(10));
        List<AppSpec> apps = List.of(
                app("orders", TestNodes.app("orders"), shop, "/orders", List.of()),
                app("order-stats", TestNodes.app("order-stats"), shop, null, List.of(fast)),
                app("probe", TestNodes.guest("queue_probe"), shop, "/probe", List.of(dead)));
        var config = new NodeConfig("127.0.0.1", 0, 8, "chicory", List.of(), List.of(queue(name)), apps);
        return await(Node.start(vertx, config, (app, stream, level, text) -> record(name + "/" + app + ": " + text)));
    }

    private QueueConfig queue(String node) {
        if (node.equals("embedded")) {
            try {
                return QueueConfig.of("bus", "embedded", Files.createTempDirectory("wedge-q").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return QueueConfig.of("bus", "kafka", kafka.bootstrap())
                .withTimeout(node.equals(KAFKA_DOWN) ? DOWN_TIMEOUT : KAFKA_TIMEOUT);
    }

    private static AppSpec app(String name, java.nio.file.Path module, QueueBinding queues, String route,
            List<TriggerSpec> triggers) {
        var config = new AppConfig(name, null, Map.of("QUEUE", "bus"), Limits.DEFAULT)
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
        if (line.startsWith(expectedPrefix) && line.contains(expectedText)) {
            expectedLogs.countDown();
        }
        for (String id : Set.copyOf(pendingIds)) {
            if (counts(line, pendingNode, id)) {
                pendingIds.remove(id);
                consumedLatch.countDown();
            }
        }
    }

    /** Whether {@code line} is order-stats of {@code node} counting the order in message {@code id}. */
    private static boolean counts(String line, String node, String id) {
        return line.startsWith(node + "/order-stats: order customer=") && line.endsWith(" message=" + id);
    }

    /** Counts down once order-stats of {@code node} has counted each of these message ids (already or later). */
    private synchronized CountDownLatch consumed(String node, List<String> ids) {
        pendingIds.clear();
        pendingNode = node;
        ids.stream().filter(id -> logs.stream().noneMatch(line -> counts(line, node, id))).forEach(pendingIds::add);
        consumedLatch = new CountDownLatch(pendingIds.size());
        return consumedLatch;
    }

    private synchronized void expect(String node, String text, int count) {
        clearLogs();
        expectedPrefix = node + "/";
        expectedText = text;
        expectedLogs = new CountDownLatch(count);
    }

    private synchronized void clearLogs() {
        logs.clear();
    }

    private void awaitLogs() throws InterruptedException {
        assertTrue(expectedLogs.await(WAIT_SECONDS, TimeUnit.SECONDS),
                "waiting for '" + expectedPrefix + "...' lines with '" + expectedText + "' in " + logs);
    }

    private Reply send(String node, String path, String body) {
        var options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                .setPort(node(node).port()).setURI(path);
        return await(exchange(client, options, Buffer.buffer(body)));
    }

    private JsonObject post(String node, String path, String body, int status) {
        String reply = send(node, path, body).body(status);
        return reply.startsWith("{") ? new JsonObject(reply) : new JsonObject().put("text", reply);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void publishedOrdersAreConsumedByTheTriggeredApp(String backend) throws Exception {
        node(backend);
        clearLogs();
        List<String> messageIds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            JsonObject accepted = post(backend, "/orders", "{\"id\":\"o-" + i + "\",\"customer\":\"c-" + (i % 3)
                    + "\",\"amount\":" + (i + 1) + ".5}", 202);
            assertEquals("o-" + i, accepted.getString("accepted"));
            messageIds.add(accepted.getString("message"));
        }
        assertTrue(consumed(backend, messageIds).await(WAIT_SECONDS, TimeUnit.SECONDS),
                "every message consumed: " + messageIds + ", logs " + logs);
        assertTrue(logs.contains(backend + "/order-stats: order customer=c-0 cents=150 message=" + messageIds.get(0)),
                "amount 1.5 is 150 cents: " + logs);
        post(backend, "/orders", "{\"id\":\"\"}", 400); // invalid orders are refused, not published
    }

    @Test
    void publishesWhileKafkaIsDownFailInTimeAndNoAcceptedOrderIsLost() throws Exception {
        node(KAFKA_DOWN);
        List<String> accepted = new ArrayList<>();
        accepted.add(acceptedOnceKafkaAnswers("before"));
        kafka.stop();
        try {
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                Reply refused = send(KAFKA_DOWN, "/orders", order("down-" + i));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(503, refused.status(), "a publish that cannot be confirmed is reported: "
                        + refused.body());
                assertTrue(millis < DOWN_ANSWER_MILLIS, "reported after " + millis + " ms (queue timeout 2 s)");
            }
        } finally {
            kafka.start();
        }
        for (String id : List.of("after-1", "after-2")) {
            accepted.add(acceptedOnceKafkaAnswers(id));
        }
        assertTrue(consumed(KAFKA_DOWN, accepted).await(WAIT_SECONDS, TimeUnit.SECONDS),
                "accepted " + accepted + ", logs " + logs);
    }

    /**
     * Publishes an order until it is accepted: the node's producer finds the broker (first contact, a new topic,
     * a restarted broker) in its own time, within the short deadline or not, and until then answers 503 (not
     * accepted, so nothing to lose). Bounded by {@link #WAIT_SECONDS}.
     */
    private String acceptedOnceKafkaAnswers(String id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        Reply reply = send(KAFKA_DOWN, "/orders", order(id));
        while (reply.status() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS); // the pace of the polling, not a wait for anything
            reply = send(KAFKA_DOWN, "/orders", order(id));
        }
        return reply.json(202).getString("message");
    }

    private static String order(String id) {
        return "{\"id\":\"" + id + "\",\"customer\":\"c-1\",\"amount\":1}";
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aMessageThatKeepsFailingEndsInTheDeadLetterTopic(String backend) throws Exception {
        node(backend);
        expect(backend, "topic=orders.dlq", 1);
        post(backend, "/probe", "publish bus orders k-bad not-json", 200);
        awaitLogs();
        String dead = logs.stream().filter(line -> line.startsWith(backend + "/") && line.contains("topic=orders.dlq"))
                .findFirst().orElseThrow();
        assertTrue(dead.contains("payload=not-json"), dead);
        assertTrue(dead.contains("key=k-bad"), dead);
        long failures = logs.stream().filter(line -> line.startsWith(backend + "/order-stats: bad order")).count();
        assertEquals(3, failures, "three attempts before dead-lettering: " + logs);
    }
}

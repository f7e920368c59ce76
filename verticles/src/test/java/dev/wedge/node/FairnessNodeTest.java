package dev.wedge.node;

import static dev.wedge.server.TestHttp.exchange;
import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.AdminConfig;
import dev.wedge.config.AppSpec;
import dev.wedge.config.DeployConfig;
import dev.wedge.config.FairnessConfig;
import dev.wedge.config.NodeConfig;
import dev.wedge.config.RouteSpec;
import dev.wedge.config.TriggerSpec;
import dev.wedge.host.WasmHost;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.limits.Limits;
import dev.wedge.host.queue.QueueBinding;
import dev.wedge.host.queue.QueueCapability;
import dev.wedge.observe.NodeMetrics;
import dev.wedge.queue.QueueConfig;
import dev.wedge.server.TestHttp.Reply;
import dev.wedge.server.TestNodes;
import dev.wedge.settings.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How a node shares its workers between apps (issue 12): an app's share while a neighbour has work, the penalty
 * box, and requests whose clients went away. Apps that must hold a worker run the {@code endless} guest, which
 * never ends by itself: its requests are ended by closing their connections, which is the point of some tests
 * and the cleanup of the others.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FairnessNodeTest {

    private static final String TOKEN = "fairness-token";
    /** Runs that are stopped only by their client leaving: a deadline no test reaches. */
    private static final Limits ENDLESS = TestNodes.SMALL.withTimeout(Duration.ofMinutes(10));
    /** Bounds waits for something that should happen (a guest started, stopped), far below ENDLESS's deadline. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** One guest per app while another app has work, whatever the machine's cores. */
    private static final FairnessConfig SHARE_ONE = new FairnessConfig(1, 5, Duration.ofSeconds(10),
            Duration.ofSeconds(10), Duration.ofMinutes(5));

    private final List<Node> nodes = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final List<String> logs = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private HttpClient client;

    static Stream<String> engines() {
        return WasmHost.ENGINES.stream();
    }

    @BeforeAll
    void start(Vertx vertx) {
        this.vertx = vertx;
        this.client = vertx.createHttpClient(new PoolOptions().setHttp1MaxSize(32));
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close(); // ends the endless guests, so the node closes at once
        }
        sockets.clear();
        nodes.forEach(node -> await(node.close()));
        nodes.clear();
    }

    private Node node(NodeConfig config, NodeMetrics metrics) {
        Node node = await(Node.start(vertx, config, (app, stream, level, text) -> logs.add(app + ": " + text),
                metrics));
        nodes.add(node);
        return node;
    }

    private static AppSpec app(String name, Path module, Limits limits, int maxConcurrent, String route) {
        return app(new AppConfig(name, null, Map.of(), limits), module, maxConcurrent, route, List.of());
    }

    private static AppSpec app(AppConfig config, Path module, int maxConcurrent, String route,
            List<TriggerSpec> triggers) {
        try {
            return new AppSpec(config, module, null, List.of(RouteSpec.parse(route)), maxConcurrent, Map.of(),
                    triggers);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Sends a GET on a raw connection and leaves it open: closing the socket is the client going away. */
    private Socket open(Node node, String path) throws IOException {
        var socket = new Socket("127.0.0.1", node.port());
        sockets.add(socket);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** The clients go away. */
    private static void close(List<Socket> clients) throws IOException {
        for (Socket socket : clients) {
            socket.close();
        }
    }

    private Future<Reply> get(Node node, String path) {
        return exchange(client, new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                .setPort(node.port()).setURI(path), null);
    }

    /** A sample of the Prometheus text: the metric {@code name} whose labels include {@code labels}; 0 if none. */
    private static double metric(NodeMetrics metrics, String name, String... labels) {
        for (String line : metrics.scrape().split("\n")) {
            int open = line.indexOf('{');
            int close = line.indexOf('}');
            if (open > 0 && close > open && line.substring(0, open).equals(name)
                    && List.of(line.substring(open + 1, close).split(",")).containsAll(List.of(labels))) {
                return Double.parseDouble(line.substring(close + 1).trim().split(" ")[0]);
            }
        }
        return 0;
    }

    private static double running(NodeMetrics metrics, String app) {
        return metric(metrics, "wedge_app_running", "app=\"" + app + "\"");
    }

    private static double waiting(NodeMetrics metrics, String app) {
        return metric(metrics, "wedge_app_waiting", "app=\"" + app + "\"");
    }

    /** Polls until {@code condition} holds; fails after {@link #WAIT}. Bounds the wait, never paces the test. */
    private static void eventually(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(5); // a polling interval, not a wait for anything to happen
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Two apps whose guests never end, and a quick one. Once their guests run long, each long app gets one guest
     * while the other has work, though six of eight workers are free; the quick app's requests are all answered
     * while the long apps' requests still wait behind their share.
     */
    @ParameterizedTest
    @MethodSource("engines")
    void whileANeighbourHasWorkAnAppRunsOnlyItsShareAndTheQuickAppIsServed(String engine) throws IOException {
        var metrics = new NodeMetrics();
        Node node = node(withAdmin(TestNodes.node(engine, List.of(
                app("a", TestNodes.guest("endless"), ENDLESS, 4, "/a"),
                app("b", TestNodes.guest("endless"), ENDLESS, 4, "/b"),
                app("quick", TestNodes.app("hello"), Limits.DEFAULT, 4, "/quick"))).withFairness(SHARE_ONE)),
                metrics);
        List<Socket> runningClients = new ArrayList<>();
        List<Socket> waitingClients = new ArrayList<>();
        runningClients.add(open(node, "/a"));
        runningClients.add(open(node, "/b"));
        eventually("a and b run, long enough to be held to their share", () -> limit(node, "a") == 1
                && limit(node, "b") == 1);
        assertEquals(1, running(metrics, "a"));
        assertEquals(1, running(metrics, "b"));
        for (int i = 0; i < 3; i++) {
            waitingClients.add(open(node, "/a"));
            waitingClients.add(open(node, "/b"));
        }
        eventually("their next three wait", () -> waiting(metrics, "a") == 3 && waiting(metrics, "b") == 3);
        assertEquals(1, running(metrics, "a"), "a's share, not its max-concurrent nor the free workers");
        assertEquals(1, running(metrics, "b"));

        List<Future<Reply>> quick = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            quick.add(get(node, "/quick"));
        }
        for (Future<Reply> reply : quick) {
            assertEquals("Hello from wedge!\n", await(reply).body(200));
        }
        assertEquals(3, waiting(metrics, "a"), "the quick app went first: a's requests still wait");
        assertEquals(3, waiting(metrics, "b"));

        // The waiting ones first, so none of them starts in the meantime: the counts below are then exact.
        close(waitingClients);
        eventually("every waiting request dropped", () -> waiting(metrics, "a") == 0 && waiting(metrics, "b") == 0);
        close(runningClients);
        eventually("every guest stopped", () -> running(metrics, "a") == 0 && running(metrics, "b") == 0);
        for (String app : List.of("a", "b")) {
            assertEquals(1, metric(metrics, "wedge_abandoned_total", "app=\"" + app + "\"", "stage=\"running\""));
            assertEquals(3, metric(metrics, "wedge_abandoned_total", "app=\"" + app + "\"", "stage=\"queued\""));
        }
    }

    /**
     * Clients that go away: the guests of those whose requests run are stopped long before their deadline, and
     * the requests still waiting are dropped; the node answers nothing and counts them.
     */
    @ParameterizedTest
    @MethodSource("engines")
    void requestsWhoseClientsWentAwayStopRunningAndLeaveTheQueue(String engine) throws IOException {
        var metrics = new NodeMetrics();
        Node node = node(TestNodes.node(engine, List.of(
                app("endless", TestNodes.guest("endless"), ENDLESS, 2, "/endless"),
                app("hello", TestNodes.app("hello"), Limits.DEFAULT, 4, "/hello"))), metrics);
        List<Socket> runningClients = new ArrayList<>();
        List<Socket> waitingClients = new ArrayList<>();
        for (int i = 1; i <= 2; i++) {
            runningClients.add(open(node, "/endless"));
            int started = i;
            eventually(i + " running", () -> running(metrics, "endless") == started);
        }
        for (int i = 0; i < 3; i++) {
            waitingClients.add(open(node, "/endless"));
        }
        eventually("three wait", () -> waiting(metrics, "endless") == 3);
        close(waitingClients); // first, so that none of them starts in the meantime: the counts are then exact
        eventually("the waiting requests dropped", () -> waiting(metrics, "endless") == 0);
        assertEquals(2, running(metrics, "endless"));
        close(runningClients);
        eventually("no guest left running", () -> running(metrics, "endless") == 0);
        assertEquals(2, metric(metrics, "wedge_abandoned_total", "app=\"endless\"", "stage=\"running\""));
        assertEquals(3, metric(metrics, "wedge_abandoned_total", "app=\"endless\"", "stage=\"queued\""));
        assertEquals(2, metric(metrics, "wedge_requests_total", "app=\"endless\"", "status=\"499\""),
                "a stopped run is recorded as the client's leaving, not a timeout");

        for (int i = 0; i < 10; i++) { // gone right after sending: whatever they reached, nothing stays
            close(List.of(open(node, "/endless")));
        }
        eventually("none of them left running", () -> running(metrics, "endless") == 0
                && waiting(metrics, "endless") == 0);
        assertEquals(200, await(get(node, "/hello")).status(), "the node serves on");
    }

    /**
     * A message handler is never stopped or dropped for a client: a message waiting behind an http request of its
     * app runs to its end once the request's client has gone, while the http requests are given up.
     */
    @Test
    void aMessageWaitingBehindAbandonedRequestsStillRuns() throws IOException {
        var metrics = new NodeMetrics();
        var shop = new QueueBinding("shop", Map.of("bus", Set.of("orders")));
        var orders = new AppConfig("orders", null, Map.of("QUEUE", "bus"), Limits.DEFAULT)
                .with(QueueCapability.SETTINGS, shop);
        var worker = new AppConfig("worker", null, Map.of(), ENDLESS).with(QueueCapability.SETTINGS, shop);
        var trigger = new TriggerSpec("bus", "orders", "work", 1, Duration.ofMillis(10));
        var config = new NodeConfig("127.0.0.1", 0, 8, "chicory", List.of(), List.of(QueueConfig.of("bus",
                "embedded", Files.createTempDirectory("wedge-q").toString())), List.of(
                        app(orders, TestNodes.app("orders"), 0, "/orders", List.of()),
                        app(worker, TestNodes.guest("endless"), 1, "/work", List.of(trigger))));
        Node node = node(config, metrics);
        Socket runningClient = open(node, "/work");
        eventually("the request runs", () -> running(metrics, "worker") == 1);
        Reply published = await(exchange(client, new RequestOptions().setMethod(HttpMethod.POST)
                .setHost("127.0.0.1").setPort(node.port()).setURI("/orders"),
                Buffer.buffer("{\"id\":\"o-1\",\"customer\":\"c-1\",\"amount\":1.5}")));
        assertEquals(202, published.status(), published.body());
        eventually("the message waits behind the request", () -> waiting(metrics, "worker") == 1);
        Socket waitingClient = open(node, "/work");
        eventually("a second request waits", () -> waiting(metrics, "worker") == 2);

        close(List.of(waitingClient)); // first, so that it never starts: the counts are then exact
        eventually("the request dropped, the message still waiting", () -> waiting(metrics, "worker") == 1);
        close(List.of(runningClient));
        eventually("the message handler ran", () -> logs.contains("worker: message handled"));
        eventually("nothing left", () -> running(metrics, "worker") == 0 && waiting(metrics, "worker") == 0);
        assertEquals(1, metric(metrics, "wedge_abandoned_total", "app=\"worker\"", "stage=\"running\""));
        assertEquals(1, metric(metrics, "wedge_abandoned_total", "app=\"worker\"", "stage=\"queued\""));
        assertEquals(1, metric(metrics, "wedge_requests_total", "app=\"worker\"", "kind=\"message\"",
                "status=\"200\""));
    }

    /**
     * An app that keeps timing out is put in the penalty box (one guest at a time), which shows in the metrics
     * and the admin API, and is let out once it behaves. A long window and stay, and two failures to enter: the
     * test decides when the app behaves, not the clock.
     */
    @Test
    void anAppThatKeepsTimingOutIsPenalizedVisiblyAndLetOutWhenItBehaves() throws IOException {
        var metrics = new NodeMetrics();
        var fairness = new FairnessConfig(1, 2, Duration.ofMinutes(10), Duration.ofMinutes(10),
                Duration.ofMinutes(10));
        Node node = node(withAdmin(TestNodes.node("chicory", List.of(
                app("runaway", TestNodes.guest("probe"), TestNodes.SHORT_DEADLINE, 4, "/"))).withFairness(fairness)),
                metrics);
        JsonObject health = health(node, "runaway");
        assertEquals(false, health.getJsonObject("penalty").getBoolean("penalized"));
        assertEquals(4, health.getInteger("limit"));

        for (int i = 0; i < 2; i++) {
            Reply timedOut = await(get(node, "/loop"));
            assertEquals(532, timedOut.status(), timedOut.body());
        }
        health = health(node, "runaway");
        assertEquals(true, health.getJsonObject("penalty").getBoolean("penalized"), health.encode());
        assertTrue(health.getInteger("limit") <= 1, "one guest at a time, none in the pause after a failed run: "
                + health.encode());
        assertEquals(1, health.getJsonObject("penalty").getInteger("penalties"));
        assertEquals(2, health.getJsonObject("recent").getInteger("failures"));
        assertTrue(health.getJsonObject("penalty").getLong("remaining-ms") > 0, health.encode());
        assertEquals(1, metric(metrics, "wedge_app_penalized", "app=\"runaway\""));
        assertEquals(1, metric(metrics, "wedge_app_penalties_total", "app=\"runaway\""));

        for (int i = 0; i < 2; i++) { // the first waits out the pause after the last timeout
            assertEquals("count=1\n", await(get(node, "/counter")).body(200));
        }
        health = health(node, "runaway");
        assertEquals(false, health.getJsonObject("penalty").getBoolean("penalized"), health.encode());
        assertEquals(4, health.getInteger("limit"));
        assertEquals("chicory", health.getString("engine"), "the engine its next run uses");
        assertEquals(0, metric(metrics, "wedge_app_penalized", "app=\"runaway\""));
        assertEquals(404, admin(node, "/apps/nothing/health").status());
    }

    /** The node with an admin API on a free port, keeping its deploy data in a directory of its own. */
    private static NodeConfig withAdmin(NodeConfig config) throws IOException {
        return config.withAdmin(new AdminConfig("127.0.0.1", 0, TOKEN))
                .withDeploy(DeployConfig.defaults(Files.createTempDirectory("wedge-deploy")));
    }

    /** How many guests the app may run now, as the admin API tells. */
    private int limit(Node node, String app) {
        return health(node, app).getInteger("limit");
    }

    private Reply admin(Node node, String path) {
        return await(exchange(client, new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
                .setPort(node.adminPort()).setURI(path).putHeader("authorization", "Bearer " + TOKEN), null));
    }

    private JsonObject health(Node node, String app) {
        return admin(node, "/apps/" + app + "/health").json(200);
    }
}

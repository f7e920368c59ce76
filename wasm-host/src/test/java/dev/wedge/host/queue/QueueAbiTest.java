package dev.wedge.host.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.EngineTest;
import dev.wedge.host.Guests;
import dev.wedge.host.HostServices;
import dev.wedge.host.WasmHost;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.host.run.App;
import dev.wedge.host.run.AppLog;
import dev.wedge.queue.Message;
import dev.wedge.queue.QueueConfig;
import dev.wedge.queue.Queues;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The queue and message imports called by a real guest on both engines (the backends have their own tests). */
class QueueAbiTest extends EngineTest {

    private final Map<String, WasmHost> hosts = new ConcurrentHashMap<>();
    private Vertx vertx;
    private Queues queues;

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        queues = Queues.open(vertx, List.of(
                QueueConfig.of("bus", "embedded", Files.createTempDirectory("wedge-q").toString())
                        .withTimeout(Duration.ofSeconds(30)))); // not about the timeout: room for a busy machine
    }

    @AfterAll
    void stop() {
        hosts.values().forEach(WasmHost::close);
        queues.close().toCompletionStage().toCompletableFuture().join();
        vertx.close();
    }

    @Override
    protected WasmHost host(String engine) {
        AppLog log = (app, stream, level, text) -> logs.add(new LogLine(app, stream, level, text));
        return hosts.computeIfAbsent(engine, name -> WasmHost.create(name, HostServices.of(log).with(Queues.class, queues)));
    }

    private App probe(String engine, String namespace) {
        var binding = new QueueBinding(namespace, Map.of("bus", Set.of("orders")));
        var config = new AppConfig("probe", null, Map.of(), Guests.TEST_LIMITS)
                .with(QueueCapability.SETTINGS, binding);
        return Guests.load(host(engine), "queue_probe", config);
    }

    private String commands(String engine, App app, String commands) {
        AppResponse response = app.handle(
                AppRequest.of("POST", "/", Headers.of(), commands.getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, response.status(), () -> Guests.text(response));
        return Guests.text(response);
    }

    /** The first message published to a backend topic, as a trigger would hand it to the app. */
    private Message firstMessage(String backendTopic, String appTopic) throws Exception {
        var received = new CompletableFuture<Message>();
        var subscription = queues.get("bus").queue().subscribe(backendTopic, "test", message -> {
            received.complete(message);
            return Future.succeededFuture();
        }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        Message message = received.get(10, TimeUnit.SECONDS);
        subscription.stop();
        return new Message(appTopic, message.key(), message.payload(), message.headers(), message.id(), 1);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void publishOnlyToBoundTopicsOfKnownQueues(String engine) throws Exception {
        String namespace = "ns-" + engine;
        App probe = probe(engine, namespace);
        List<String> lines = List.of(commands(engine, probe, String.join("\n", "lastid",
                "publish bus orders k1 hello x-test=one", "lastid", "publish bus other k v", "publish nosuch orders k v",
                "publish bus bad/topic k v", "big bus orders 2000000", "msg")).split("\n"));
        assertEquals("1 ", lines.get(0), "no id before a publish");
        assertEquals("0 ", lines.get(1));
        assertTrue(lines.get(2).matches("0 \\d+"), lines.get(2));
        assertEquals(List.of("7 ", "11 ", "2 ", "12 ", "6 "), lines.subList(3, 8));

        Message message = firstMessage(Queues.inNamespace(namespace, "orders"), "orders");
        assertEquals(lines.get(2).substring(2), message.id());
        logs.clear();
        AppResponse handled = probe.handleMessage(message);
        assertEquals(null, handled.error(), () -> Guests.text(handled));
        assertTrue(logs.stream().anyMatch(line -> line.text().equals(
                "msg topic=orders key=k1 attempt=1 payload=hello h.x-test=one")), logs::toString);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void failingMessageHandlersReportWhy(String engine) {
        App probe = probe(engine, "fail-" + engine);
        AppResponse failed = probe.handleMessage(message("fail"));
        assertEquals("handler-failed", failed.error());
        AppResponse trapped = probe.handleMessage(message("trap"));
        assertEquals("trap", trapped.error());
        assertEquals(null, probe.handleMessage(message("ok")).error());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void hostilePointersGetInvalidMemoryOnBothSides(String engine) {
        App probe = probe(engine, "hostile-" + engine);
        for (String line : commands(engine, probe, "hostile").split("\n")) {
            assertTrue(line.endsWith("=3"), "expected 3, pointers first: " + line);
        }
        logs.clear();
        assertEquals(null, probe.handleMessage(message("hostile")).error());
        String hostile = logs.stream().map(LogLine::text).filter(text -> text.startsWith("hostile")).findFirst()
                .orElseThrow();
        assertTrue(hostile.substring("hostile".length()).strip().chars().filter(c -> c != ' ').allMatch(c -> c == '3'),
                hostile);
    }

    private static Message message(String payload) {
        return new Message("orders", null, payload.getBytes(StandardCharsets.UTF_8), Map.of(), "7", 1);
    }
}

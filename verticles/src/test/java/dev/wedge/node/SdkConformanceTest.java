package dev.wedge.node;

import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wedge.config.ConfigLoader;
import dev.wedge.config.NodeConfig;
import dev.wedge.queue.Message;
import dev.wedge.queue.MessageQueue;
import dev.wedge.queue.QueueConfig;
import dev.wedge.queue.Queues;
import dev.wedge.server.TestHttp;
import dev.wedge.server.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SDK conformance suite: the conformance app of each SDK (apps/conformance-rust, -as, -go) on a node of each
 * engine answers the same requests with the same status, headers and body as the C reference
 * (apps/conformance-c, whose README gives the answers) on the same engine, and publishes the same messages.
 * Each run is a node of its own (fresh store and queue), so counters and messages line up.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkConformanceTest {

    private static final String APP = "conformance";
    /** The second slot of the secret begins on 2100-01-01: the value in force now is the first. */
    private static final long LATER = 4102444800L;
    private static final int PUBLISHES = 2;

    /** One request of the suite; headers in name, value pairs. */
    record Exchange(HttpMethod method, String uri, String body, List<String> headers) {
        static Exchange get(String uri) {
            return new Exchange(HttpMethod.GET, uri, null, List.of());
        }

        static Exchange post(String uri, String body, String... headers) {
            return new Exchange(HttpMethod.POST, uri, body, List.of(headers));
        }
    }

    /** What the suite compares of an answer. */
    record Answer(int status, String contentType, String marker, String body) {}

    /** What the suite compares of a published message. */
    record Published(String key, Map<String, String> headers, String payload) {}

    /** The answers of one app, in the order of the exchanges, and what it published. */
    record Run(List<Answer> answers, List<Published> published) {}

    private Vertx vertx;
    /**
     * The origin's own Vert.x: servers of one Vert.x on the same host and port 0 may share a port, and a node's
     * front started beside the origin then fails to bind.
     */
    private Vertx originVertx;
    private HttpClient client;
    private HttpServer origin;
    /** The C reference's run per engine, made once. */
    private final Map<String, Run> references = new HashMap<>();

    @BeforeAll
    void start(Vertx vertx) {
        this.vertx = vertx;
        client = vertx.createHttpClient();
        originVertx = Vertx.vertx();
        origin = await(originVertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(request -> request.response().putHeader("content-type", "text/plain")
                        .end("origin saw " + request.method() + " " + request.uri() + " with "
                                + request.headers().names().stream().map(name -> name.toLowerCase(Locale.ROOT))
                                        .sorted().distinct().collect(Collectors.joining(","))
                                + "\n"))
                .listen());
    }

    @AfterAll
    void stop() {
        await(originVertx.close());
    }

    static Stream<Arguments> sdksAndEngines() {
        return Stream.of("rust", "as", "go")
                .flatMap(sdk -> Stream.of("chicory", "wasmtime").map(engine -> Arguments.of(sdk, engine)));
    }

    private List<Exchange> exchanges() {
        String originUrl = "http://127.0.0.1:" + origin.actualPort() + "/origin/path%3Fx=1";
        return List.of(
                Exchange.get("/hello"),
                Exchange.post("/echo?a=1&b=two", "two lines\nand ✓", "x-echo", "hi"),
                Exchange.get("/echo"),
                Exchange.get("/counter"),
                Exchange.get("/counter"),
                Exchange.post("/publish", "first message"),
                Exchange.post("/publish", "second ✓"),
                Exchange.get("/fetch?url=" + originUrl),
                Exchange.get("/fetch?url=http://10.0.0.1/"),
                Exchange.get("/fetch"),
                Exchange.get("/secret"),
                Exchange.get("/secret?at=" + (LATER + 1)),
                Exchange.get("/env"),
                Exchange.get("/error"),
                Exchange.get("/nowhere"));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("sdksAndEngines")
    void answersAndPublishesAsTheCReference(String sdk, String engine) throws Exception {
        Run reference = reference(engine);
        Run run = run(sdk, engine);
        List<Exchange> exchanges = exchanges();
        for (int i = 0; i < exchanges.size(); i++) {
            Exchange exchange = exchanges.get(i);
            assertEquals(reference.answers().get(i), run.answers().get(i),
                    sdk + " on " + engine + ": " + exchange.method() + " " + exchange.uri());
        }
        assertEquals(reference.published(), run.published(), sdk + " on " + engine + ": published messages");
    }

    /** The reference itself answers as apps/conformance-c/README.md says (so that agreeing with it means something). */
    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void theReferenceAnswersAsDocumented(String engine) throws Exception {
        Run reference = reference(engine);
        String text = "text/plain; charset=utf-8";
        String fetched = "origin saw GET /origin/path?x=1 with content-length,host\n";
        assertEquals(List.of(
                new Answer(200, text, "1", "hello from wedge\n"),
                new Answer(200, text, "1", "method=POST\npath=/echo\nquery=a=1&b=two\nx-echo=hi\nbody=two lines\nand ✓\n"),
                new Answer(200, text, "1", "method=GET\npath=/echo\nquery=\nx-echo=-\nbody=\n"),
                new Answer(200, text, "1", "counter=1\n"),
                new Answer(200, text, "1", "counter=2\n"),
                new Answer(202, text, "1", "published\n"),
                new Answer(202, text, "1", "published\n"),
                new Answer(200, text, "1", "status=200\n" + fetched),
                new Answer(502, text, "1", "fetch failed: DESTINATION_NOT_ALLOWED\n"),
                new Answer(400, text, "1", "missing url\n"),
                new Answer(200, text, "1", "now=old-token;at=old-token\n"),
                new Answer(200, text, "1", "now=old-token;at=new-token\n"),
                new Answer(200, text, "1", "GREETING=hi\n"),
                new Answer(500, text, null, "conformance error"),
                new Answer(404, text, "1", "no such route\n")), reference.answers());
        assertEquals(List.of(
                new Published("conformance-key", Map.of("x-conformance", "1"), "first message"),
                new Published("conformance-key", Map.of("x-conformance", "1"), "second ✓")), reference.published());
    }

    private Run reference(String engine) throws Exception {
        Run reference = references.get(engine);
        if (reference == null) {
            reference = run("c", engine);
            references.put(engine, reference);
        }
        return reference;
    }

    /** Starts a node with apps/conformance-SDK on the engine, sends every exchange, stops it, reads its queue. */
    private Run run(String sdk, String engine) throws Exception {
        Path data = Files.createTempDirectory("wedge-conformance");
        String yaml = """
                server: {host: 127.0.0.1, port: 0}
                admin: {port: 0}
                kv-stores: {conformance: {backend: embedded, dir: "%s"}}
                queues: {bus: {backend: embedded, dir: "%s"}}
                apps:
                  %s:
                    module: apps/conformance-%s/conformance-%s.wasm
                    engine: %s
                    routes: [/]
                    env: {GREETING: hi}
                    secrets:
                      TOKEN:
                        - {effective-from: 0, value: old-token}
                        - {effective-from: %d, value: new-token}
                    kv-stores: [conformance]
                    publish: {bus: [conformance]}
                    outbound: {allow-private: [127.0.0.1]}
                """.formatted(data.resolve("kv"), data.resolve("queues"), APP, sdk, sdk, engine, LATER);
        NodeConfig config = ConfigLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "conformance.yaml", TestNodes.REPO, Map.of());
        Node node = await(Node.start(vertx, config, (app, stream, level, text) -> { }));
        List<Answer> answers = new ArrayList<>();
        try {
            for (Exchange exchange : exchanges()) {
                answers.add(send(node, exchange));
            }
        } finally {
            await(node.close());
        }
        return new Run(answers, published(data.resolve("queues")));
    }

    private Answer send(Node node, Exchange exchange) {
        var options = TestHttp.request(exchange.method(), node.port(), exchange.uri(),
                exchange.headers().toArray(String[]::new));
        TestHttp.Reply reply = await(TestHttp.exchange(client, options,
                exchange.body() == null ? null : Buffer.buffer(exchange.body())));
        return new Answer(reply.status(), reply.header("content-type"), reply.header("x-conformance"), reply.body());
    }

    /** The messages the app published, read from its (closed) node's embedded queue. */
    private List<Published> published(Path dir) {
        Queues queues = Queues.open(vertx, List.of(QueueConfig.of("bus", "embedded", dir.toString())));
        MessageQueue queue = queues.get("bus").queue();
        List<Published> published = new CopyOnWriteArrayList<>(); // filled on an event loop
        Promise<Void> all = Promise.promise();
        try {
            // The last message is never consumed: committing it would race the queue's close.
            MessageQueue.Subscription subscription = await(queue.subscribe(Queues.inNamespace(
                    Queues.namespaceOf(APP), "conformance"), "check", message -> {
                        published.add(published(message));
                        if (published.size() < PUBLISHES) {
                            return Future.succeededFuture();
                        }
                        all.tryComplete();
                        return Promise.<Void>promise().future();
                    }));
            await(all.future());
            await(subscription.stop());
            return List.copyOf(published);
        } finally {
            await(queues.close());
        }
    }

    private static Published published(Message message) {
        return new Published(message.key(), message.headers(), new String(message.payload(), StandardCharsets.UTF_8));
    }
}

package dev.wedge.admin;

import static dev.wedge.server.TestHttp.exchange;
import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.cli.WedgeCli;
import dev.wedge.config.AdminConfig;
import dev.wedge.host.limits.Limits;
import dev.wedge.node.Node;
import dev.wedge.server.TestHttp.Reply;
import dev.wedge.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin port: open probes, token-protected metrics and per-app logs (tail and follow). */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiTest {

    private static final String TOKEN = "s3cret-admin-token";
    private static final String REQUEST_ID = "x-wedge-request-id";
    /** Bounds the wait for a followed line, not how fast it comes. */
    private static final long FOLLOW_SECONDS = 60;

    private Node node;
    private HttpClient client;

    private Path logFile;

    @BeforeAll
    void start(Vertx vertx) throws IOException {
        logFile = Files.createTempDirectory("wedge-logs").resolve("apps.jsonl");
        var config = TestNodes.node("chicory", List.of(
                TestNodes.spec("hello", TestNodes.app("hello"), Limits.DEFAULT, "/hello"),
                TestNodes.spec("probe", TestNodes.guest("probe"), TestNodes.SMALL, "probe.test/"),
                // the same guest under a short deadline, for the request meant to run past it
                TestNodes.spec("runaway", TestNodes.guest("probe"), TestNodes.SHORT_DEADLINE, "runaway.test/")))
                .withAdmin(new AdminConfig("127.0.0.1", 0, TOKEN))
                .withLogFile(logFile);
        node = await(Node.start(vertx, config, (app, stream, level, text) -> { }));
        client = vertx.createHttpClient();
    }

    @AfterAll
    void stop() {
        await(node.close());
    }

    private Reply call(int port, String host, String path, String token) {
        var options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port).setURI(path)
                .putHeader("host", host);
        if (token != null) {
            options.putHeader("authorization", "Bearer " + token);
        }
        return await(exchange(client, options, null));
    }

    private Reply app(String host, String path) {
        return call(node.port(), host, path, null);
    }

    private Reply admin(String path, String token) {
        return call(node.adminPort(), "admin", path, token);
    }

    @Test
    void probesAreOpenAndEverythingElseNeedsTheToken() {
        assertEquals(200, admin("/health", null).status());
        assertEquals(new JsonObject().put("ready", true), admin("/ready", null).json(200));
        assertEquals(401, admin("/metrics", null).status());
        assertEquals(401, admin("/metrics", "wrong").status());
        assertEquals(401, admin("/apps/hello/logs", null).status());
        assertEquals(200, admin("/metrics", TOKEN).status());
    }

    @Test
    void metricsCountRunsByStatusAndFailuresByReason() {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, app("any.test", "/hello").status());
        }
        assertEquals(532, app("runaway.test", "/loop").status());
        String metrics = admin("/metrics", TOKEN).body(200);
        assertTrue(metrics.contains("wedge_requests_total{app=\"hello\",kind=\"http\",status=\"200\"}"), metrics);
        assertTrue(metrics.contains("wedge_failures_total{app=\"runaway\",reason=\"timeout\"} 1.0"), metrics);
        assertTrue(metrics.contains("wedge_request_duration_seconds_bucket{app=\"hello\",kind=\"http\""), metrics);
        assertTrue(metrics.contains("wedge_instantiate_duration_seconds_count{app=\"hello\",engine=\"chicory\"}"),
                metrics);
        assertTrue(metrics.contains("wedge_memory_bytes_max{app=\"hello\"}"), metrics);
        assertTrue(metrics.contains("jvm_memory_used_bytes"), metrics);
    }

    @Test
    void logsAreTaggedWithTheRequestAndCanBeFollowed() throws Exception {
        Reply logged = app("probe.test", "/log");
        assertEquals(200, logged.status(), logged.body());
        List<JsonObject> lines = admin("/apps/probe/logs?lines=50", TOKEN).body(200).lines().map(JsonObject::new)
                .toList();
        JsonObject hello = lines.stream().filter(line -> line.getString("text").equals("hello log")).findFirst()
                .orElseThrow(() -> new AssertionError(lines.toString()));
        assertEquals(logged.header(REQUEST_ID), hello.getString("request"), "lines carry the x-wedge-request-id");
        assertEquals(12, hello.getString("version").length());
        assertTrue(lines.stream().anyMatch(line -> line.getString("stream").equals("stderr")));

        var followed = new CompletableFuture<String>();
        HttpClientResponse stream = follow("/apps/probe/logs?lines=0&follow=true", "to stdout", followed);
        assertEquals(200, stream.statusCode());
        Reply next = app("probe.test", "/log");
        String line = followed.get(FOLLOW_SECONDS, TimeUnit.SECONDS);
        assertTrue(line.contains(next.header(REQUEST_ID)), line);
        stream.request().connection().close();

        List<JsonObject> shipped = Files.readAllLines(logFile).stream().map(JsonObject::new).toList();
        assertTrue(shipped.stream().anyMatch(entry -> entry.getString("request").equals(logged.header(REQUEST_ID))
                && entry.getString("text").equals("hello log")), "shipped to the log file: " + shipped);
    }

    /**
     * Opens a followed log and completes {@code line} with the first whole line containing {@code text}. The
     * handler is set in the callback that receives the response, so no line can go by before it.
     */
    private HttpClientResponse follow(String path, String text, CompletableFuture<String> line) {
        var options = new RequestOptions().setHost("127.0.0.1").setPort(node.adminPort()).setURI(path)
                .putHeader("authorization", "Bearer " + TOKEN);
        var received = new StringBuilder();
        return await(client.request(options).compose(request -> request.send().map(response -> {
            response.handler(chunk -> {
                received.append(chunk.toString()); // a line may come in pieces, or several in one chunk
                for (int end = received.indexOf("\n"); end >= 0; end = received.indexOf("\n")) {
                    String whole = received.substring(0, end);
                    received.delete(0, end + 1);
                    if (whole.contains(text)) {
                        line.complete(whole);
                    }
                }
            });
            return response;
        })));
    }

    @Test
    void wedgeLogsPrintsAnAppsRecentLines() {
        Reply logged = app("probe.test", "/log");
        assertEquals(200, logged.status(), logged.body());
        var out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = WedgeCli.commandLine().execute("logs", "probe", "-n", "20", "--admin",
                    "http://127.0.0.1:" + node.adminPort(), "--token", TOKEN);
        } finally {
            System.setOut(old);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, printed);
        assertTrue(printed.lines().anyMatch(line -> line.contains(logged.header(REQUEST_ID))
                && line.endsWith("[INFO] hello log")), printed);
    }
}

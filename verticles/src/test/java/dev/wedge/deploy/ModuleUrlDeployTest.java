package dev.wedge.deploy;

import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.AdminConfig;
import dev.wedge.config.DeployConfig;
import dev.wedge.host.limits.Limits;
import dev.wedge.node.Node;
import dev.wedge.server.TestNodes;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deploys by URL: a node reaches no loopback, private or reserved address unless its config allows it (and then
 * the answer is the same whether or not anything listens there), shows no credentials, follows no redirect,
 * and gives up on a download at its deadline.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModuleUrlDeployTest {

    private static final String TOKEN = "url-test-token";
    private static final String SECRET = "hunter2";
    /** Short, because it is what one test is about; the slow server would take a day to finish. */
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(1);

    private final Http http = new Http(TOKEN);
    private final AtomicInteger fileRequests = new AtomicInteger();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Promise<Void> slowConnectionClosed = Promise.promise();
    private final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getMessage() + " " + (record.getThrown() == null ? "" : record.getThrown()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    /** Default rules: public addresses only. */
    private Node strict;
    /**
     * Allows 127.0.0.1, where the test's file server is, with a short download deadline. On a Vert.x of its own:
     * nodes of one Vert.x share its maps, as nodes of one cluster do, and would see each other's apps.
     */
    private Node lenient;
    private Vertx lenientVertx;
    private HttpServer files;
    private String base;

    @BeforeAll
    void start(Vertx vertx) throws IOException {
        Logger.getLogger("").addHandler(logCapture);
        byte[] hello = Files.readAllBytes(TestNodes.app("hello"));
        files = await(vertx.createHttpServer().requestHandler(request -> {
            fileRequests.incrementAndGet();
            authorizations.add(String.valueOf(request.getHeader("authorization")));
            switch (request.path()) {
                case "/hello.wasm" -> request.response().end(Buffer.buffer(hello));
                case "/moved.wasm" -> request.response().setStatusCode(302).putHeader("location", "/hello.wasm").end();
                case "/slow.wasm" -> { // headers at once, then a byte a second of a body that would take a day
                    request.connection().closeHandler(closed -> slowConnectionClosed.tryComplete());
                    var out = request.response().putHeader("content-length", "86400");
                    out.writeHead();
                    long timer = vertx.setPeriodic(1000, tick -> out.write(Buffer.buffer(new byte[] {0})));
                    out.closeHandler(closed -> vertx.cancelTimer(timer));
                }
                case "/silent.wasm" -> { } // never answers
                default -> request.response().setStatusCode(401).end();
            }
        }).listen(0, "127.0.0.1"));
        base = "http://127.0.0.1:" + files.actualPort();
        strict = node(vertx, DeployConfig.DEFAULT_DOWNLOAD_TIMEOUT, List.of());
        lenientVertx = Vertx.vertx();
        lenient = node(lenientVertx, DOWNLOAD_TIMEOUT, List.of(TestNodes.cidr("127.0.0.1/32")));
    }

    private static Node node(Vertx vertx, Duration downloadTimeout, List<dev.wedge.host.net.Cidr> allow)
            throws IOException {
        var config = TestNodes.node("chicory", List.of(
                        TestNodes.spec("fixed", TestNodes.app("hello"), Limits.DEFAULT, "/fixed")))
                .withAdmin(new AdminConfig("127.0.0.1", 0, TOKEN))
                .withDeploy(DeployConfig.defaults(Files.createTempDirectory("wedge-url"))
                        .withDownloads(downloadTimeout, allow));
        return await(Node.start(vertx, config, (app, stream, level, text) -> { }));
    }

    @AfterAll
    void stop() {
        Logger.getLogger("").removeHandler(logCapture);
        await(strict.close());
        await(lenient.close());
        await(lenientVertx.close());
        await(files.close());
    }

    private Http.Reply deploy(Node node, String app, String url) {
        return http.deployJson(node.adminPort(), app, new JsonObject().put("module-url", url));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort(); // free once closed: nothing listens there
        }
    }

    @Test
    void loopbackPrivateAndReservedTargetsAreRefusedBeforeAnyConnection() throws IOException {
        int before = fileRequests.get();
        List<String> targets = List.of(base + "/hello.wasm", "http://localhost:" + files.actualPort() + "/hello.wasm",
                "http://127.0.0.1:" + strict.adminPort() + "/metrics", "http://127.0.0.1:" + strict.port() + "/fixed",
                "http://[::1]:" + files.actualPort() + "/", "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.1/m.wasm", "http://192.168.1.1/m.wasm", "http://100.64.0.1/m.wasm",
                "http://0.0.0.0:" + files.actualPort() + "/hello.wasm", "http://[fd00::1]/m.wasm",
                "http://[::ffff:127.0.0.1]:" + files.actualPort() + "/hello.wasm");
        for (String target : targets) {
            Http.Reply refused = deploy(strict, "fetched", target);
            assertEquals(403, refused.status(), target + ": " + refused.body());
            assertEquals("module-url-forbidden", new JsonObject(refused.body()).getString("error"), target);
        }
        assertEquals(before, fileRequests.get(), "nothing was fetched");
        assertEquals(404, http.admin("GET", strict.adminPort(), "/apps/fetched").status(), "nothing was deployed");
    }

    /** A port probe learns nothing: an open port and a closed one answer alike. */
    @Test
    void aRefusalReadsTheSameWhetherThePortIsOpenOrNot() throws IOException {
        int open = files.actualPort();
        int closed = closedPort();
        Http.Reply toOpen = deploy(strict, "probe", "http://127.0.0.1:" + open + "/hello.wasm");
        Http.Reply toClosed = deploy(strict, "probe", "http://127.0.0.1:" + closed + "/hello.wasm");
        assertEquals(toOpen.status(), toClosed.status());
        assertEquals(toOpen.body().replace(":" + open + "/", ":PORT/"), toClosed.body().replace(":" + closed + "/",
                ":PORT/"));
    }

    @Test
    void allowedPrivateTargetsAreFetchedWithTheUrlsCredentials() {
        authorizations.clear();
        Http.Reply deployed = deploy(lenient, "fetched", "http://user:" + SECRET + "@127.0.0.1:" + files.actualPort()
                + "/hello.wasm");
        assertEquals(201, deployed.status(), deployed.body());
        assertEquals(List.of("Basic dXNlcjpodW50ZXIy"), authorizations, "user info goes as basic authentication");
        assertFalse(deployed.body().contains(SECRET), deployed.body());
        assertEquals(200, http.get(lenient.port(), "/fetched").status());
        assertEquals(403, deploy(lenient, "other", "http://127.0.0.2:" + files.actualPort() + "/hello.wasm").status(),
                "only the allowed block");
    }

    @Test
    void credentialsInTheUrlAreNeverShownOrLogged() throws IOException {
        String auth = "user:" + SECRET + "@";
        List<Http.Reply> replies = List.of(
                deploy(strict, "secret", "http://" + auth + "10.0.0.1/m.wasm"),
                deploy(lenient, "secret", "http://" + auth + "127.0.0.1:" + closedPort() + "/m.wasm"),
                deploy(lenient, "secret", "http://" + auth + "127.0.0.1:" + files.actualPort() + "/none"),
                deploy(lenient, "secret", "http://" + auth + "127.0.0.1:" + files.actualPort() + "/m.wasm?token="
                        + SECRET),
                deploy(strict, "secret", "http://" + auth + "exa mple.com/m.wasm"),
                deploy(strict, "secret", "ftp://" + auth + "example.com/m.wasm"));
        List<Integer> statuses = replies.stream().map(Http.Reply::status).toList();
        assertEquals(List.of(403, 502, 502, 502, 400, 400), statuses, replies.toString());
        for (Http.Reply reply : replies) {
            assertFalse(reply.body().contains(SECRET), reply.body());
            assertTrue(reply.body().contains("***"), "the answer shows where the credentials were: " + reply.body());
        }
        assertTrue(logged.stream().noneMatch(line -> line.contains(SECRET)), logged.toString());
    }

    /** Each hop would need the address check again; the node asks for the final URL instead. */
    @Test
    void redirectsAreNotFollowed() {
        int before = fileRequests.get();
        Http.Reply refused = deploy(lenient, "moved", base + "/moved.wasm");
        assertEquals(502, refused.status(), refused.body());
        JsonObject error = new JsonObject(refused.body());
        assertEquals("download-failed", error.getString("error"));
        assertTrue(error.getString("message").contains("302"), error.getString("message"));
        assertTrue(error.getString("message").contains("redirect"), error.getString("message"));
        assertEquals(before + 1, fileRequests.get(), "the Location was not fetched");
    }

    /** The issue's case: a server sending a byte a second held a deploy for as long as it liked. */
    @Test
    void aSlowServerIsCutOffAtTheDownloadDeadline() {
        for (String path : List.of("/slow.wasm", "/silent.wasm")) {
            long started = System.nanoTime();
            Http.Reply cut = deploy(lenient, "slow", base + path);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(504, cut.status(), cut.body());
            JsonObject error = new JsonObject(cut.body());
            assertEquals("download-failed", error.getString("error"));
            assertTrue(error.getString("message").contains("deploy.download-timeout-ms"), error.getString("message"));
            assertTrue(millis >= DOWNLOAD_TIMEOUT.toMillis(), path + " answered after " + millis + " ms");
            assertTrue(millis < 60_000, path + " held the deploy " + millis + " ms"); // it would take a day
        }
        await(slowConnectionClosed.future()); // and the node let go of the connection
    }
}

package dev.wedge.node;

import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.AdminConfig;
import dev.wedge.config.ConnectionTimeouts;
import dev.wedge.config.DeployConfig;
import dev.wedge.host.limits.Limits;
import dev.wedge.server.RawHttp;
import dev.wedge.server.RawHttp.Answer;
import dev.wedge.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A client that never finishes its request head, trickles it, or stops sending its body is answered 408 and
 * closed at the configured timeout, on both ports; a request the node is working on is never cut by them.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionTimeoutTest {

    private static final String TOKEN = "timeout-token";
    /** Short, because the timeouts are what is tested; answers are awaited for far longer. */
    private static final Duration HEADER_TIMEOUT = Duration.ofMillis(500);
    private static final Duration IDLE_TIMEOUT = Duration.ofMillis(700);
    /** A guest that runs past both timeouts, and is then stopped at its own deadline. */
    private static final Duration SLOW_DEADLINE = Duration.ofMillis(1500);

    private Node node;

    @BeforeAll
    void start(Vertx vertx) throws IOException {
        var config = TestNodes.node("chicory", List.of(
                        TestNodes.spec("echo", TestNodes.app("echo"), Limits.DEFAULT, "/echo"),
                        TestNodes.spec("slow", TestNodes.guest("probe"), TestNodes.SMALL.withTimeout(SLOW_DEADLINE),
                                "slow.test/")))
                .withAdmin(new AdminConfig("127.0.0.1", 0, TOKEN))
                .withDeploy(DeployConfig.defaults(Files.createTempDirectory("wedge-timeouts")))
                .withTimeouts(new ConnectionTimeouts(HEADER_TIMEOUT, IDLE_TIMEOUT));
        node = await(Node.start(vertx, config, (app, stream, level, text) -> { }));
    }

    @AfterAll
    void stop() {
        await(node.close());
    }

    private int port(String which) {
        return which.equals("app") ? node.port() : node.adminPort();
    }

    /** The case: 50 connections that stop half-way through their headers were held for good. */
    @ParameterizedTest
    @ValueSource(strings = {"app", "admin"})
    void fiftyUnfinishedHeadsAreAnswered408AndClosed(String which) throws Exception {
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> held = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                held.add(clients.submit(timedAnswer(port(which), "GET /echo HTTP/1.1\r\nHost: a.test\r\nX-Half: ")));
            }
            for (Future<Long> millis : held) {
                assertTrue(millis.get() >= HEADER_TIMEOUT.toMillis(), "answered " + millis.get()
                        + " ms after opening, before the header timeout");
            }
        }
    }

    /** Opens a connection, sends {@code start}, expects 408 header-timeout and a close; answers the wait in ms. */
    private static Callable<Long> timedAnswer(int port, String start) {
        return () -> {
            long opened = System.nanoTime();
            try (Socket socket = RawHttp.open(port, start)) {
                Answer answer = RawHttp.read(socket.getInputStream());
                assertEquals(408, answer.status(), answer.toString());
                assertEquals("header-timeout", answer.error(), answer.toString());
                assertTrue(answer.closed(), answer.toString());
            }
            return (System.nanoTime() - opened) / 1_000_000;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"app", "admin"})
    void aConnectionThatSendsNothingIsClosedToo(String which) throws Exception {
        assertTrue(timedAnswer(port(which), "").call() >= HEADER_TIMEOUT.toMillis());
    }

    /**
     * Slowloris: a header line every 50 ms keeps the connection busy but never finishes the head; the deadline
     * is for the whole head, not between bytes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"app", "admin"})
    void aTrickledHeadMeetsTheSameDeadline(String which) throws Exception {
        try (Socket socket = RawHttp.open(port(which), "GET /echo HTTP/1.1\r\nHost: a.test\r\n")) {
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    for (int line = 0; !Thread.currentThread().isInterrupted(); line++) {
                        out.write(RawHttp.ascii("X-Line-" + line + ": x\r\n"));
                        out.flush();
                        Thread.sleep(50); // the client's pace, not a wait for the node
                    }
                } catch (IOException | InterruptedException e) {
                    // closed by the node, or the test is over
                }
            });
            try {
                Answer answer = RawHttp.read(socket.getInputStream());
                assertEquals(408, answer.status(), answer.toString());
                assertEquals("header-timeout", answer.error(), answer.toString());
                assertTrue(answer.closed(), answer.toString());
            } finally {
                trickle.interrupt();
            }
        }
    }

    /** Between requests the next head is due within the header timeout too. */
    @ParameterizedTest
    @ValueSource(strings = {"app", "admin"})
    void anIdleKeptAliveConnectionIsClosedAfterItsLastAnswer(String which) throws IOException {
        String path = which.equals("app") ? "/echo" : "/health";
        try (Socket socket = RawHttp.open(port(which), "GET " + path + " HTTP/1.1\r\nHost: a.test\r\n\r\n")) {
            Answer served = RawHttp.next(socket.getInputStream());
            assertEquals(200, served.status(), served.toString());
            Answer idle = RawHttp.read(socket.getInputStream());
            assertEquals(408, idle.status(), idle.toString());
            assertEquals("header-timeout", idle.error(), idle.toString());
            assertTrue(idle.closed(), idle.toString());
        }
    }

    @Test
    void aStalledBodyIsAnswered408OnTheAppPort() throws IOException {
        Answer answer = RawHttp.exchange(node.port(), "POST /echo HTTP/1.1\r\nHost: a.test\r\n"
                + "Content-Length: 10\r\n\r\nab");
        assertEquals(408, answer.status(), answer.toString());
        assertEquals("body-stalled", answer.error(), answer.toString());
        assertTrue(answer.closed(), answer.toString());
    }

    @Test
    void aStalledDeployBodyIsAnswered408OnTheAdminPort() throws IOException {
        Answer answer = RawHttp.exchange(node.adminPort(), "PUT /apps/stalled HTTP/1.1\r\nHost: a.test\r\n"
                + "Authorization: Bearer " + TOKEN + "\r\nContent-Type: application/wasm\r\n"
                + "Content-Length: 1000\r\n\r\n\0asm");
        assertEquals(408, answer.status(), answer.toString());
        assertEquals("body-stalled", new JsonObject(answer.body()).getString("error"), answer.toString());
        assertTrue(answer.closed(), answer.toString());
    }

    /** The guest loops past both timeouts; its request is cut by its own deadline (532), not by them. */
    @Test
    void aRequestBeingWorkedOnOutlastsBothTimeouts() throws IOException {
        Answer answer = RawHttp.exchange(node.port(), "GET /loop HTTP/1.1\r\nHost: slow.test\r\n"
                + "Connection: close\r\n\r\n");
        assertEquals(532, answer.status(), answer.toString());
        assertEquals("timeout", answer.error(), answer.toString());
    }
}

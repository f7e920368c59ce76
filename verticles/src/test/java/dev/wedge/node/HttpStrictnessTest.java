package dev.wedge.node;

import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.AdminConfig;
import dev.wedge.config.DeployConfig;
import dev.wedge.host.limits.Limits;
import dev.wedge.server.RawHttp;
import dev.wedge.server.RawHttp.Answer;
import dev.wedge.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HTTP/1.1 as RFC 9112 has it, on the app port and the admin port alike, over raw sockets (no client sends these
 * requests): malformed chunked bodies, Host and Transfer-Encoding rules, limits on lines and headers. Each is
 * refused with its status and reason, and the connection closed.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpStrictnessTest {

    private static final String TOKEN = "strict-token";

    private Node node;

    /** A port and the request that carries a body there: an app's POST, or a deploy. */
    record Port(String name, String requestLine, String auth) {

        int number(Node node) {
            return name.equals("app") ? node.port() : node.adminPort();
        }

        /** A request head (no body yet) with the given extra header lines, each ending in CRLF. */
        String head(String headers) {
            return requestLine + " HTTP/1.1\r\n" + auth + headers + "\r\n";
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Port APP = new Port("app", "POST /echo", "");
    private static final Port ADMIN = new Port("admin", "PUT /apps/strict",
            "Authorization: Bearer " + TOKEN + "\r\nContent-Type: application/wasm\r\n");

    @BeforeAll
    void start(Vertx vertx) throws IOException {
        var config = TestNodes.node("chicory", List.of(
                        TestNodes.spec("echo", TestNodes.app("echo"), Limits.DEFAULT, "/echo")))
                .withAdmin(new AdminConfig("127.0.0.1", 0, TOKEN))
                .withDeploy(DeployConfig.defaults(Files.createTempDirectory("wedge-strict")));
        node = await(Node.start(vertx, config, (app, stream, level, text) -> { }));
    }

    @AfterAll
    void stop() {
        await(node.close());
    }

    static Stream<Port> ports() {
        return Stream.of(APP, ADMIN);
    }

    /** Every malformed chunked body on both ports: name, chunked body, status, reason. */
    static Stream<Arguments> malformedBodies() {
        String trailers = ("X-Trailer: " + "t".repeat(1000) + "\r\n").repeat(1024); // 1 MiB of them
        List<Arguments> bodies = List.of(
                Arguments.of("chunk size overflow", "FFFFFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n", 400, "bad-request"),
                Arguments.of("negative chunk size", "-1\r\nabc\r\n0\r\n\r\n", 400, "bad-request"),
                Arguments.of("invalid hex", "zz\r\nabc\r\n0\r\n\r\n", 400, "bad-request"),
                Arguments.of("2^31 chunk", "80000000\r\nabc", 400, "bad-request"),
                Arguments.of("100k chunk extension", "5;" + "e".repeat(100_000) + "\r\nhello\r\n0\r\n\r\n", 400,
                        "bad-request"),
                Arguments.of("1 MB of trailers", "5\r\nhello\r\n0\r\n" + trailers + "\r\n", 431,
                        "headers-too-large"));
        return ports().flatMap(port -> bodies.stream().map(body -> Arguments.of(port, body.get()[0],
                body.get()[1], body.get()[2], body.get()[3])));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformedBodies")
    void malformedChunkedBodiesAreRefusedNotFailed(Port port, String name, String body, int status, String reason)
            throws IOException {
        Answer answer = RawHttp.exchange(port.number(node), port.head("Host: strict.test\r\n"
                + "Transfer-Encoding: chunked\r\n") + body);
        assertEquals(status, answer.status(), answer.toString());
        assertEquals(reason, reason(answer), answer.toString());
        assertTrue(answer.closed(), "the connection is closed after a body that cannot be read: " + answer);
        if (port == ADMIN) {
            Answer app = admin("GET /apps/strict");
            assertEquals(404, app.status(), "nothing was deployed: " + app);
        }
    }

    /** Heads HTTP/1.1 forbids, on both ports: name, request, status, reason. */
    static Stream<Arguments> badHeads() {
        return ports().flatMap(port -> Stream.of(
                Arguments.of(port, "two Host headers", port.head("Host: a.test\r\nHost: b.test\r\n"
                        + "Content-Length: 0\r\n"), 400, "bad-request"),
                Arguments.of(port, "no Host in HTTP/1.1", port.head("Content-Length: 0\r\n"), 400, "bad-request"),
                Arguments.of(port, "a Host that is no host", port.head("Host: a b\r\nContent-Length: 0\r\n"), 400,
                        "bad-request"),
                Arguments.of(port, "xchunked with Content-Length", port.head("Host: a.test\r\n"
                        + "Transfer-Encoding: xchunked\r\nContent-Length: 5\r\n") + "hello", 400, "bad-request"),
                Arguments.of(port, "chunked with Content-Length", port.head("Host: a.test\r\n"
                        + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n") + "5\r\nhello\r\n0\r\n\r\n", 400,
                        "bad-request"),
                Arguments.of(port, "gzip, chunked", port.head("Host: a.test\r\nTransfer-Encoding: gzip, chunked\r\n")
                        + "5\r\nhello\r\n0\r\n\r\n", 400, "bad-request"),
                Arguments.of(port, "chunked twice", port.head("Host: a.test\r\nTransfer-Encoding: chunked\r\n"
                        + "Transfer-Encoding: chunked\r\n") + "5\r\nhello\r\n0\r\n\r\n", 400, "bad-request"),
                Arguments.of(port, "Transfer-Encoding in HTTP/1.0", port.requestLine() + " HTTP/1.0\r\n" + port.auth()
                        + "Host: a.test\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 400,
                        "bad-request"),
                Arguments.of(port, "two Content-Lengths", port.head("Host: a.test\r\nContent-Length: 1\r\n"
                        + "Content-Length: 2\r\n") + "ab", 400, "bad-request"),
                Arguments.of(port, "Content-Length not a number", port.head("Host: a.test\r\nContent-Length: x\r\n"),
                        400, "bad-request"),
                Arguments.of(port, "not HTTP", "HELLO\r\n\r\n", 400, "bad-request"),
                Arguments.of(port, "20 KB header", port.head("Host: a.test\r\nX-Big: " + "b".repeat(20_000)
                        + "\r\n"), 431, "headers-too-large"),
                Arguments.of(port, "10 KB request line", port.requestLine() + "?" + "q".repeat(10_000)
                        + " HTTP/1.1\r\nHost: a.test\r\n\r\n", 414, "uri-too-long")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badHeads")
    void headsHttp11ForbidsAreRefusedAndTheConnectionClosed(Port port, String name, String request, int status,
            String reason) throws IOException {
        Answer answer = RawHttp.exchange(port.number(node), request);
        assertEquals(status, answer.status(), answer.toString());
        assertEquals(reason, reason(answer), answer.toString());
        assertTrue(answer.closed(), "closed after the refusal: " + answer);
    }

    /**
     * A proxy that reads the body by Content-Length would forward the second request as part of the first; the
     * node, reading neither, must not serve it either.
     */
    @ParameterizedTest
    @MethodSource("ports")
    void aRequestSmuggledBehindAnUnknownTransferEncodingIsNotServed(Port port) throws IOException {
        String smuggled = port == APP ? "GET /echo HTTP/1.1\r\nHost: a.test\r\n\r\n"
                : "DELETE /apps/strict HTTP/1.1\r\nHost: a.test\r\n" + port.auth() + "\r\n";
        try (Socket socket = RawHttp.open(port.number(node), port.head("Host: a.test\r\n"
                + "Transfer-Encoding: xchunked\r\nContent-Length: 5\r\n") + "hello" + smuggled)) {
            Answer first = RawHttp.next(socket.getInputStream());
            assertEquals(400, first.status(), first.toString());
            assertEquals("bad-request", reason(first));
            Answer second = RawHttp.next(socket.getInputStream());
            assertEquals(-1, second.status(), "no answer to the smuggled request, the connection closed: " + second);
        }
    }

    @Test
    void wellFormedChunkedBodiesStillWorkOnBothPorts() throws IOException {
        Answer echoed = RawHttp.exchange(node.port(), APP.head("Host: a.test\r\nTransfer-Encoding: Chunked\r\n"
                + "Connection: close\r\n") + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: ok\r\n\r\n");
        assertEquals(200, echoed.status(), echoed.toString());
        assertTrue(echoed.body().contains("hello world"), echoed.body());

        byte[] wasm = Files.readAllBytes(TestNodes.app("hello"));
        var request = new ByteArrayOutputStream();
        request.writeBytes(RawHttp.ascii("PUT /apps/chunked HTTP/1.1\r\n" + ADMIN.auth() + "Host: a.test\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"));
        for (int at = 0; at < wasm.length; at += 1000) {
            int size = Math.min(1000, wasm.length - at);
            request.writeBytes(RawHttp.ascii(Integer.toHexString(size) + "\r\n"));
            request.write(wasm, at, size);
            request.writeBytes(RawHttp.ascii("\r\n"));
        }
        request.writeBytes(RawHttp.ascii("0\r\n\r\n"));
        Answer deployed = RawHttp.exchange(node.adminPort(), request.toByteArray());
        assertEquals(201, deployed.status(), deployed.toString());
        assertEquals(200, admin("DELETE /apps/chunked").status());
    }

    @Test
    void http10MayLeaveOutTheHost() throws IOException {
        Answer answer = RawHttp.exchange(node.port(), "GET /echo HTTP/1.0\r\n\r\n");
        assertEquals(200, answer.status(), answer.toString());
    }

    private Answer admin(String requestLine) throws IOException {
        return RawHttp.exchange(node.adminPort(), requestLine + " HTTP/1.1\r\nHost: a.test\r\nAuthorization: Bearer "
                + TOKEN + "\r\nConnection: close\r\n\r\n");
    }

    /** The app port says why in X-Wedge-Error, the admin API in its JSON error (and in X-Wedge-Error for 408). */
    private static String reason(Answer answer) {
        if (answer.error() != null) {
            return answer.error();
        }
        try {
            return new JsonObject(answer.body()).getString("error");
        } catch (RuntimeException e) {
            return "(no reason: " + answer.body() + ")";
        }
    }
}

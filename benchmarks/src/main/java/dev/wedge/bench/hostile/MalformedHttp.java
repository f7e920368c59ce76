package dev.wedge.bench.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Requests no well-behaved client sends, written byte by byte to a raw socket (RFC 9112's failure cases and
 * request smuggling): each must get its defined 4xx or a closed connection, never a 2xx or a 5xx.
 */
final class MalformedHttp {

    /** A request, the answers it may get, and whether closing without one is also right. */
    record Case(String name, boolean admin, String request, Set<Integer> answers, boolean mayClose) {}

    static final String CLOSED = "closed";
    private static final int READ_TIMEOUT_MILLIS = 45_000;

    private static String chunked(String body) {
        return "POST / HTTP/1.1\r\nHost: neighbour.test\r\nTransfer-Encoding: chunked\r\n\r\n" + body;
    }

    static List<Case> cases() {
        String bigTrailers = "X-T: " + "a".repeat(1000) + "\r\n";
        return List.of(
                new Case("chunk size overflow", false, chunked("FFFFFFFFFFFFFFFFFFFF\r\nx\r\n0\r\n\r\n"),
                        Set.of(400, 413), true),
                new Case("negative chunk size", false, chunked("-1\r\nx\r\n0\r\n\r\n"), Set.of(400), true),
                new Case("invalid chunk size", false, chunked("zz\r\nx\r\n0\r\n\r\n"), Set.of(400), true),
                new Case("chunk of 2^31 bytes", false, chunked("80000000\r\nxxxx"), Set.of(400, 413), true),
                new Case("100k chunk extension", false, chunked("1;" + "a".repeat(100_000) + "\r\nx\r\n0\r\n\r\n"),
                        Set.of(400, 413, 431), true),
                new Case("1 MB of trailers", false, chunked("1\r\nx\r\n0\r\n" + bigTrailers.repeat(1000) + "\r\n"),
                        Set.of(400, 413, 431), true),
                new Case("two Host headers", false, "GET / HTTP/1.1\r\nHost: a.test\r\nHost: b.test\r\n\r\n",
                        Set.of(400), true),
                new Case("no Host in HTTP/1.1", false, "GET / HTTP/1.1\r\n\r\n", Set.of(400), true),
                new Case("xchunked with Content-Length", false, "POST / HTTP/1.1\r\nHost: neighbour.test\r\n"
                        + "Transfer-Encoding: xchunked\r\nContent-Length: 5\r\n\r\nhello", Set.of(400), true),
                new Case("chunked with Content-Length", false, "POST / HTTP/1.1\r\nHost: neighbour.test\r\n"
                        + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n", Set.of(400), true),
                new Case("100 KB request line", false, "GET /" + "a".repeat(100_000) + " HTTP/1.1\r\n"
                        + "Host: neighbour.test\r\n\r\n", Set.of(400, 414, 431), true),
                new Case("100 KB header", false, "GET / HTTP/1.1\r\nHost: neighbour.test\r\nX-Big: "
                        + "a".repeat(100_000) + "\r\n\r\n", Set.of(400, 431), true),
                new Case("not HTTP", false, "\u0001\u0002 nonsense\r\n\r\n", Set.of(400), true),
                new Case("headers never finished", false, "GET / HTTP/1.1\r\nHost: neighbour.test\r\nX-Slow: 1",
                        Set.of(408), true),
                new Case("admin: deploy with a broken chunked body", true, "PUT /apps/broken HTTP/1.1\r\n"
                        + "Host: admin\r\nAuthorization: Bearer " + NodeUnderTest.TOKEN + "\r\n"
                        + "Content-Type: application/wasm\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nx\r\n0\r\n\r\n",
                        Set.of(400), true));
    }

    private MalformedHttp() {}

    static void run(NodeUnderTest node, Report report) throws Exception {
        for (Case malformed : cases()) {
            String answer = send(malformed.admin() ? node.adminPort : node.port, malformed.request());
            boolean expected = answer.equals(CLOSED) ? malformed.mayClose()
                    : answer.matches("\\d+") && malformed.answers().contains(Integer.parseInt(answer));
            report.record("malformed-http", answer, expected, malformed.name());
            // its own connection: the cases take the node's header timeout, which closes idle pooled ones
            int neighbour = node.getFresh("neighbour.test", "/").statusCode();
            report.record("malformed-http/neighbour", Integer.toString(neighbour), neighbour == 200,
                    "neighbour after " + malformed.name());
        }
        int broken = node.admin("GET", "/apps/broken", null).statusCode();
        report.record("malformed-http/admin", Integer.toString(broken), broken == 404,
                "the broken deploy deployed nothing");
    }

    /** The status the server answered, {@code closed} when it closed without one, {@code no-answer} on time-out. */
    private static String send(int port, String request) {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) { // the server may refuse the rest of a request it already answered
                return statusLine(socket.getInputStream());
            }
            return statusLine(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            return "no-answer";
        } catch (IOException e) {
            return CLOSED;
        }
    }

    private static String statusLine(InputStream in) throws IOException {
        var line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n' && line.length() < 200; c = in.read()) {
            line.append((char) c);
        }
        String[] parts = line.toString().split(" ");
        return parts.length >= 2 && parts[0].startsWith("HTTP/") ? parts[1] : CLOSED;
    }
}

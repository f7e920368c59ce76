package dev.wedge.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client would send: malformed framing, duplicate headers,
 * headers that never end. Reads one response and then whether the server closed the connection.
 */
public final class RawHttp {

    /** Bounds a hang, never how fast a node answers. */
    public static final int READ_TIMEOUT_MS = 60_000;

    /**
     * One response: status, headers (names in lower case), body, and whether the server closed the connection
     * after it (false also when it kept the connection open past {@link #READ_TIMEOUT_MS}).
     */
    public record Answer(int status, Map<String, String> headers, String body, boolean closed) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String error() {
            return header("x-wedge-error");
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body + (closed ? " (closed)" : " (open)");
        }
    }

    private RawHttp() {}

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends the bytes and reads the answer; see {@link #exchange(int, byte[]...)}. */
    public static Answer exchange(int port, String request) throws IOException {
        return exchange(port, ascii(request));
    }

    /**
     * Sends the parts in order from another thread (a server that answers early must not find the client stuck
     * writing), then reads one response and whether the connection is closed after it. A status of -1 means
     * the server closed the connection without answering.
     */
    public static Answer exchange(int port, byte[]... parts) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            Thread writer = Thread.ofVirtual().start(() -> write(socket, parts));
            try {
                return read(socket.getInputStream());
            } finally {
                writer.interrupt();
            }
        }
    }

    /** Opens a connection, sends the bytes, and leaves the connection open: the caller reads it. */
    public static Socket open(int port, String start) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        socket.getOutputStream().write(ascii(start));
        socket.getOutputStream().flush();
        return socket;
    }

    private static void write(Socket socket, byte[]... parts) {
        try {
            OutputStream out = socket.getOutputStream();
            for (byte[] part : parts) {
                out.write(part);
            }
            out.flush();
        } catch (IOException e) {
            // the server answered and closed before taking everything: its answer is what the test reads
        }
    }

    /** Reads one response from the stream, then whether the stream ends right after it. */
    public static Answer read(InputStream in) throws IOException {
        Answer answer = next(in);
        return answer.closed() ? answer : new Answer(answer.status(), answer.headers(), answer.body(), ends(in));
    }

    /**
     * Reads one response from the stream and nothing after it (closed is true only when its body ran to the end
     * of the stream), so that a next response can be read.
     */
    public static Answer next(InputStream in) throws IOException {
        String statusLine;
        try {
            statusLine = line(in);
        } catch (IOException e) { // reset before any answer
            return new Answer(-1, Map.of(), e.toString(), true);
        }
        if (statusLine == null) {
            return new Answer(-1, Map.of(), "", true);
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new TreeMap<>();
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.merge(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    header.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
        }
        String body;
        if (headers.containsKey("content-length")) {
            body = new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked(in);
        } else {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(status, headers, body, true);
        }
        return new Answer(status, headers, body, false);
    }

    private static boolean ends(InputStream in) {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset: closed as well
        }
    }

    private static String chunked(InputStream in) throws IOException {
        var body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
            body.write(in.readNBytes(size));
            line(in);
        }
        for (String trailer = line(in); trailer != null && !trailer.isEmpty(); trailer = line(in)) {
            // trailers are not looked at
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    /** A line without its CRLF, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}

package dev.wedge.server;

import dev.wedge.host.http.Headers;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The headers of an app's response that go on the wire: framing is the server's business, never the app's. */
public final class ResponseHeaders {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "upgrade", "te", "trailer", "proxy-connection");

    private ResponseHeaders() {}

    public static List<Map.Entry<String, String>> sendable(Headers headers) {
        return headers.entries().stream().filter(header -> !HOP_BY_HOP.contains(header.getKey())).toList();
    }
}

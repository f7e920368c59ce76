package dev.wedge.server;

import dev.wedge.host.http.HeaderRules;
import dev.wedge.host.http.Headers;
import java.util.List;
import java.util.Map;

/** The headers of an app's response that go on the wire: framing is the server's business, never the app's. */
public final class ResponseHeaders {

    private ResponseHeaders() {}

    public static List<Map.Entry<String, String>> sendable(Headers headers) {
        return headers.entries().stream().filter(header -> !HeaderRules.FRAMING.contains(header.getKey())).toList();
    }
}

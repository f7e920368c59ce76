package dev.wedge.server;

import dev.wedge.host.http.HeaderRules;
import dev.wedge.host.http.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The headers of an app's response that go on the wire: framing is the server's business, never the app's. */
public final class ResponseHeaders {

    private ResponseHeaders() {}

    public static List<Map.Entry<String, String>> sendable(Headers headers) {
        List<Map.Entry<String, String>> sendable = new ArrayList<>(headers.size());
        for (Map.Entry<String, String> header : headers.entries()) { // a loop, not a stream: once per response
            if (!HeaderRules.FRAMING.contains(header.getKey())) {
                sendable.add(header);
            }
        }
        return sendable;
    }
}

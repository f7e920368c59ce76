package dev.wedge.bench.templates;

import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a CDN case did, in a form two runs can be compared by: the request the origin got (or none) and the
 * response the client got. Headers are sorted by name (values of one name keep their order), so two sides that
 * build the same headers in another order compare equal. The headers the node adds on every request whatever the
 * filter does (FastEdge's server_name and x-real-ip to the origin, the request id to the client) are left out:
 * they are the node's work, not the template's.
 */
public record CdnOutcome(CannedOrigin.Seen origin, int status, Headers headers, byte[] body) {

    private static final Set<String> NODE_HEADERS = Set.of("server_name", "x-real-ip", "x-wedge-request-id");

    public static CdnOutcome of(CannedOrigin.Seen origin, AppResponse response) {
        return new CdnOutcome(origin, response.status(), response.headers(), response.body());
    }

    /** Everything but the response body. */
    public String head() {
        String sent = origin == null ? "origin not called\n"
                : "origin got " + origin.method() + " " + origin.target() + "\n" + sorted(origin.headers());
        return sent + "client got " + status + "\n" + sorted(headers);
    }

    /** The head and the body as text. */
    public String describe() {
        return head() + "\n" + new String(body, StandardCharsets.UTF_8);
    }

    private static String sorted(Headers headers) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(headers.entries());
        entries.removeIf(entry -> NODE_HEADERS.contains(entry.getKey()));
        entries.sort(Comparator.comparing(Map.Entry::getKey));
        StringBuilder out = new StringBuilder();
        entries.forEach(entry -> out.append("  ").append(entry.getKey()).append(": ").append(entry.getValue())
                .append('\n'));
        return out.toString();
    }
}

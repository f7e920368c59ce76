package dev.wedge.cache;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Which response headers a stored entry keeps: not hop-by-hop ones nor framing, not Age (recomputed), not purge tags. */
final class StoredHeaders {

    private static final Set<String> DROPPED = Set.of("connection", "keep-alive", "transfer-encoding", "content-length", "upgrade",
            "te", "trailer", "proxy-connection", "age", "x-cache", "surrogate-key", "cache-tag");

    private StoredHeaders() {}

    static boolean dropped(String name) {
        return DROPPED.contains(name.toLowerCase(Locale.ROOT));
    }

    static List<Map.Entry<String, String>> list(MultiMap headers) {
        List<Map.Entry<String, String>> kept = new ArrayList<>();
        for (Map.Entry<String, String> header : headers) {
            if (!dropped(header.getKey())) {
                kept.add(Map.entry(header.getKey().toLowerCase(Locale.ROOT), header.getValue()));
            }
        }
        return kept;
    }
}

package dev.wedge.bench.templates;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** One parameter of a query string, decoded as a form (+ is a space), or null. */
final class Query {

    private Query() {}

    static String param(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}

package dev.wedge.cache;

import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import io.vertx.core.MultiMap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a site's cache key holds (docs/cache.md, "The key"): the host and path, the query (all of it, only some
 * parameters, or all but some), and the values of chosen request headers, such as one a request-phase app set.
 *
 * @param headers request headers whose values join the key, lower-case
 * @param queryParams when not empty, only these query parameters are in the key
 * @param dropQueryParams these query parameters are left out of the key
 */
public record KeySpec(List<String> headers, List<String> queryParams, List<String> dropQueryParams) {

    public static final KeySpec DEFAULT = new KeySpec(List.of(), List.of(), List.of());
    private static final Set<String> KEYS = Set.of("headers", "query-params", "drop-query-params");

    public KeySpec {
        headers = headers.stream().map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
        queryParams = List.copyOf(queryParams);
        dropQueryParams = List.copyOf(dropQueryParams);
    }

    static KeySpec read(Section key) throws ConfigException {
        key.allowOnly(KEYS);
        var spec = new KeySpec(key.list("headers"), key.list("query-params"), key.list("drop-query-params"));
        if (!spec.queryParams.isEmpty() && !spec.dropQueryParams.isEmpty()) {
            throw new ConfigException(key.key("query-params") + ": give query-params or drop-query-params, not both");
        }
        return spec;
    }

    /**
     * The key of a request: {@code host + path [? query]}, then {@code |name=value} per chosen header. The host is
     * lower-cased; the query is kept as sent unless parameters are chosen or dropped (then in the order sent).
     */
    public String of(String host, String pathAndQuery, MultiMap requestHeaders) {
        int mark = pathAndQuery.indexOf('?');
        String path = mark < 0 ? pathAndQuery : pathAndQuery.substring(0, mark);
        String query = mark < 0 ? "" : filter(pathAndQuery.substring(mark + 1));
        var key = new StringBuilder(host.toLowerCase(Locale.ROOT)).append(path);
        if (!query.isEmpty()) {
            key.append('?').append(query);
        }
        for (String name : headers) {
            key.append('|').append(name).append('=').append(String.join(",", requestHeaders.getAll(name)));
        }
        return key.toString();
    }

    private String filter(String query) {
        if (queryParams.isEmpty() && dropQueryParams.isEmpty()) {
            return query;
        }
        List<String> kept = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            boolean keep = queryParams.isEmpty() ? !dropQueryParams.contains(name) : queryParams.contains(name);
            if (keep) {
                kept.add(pair);
            }
        }
        return String.join("&", kept);
    }
}

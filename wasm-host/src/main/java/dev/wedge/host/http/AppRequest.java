package dev.wedge.host.http;

/**
 * An HTTP request as an app sees it, fully buffered (bodies are capped before they get here).
 *
 * @param url the full URL, {@code scheme://host/path?query}
 * @param path the path with its percent-encoding kept
 * @param query the query without {@code ?}, empty when none
 * @param routePrefix the matched route's path prefix ({@code SCRIPT_NAME} for WAGI), empty for the root
 */
public record AppRequest(String method, String url, String path, String query, Headers headers, byte[] body,
        String remoteAddress, String serverName, int serverPort, String routePrefix) {

    /** A request for {@code wedge call} and tests: {@code target} is a path with an optional query. */
    public static AppRequest of(String method, String target, Headers headers, byte[] body) {
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        String host = headers.contains("host") ? headers.get("host") : "localhost";
        return new AppRequest(method, "http://" + host + target, path.isEmpty() ? "/" : path, query, headers, body,
                "127.0.0.1", "localhost", 80, "");
    }
}

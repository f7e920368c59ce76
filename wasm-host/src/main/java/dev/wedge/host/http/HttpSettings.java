package dev.wedge.host.http;

import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The http capability's part of an app's settings: {@code request-headers}, set on every request before the app
 * sees it, replacing the client's (fastedge-run's {@code --headers}: what the PoP would add in production), and
 * {@code response-headers}, added to every response of the app, the node's answers for it included (FastEdge's
 * {@code rsp_headers}).
 *
 * @param requestHeaders names in lower case
 * @param responseHeaders names in lower case, checked as an app's own response headers are
 */
public record HttpSettings(Map<String, String> requestHeaders, List<Map.Entry<String, String>> responseHeaders) {

    public static final String REQUEST_HEADERS = "request-headers";
    public static final String RESPONSE_HEADERS = "response-headers";
    public static final HttpSettings NONE = new HttpSettings(Map.of(), List.of());

    public HttpSettings {
        requestHeaders = Map.copyOf(requestHeaders);
        responseHeaders = List.copyOf(responseHeaders);
    }

    static HttpSettings read(Section app) throws ConfigException {
        Map<String, String> requestHeaders = new LinkedHashMap<>();
        for (var header : app.strings(REQUEST_HEADERS).entrySet()) {
            if (!HeaderRules.validName(header.getKey()) || !HeaderRules.validValue(header.getValue())) {
                throw new ConfigException(app.key(REQUEST_HEADERS) + "." + header.getKey()
                        + ": not a valid header name and value (RFC 9110)");
            }
            requestHeaders.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue());
        }
        List<Map.Entry<String, String>> responseHeaders = responseHeaders(app);
        return requestHeaders.isEmpty() && responseHeaders.isEmpty() ? NONE
                : new HttpSettings(requestHeaders, responseHeaders);
    }

    private static List<Map.Entry<String, String>> responseHeaders(Section app) throws ConfigException {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (var header : app.strings(RESPONSE_HEADERS).entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            String where = app.key(RESPONSE_HEADERS) + "." + header.getKey();
            if (!HeaderRules.validName(name) || !HeaderRules.validValue(header.getValue())) {
                throw new ConfigException(where + ": not a valid header name and value (RFC 9110)");
            }
            if (HeaderRules.FRAMING.contains(name) || name.startsWith("x-wedge-")) {
                throw new ConfigException(where + ": the node sets this header itself");
            }
            headers.add(Map.entry(name, header.getValue()));
        }
        return headers;
    }

    /** The request with the {@code request-headers} set; the request itself when there are none. */
    AppRequest applyTo(AppRequest request) {
        if (requestHeaders.isEmpty()) {
            return request;
        }
        Headers merged = request.headers().copy();
        requestHeaders.forEach(merged::set);
        return new AppRequest(request.method(), request.url(), request.path(), request.query(), merged,
                request.body(), request.remoteAddress(), request.serverName(), request.serverPort(),
                request.routePrefix());
    }

    /**
     * Adds each header the response does not have already: an app's own value wins over its configured default,
     * so one response never carries two values the app and its config disagree on.
     */
    public void addTo(Predicate<String> present, BiConsumer<String, String> add) {
        for (var header : responseHeaders) {
            if (!present.test(header.getKey())) {
                add.accept(header.getKey(), header.getValue());
            }
        }
    }

    public void addTo(Headers headers) {
        addTo(headers::contains, headers::add);
    }
}

package dev.wedge.bench.templates;

import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.host.proxywasm.Upstream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the CDN floors share: a template's parameters read as _lib/params.ts reads them (trimmed, blank is unset),
 * its lists, and the request sent on or the origin's response passed back. Floors read their parameters on every
 * request, as the filters do (a fresh instance per phase keeps nothing).
 */
final class FloorParams {

    private final Map<String, String> env;

    FloorParams(Map<String, String> env) {
        this.env = env;
    }

    String get(String name, String fallback) {
        String value = env.getOrDefault(name, "").strip();
        return value.isEmpty() ? fallback : value;
    }

    String get(String name) {
        return get(name, "");
    }

    /** Items cut at {@code separator}, trimmed, blanks dropped. */
    static List<String> split(String text, String separator) {
        return Arrays.stream(text.split(java.util.regex.Pattern.quote(separator), -1)).map(String::strip)
                .filter(item -> !item.isEmpty()).toList();
    }

    /** One entry per line when the text has line breaks, otherwise separated by ";". */
    static List<String> entries(String text) {
        return split(text, text.contains("\n") ? "\n" : ";");
    }

    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    static String target(AppRequest request) {
        return request.query().isEmpty() ? request.path() : request.path() + "?" + request.query();
    }

    /** The request sent on as it came; the origin's response. */
    static Upstream.Response passOn(AppRequest request, CannedOrigin origin) {
        return origin.forward(request.method(), target(request), request.headers().copy());
    }

    static AppResponse response(Upstream.Response response) {
        return new AppResponse(response.status(), response.headers(), response.body(), null);
    }

    static AppResponse local(int status, Headers headers, byte[] body) {
        return new AppResponse(status, headers, body, null);
    }
}

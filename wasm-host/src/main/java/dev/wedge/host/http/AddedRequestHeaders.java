package dev.wedge.host.http;

import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.util.Map;

/**
 * The app's {@code request-headers}: set on every request before the app sees it, replacing what the client sent
 * (fastedge-run's {@code --headers}), e.g. to give a locally run app what the PoP would add in production.
 */
public record AddedRequestHeaders(Map<String, String> headers) {

    public static final AddedRequestHeaders NONE = new AddedRequestHeaders(Map.of());
    static final String KEY = "request-headers";

    public AddedRequestHeaders {
        headers = Map.copyOf(headers);
    }

    static AddedRequestHeaders read(Section app) throws ConfigException {
        Map<String, String> headers = app.strings(KEY);
        for (var header : headers.entrySet()) {
            if (!HeaderRules.validName(header.getKey()) || !HeaderRules.validValue(header.getValue())) {
                throw new ConfigException(app.key(KEY) + ": not a valid header: " + header.getKey());
            }
        }
        return headers.isEmpty() ? NONE : new AddedRequestHeaders(headers);
    }

    /** The request with the headers set; the request itself when there are none. */
    AppRequest applyTo(AppRequest request) {
        if (headers.isEmpty()) {
            return request;
        }
        Headers merged = request.headers().copy();
        headers.forEach(merged::set);
        return new AppRequest(request.method(), request.url(), request.path(), request.query(), merged,
                request.body(), request.remoteAddress(), request.serverName(), request.serverPort(),
                request.routePrefix());
    }
}

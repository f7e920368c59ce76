package dev.wedge.host.client;

import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.Headers;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one request's app learns about its client and the PoP, by header name ({@link ClientFields}).
 *
 * @param address the client's address (the socket's peer, or what a trusted proxy said), null without a request
 */
public record ClientInfo(String address, Map<String, String> values) {

    public ClientInfo {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values)); // in the order headers are set
    }

    /**
     * The request as the app sees it: the client's own headers of these names removed (so none can be spoofed),
     * these set, and the client's address as its remote address.
     */
    AppRequest applyTo(AppRequest request) {
        var headers = new Headers();
        for (var header : request.headers().entries()) {
            if (!ClientFields.setByNode(header.getKey())) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        values.forEach(headers::add);
        return new AppRequest(request.method(), request.url(), request.path(), request.query(), headers,
                request.body(), address, request.serverName(), request.serverPort(), request.routePrefix());
    }
}

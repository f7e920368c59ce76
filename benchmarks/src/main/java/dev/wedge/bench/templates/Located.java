package dev.wedge.bench.templates;

import dev.wedge.host.client.ClientLocator;
import dev.wedge.host.client.GeoConfig;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.Headers;
import dev.wedge.settings.ConfigException;
import java.util.Map;

/**
 * Where a case's client is, as the node's geolocation says ({@code geoip-*} headers, docs/config.md "geo"): the
 * module's host locates it with a fixed answer; the Java floor gets the request as the node hands it on.
 */
public final class Located {

    private Located() {}

    /** The node's geolocation, fixed to {@code located}. */
    public static ClientLocator locator(Map<String, String> located) {
        try {
            return GeoConfig.NONE.withFixed(located).open();
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request as the node hands it on after locating the client: with its geoip-* headers. */
    public static AppRequest request(AppRequest request, Map<String, String> located) {
        if (located.isEmpty()) {
            return request;
        }
        Headers headers = request.headers().copy();
        located.forEach(headers::set);
        return new AppRequest(request.method(), request.url(), request.path(), request.query(), headers,
                request.body(), request.remoteAddress(), request.serverName(), request.serverPort(),
                request.routePrefix());
    }
}

package dev.wedge.bench.templates;

import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;

/**
 * A CDN template's work done natively in Java: from the same request (with the {@code geoip-*} headers the node
 * puts on it) to the same response, sending on to the same {@link CannedOrigin} what the filter would.
 */
public interface CdnFloor {

    AppResponse handle(AppRequest request, CannedOrigin origin);
}

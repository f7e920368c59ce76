package dev.wedge.host.run;

import dev.wedge.host.net.AddressPolicy;
import dev.wedge.host.proxywasm.Upstream;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where a CDN request goes after its request phases: origin URLs tried in order (the next one only when the
 * previous could not be reached), the Host header to send, the timeouts, and the addresses it may reach.
 *
 * @param urls {@code http(s)://host[:port][/base]}; empty when only a filter's local response can answer
 * @param hostHeader sent as Host; null to send the request's {@code :authority}
 * @param connectTimeout per URL tried
 * @param readTimeout for the whole answer, within the run's wall-clock cap; null for the app's {@code timeout-ms}
 * @param pool the connections to the origin: a site's own (its {@code pool-size}), else the shared one
 */
public record OriginPlan(List<URI> urls, String hostHeader, Duration connectTimeout, Duration readTimeout,
        AddressPolicy policy, Upstream.Pool pool) {

    public OriginPlan {
        urls = List.copyOf(urls);
    }

    /** Through the shared pool (an app's own origin). */
    public OriginPlan(List<URI> urls, String hostHeader, Duration connectTimeout, Duration readTimeout,
            AddressPolicy policy) {
        this(urls, hostHeader, connectTimeout, readTimeout, policy, Upstream.Pool.SHARED);
    }
}

package dev.wedge.config;

import dev.wedge.cache.CacheSettings;
import dev.wedge.host.proxywasm.Phase;
import dev.wedge.host.run.OriginPlan;
import java.util.List;
import java.util.Map;

/**
 * One site of a node's configuration (docs/cdn-apps.md, "Sites"): the hosts and paths it serves, its origin,
 * and the CDN app (by name, one of the node's {@code apps:}) that filters each phase.
 *
 * @param apps app names by phase; a phase without one is not filtered
 * @param interruptOnError false: a phase whose app fails is skipped and the request goes on
 * @param originApp the http (or wagi) app that is the origin ({@code origin: {app: NAME}}), or null for URLs
 * @param cache its HTTP cache's settings (docs/cache.md)
 */
public record SiteSpec(String name, List<RouteSpec> routes, OriginPlan origin, Map<Phase, String> apps,
        boolean interruptOnError, String originApp, CacheSettings cache) {

    public SiteSpec {
        routes = List.copyOf(routes);
        apps = Map.copyOf(apps);
    }

    /** A site without a cache. */
    public SiteSpec(String name, List<RouteSpec> routes, OriginPlan origin, Map<Phase, String> apps,
            boolean interruptOnError) {
        this(name, routes, origin, apps, interruptOnError, null, CacheSettings.OFF);
    }
}

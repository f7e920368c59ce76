package dev.wedge.server;

import dev.wedge.config.RouteSpec;
import dev.wedge.host.run.CdnChain;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Maps a request's host and path to an app. The most specific route wins: an exact host over a wildcard over
 * any host, then the longest path prefix. Immutable, so event loops share it without locks.
 */
public final class RouteTable {

    /**
     * @param site the CDN chain of a site's route (its {@code app} is the chain's lead), or null for an app's
     * @param unavailable why a site's route cannot be served now (then {@code app} and {@code site} are null)
     */
    public record Route(RouteSpec spec, DeployedApp app, CdnChain site, Unavailable unavailable) {

        public Route(RouteSpec spec, DeployedApp app) {
            this(spec, app, null, null);
        }

        public Route(RouteSpec spec, DeployedApp app, CdnChain site) {
            this(spec, app, site, null);
        }

        /** Who serves the route, in words: {@code app NAME} or {@code site NAME}. */
        public String owner() {
            return unavailable != null ? "site " + unavailable.site() : site != null ? "site " + site.name()
                    : "app " + app.name();
        }
    }

    /** A site's route whose apps are missing: answered {@code site-unavailable} with the reason. */
    public record Unavailable(String site, String reason) {}

    private static final Comparator<Route> MOST_SPECIFIC_FIRST = Comparator
            .comparingInt((Route route) -> hostRank(route.spec()))
            .thenComparingInt(route -> -route.spec().pathPrefix().length());

    private final List<Route> routes;

    public RouteTable(List<Route> routes) {
        var sorted = new ArrayList<>(routes);
        sorted.sort(MOST_SPECIFIC_FIRST);
        this.routes = List.copyOf(sorted);
    }

    /** @param host the request's host, lower-case, without port */
    public Route match(String host, String path) {
        for (Route route : routes) {
            if (route.spec().matchesHost(host) && route.spec().matchesPath(path)) {
                return route;
            }
        }
        return null;
    }

    public List<Route> routes() {
        return routes;
    }

    private static int hostRank(RouteSpec spec) {
        if (spec.host() == null) {
            return 2;
        }
        return spec.host().startsWith("*.") ? 1 : 0;
    }
}

package dev.wedge.node;

import dev.wedge.config.SiteSpec;
import dev.wedge.host.proxywasm.Upstream;
import dev.wedge.node.Node.NodeStartException;
import dev.wedge.server.DeployedApp;
import dev.wedge.server.RouteTable;
import dev.wedge.server.SiteChains;
import dev.wedge.server.SiteLeads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The routes of a node's config file sites; any site that cannot be served stops the start. */
final class SiteRoutes {

    private SiteRoutes() {}

    /** @param origins what a site's origin requests go through (its cache), or null for the node's client */
    static List<RouteTable.Route> of(List<SiteSpec> sites, Map<String, DeployedApp> apps, SiteLeads leads,
            List<RouteTable.Route> appRoutes, Function<SiteSpec, Upstream> origins) throws NodeStartException {
        List<RouteTable.Route> routes = new ArrayList<>();
        for (SiteSpec site : sites) {
            for (RouteTable.Route route : SiteChains.routes(site, apps::get, leads, origins)) {
                if (route.unavailable() != null) {
                    throw new NodeStartException(route.unavailable().reason(), null);
                }
                if (taken(route, appRoutes) || taken(route, routes)) {
                    throw new NodeStartException("site " + site.name() + ": route " + route.spec()
                            + " is served already", null);
                }
                routes.add(route);
            }
        }
        return routes;
    }

    private static boolean taken(RouteTable.Route route, List<RouteTable.Route> routes) {
        return routes.stream().anyMatch(existing -> existing.spec().equals(route.spec()));
    }
}

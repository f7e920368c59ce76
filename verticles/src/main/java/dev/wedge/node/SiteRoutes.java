package dev.wedge.node;

import dev.wedge.config.RouteSpec;
import dev.wedge.config.SiteSpec;
import dev.wedge.host.app.AppKind;
import dev.wedge.host.proxywasm.Phase;
import dev.wedge.host.run.App;
import dev.wedge.host.run.CdnChain;
import dev.wedge.node.Node.NodeStartException;
import dev.wedge.server.DeployedApp;
import dev.wedge.server.RouteTable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The routes of a node's sites: each site's hosts and paths to a chain of its phases' apps in front of its
 * origin. The request is admitted, limited and logged as one of its lead app's (the first phase's app).
 */
final class SiteRoutes {

    private SiteRoutes() {}

    static List<RouteTable.Route> of(List<SiteSpec> sites, Map<String, DeployedApp> apps,
            List<RouteTable.Route> appRoutes) throws NodeStartException {
        List<RouteTable.Route> routes = new ArrayList<>();
        for (SiteSpec site : sites) {
            var chainApps = new EnumMap<Phase, App>(Phase.class);
            DeployedApp lead = null;
            for (Phase phase : Phase.values()) {
                String name = site.apps().get(phase);
                if (name == null) {
                    continue;
                }
                DeployedApp app = apps.get(name);
                if (app.app().kind() != AppKind.CDN) {
                    throw new NodeStartException("site " + site.name() + ": app " + name + " is a "
                            + app.app().kind().label() + " app, not a cdn app", null);
                }
                lead = lead == null ? app : lead;
                chainApps.put(phase, app.app());
            }
            var chain = new CdnChain(site.name(), chainApps, lead.app(), site.origin(), site.interruptOnError());
            for (RouteSpec route : site.routes()) {
                if (taken(route, appRoutes) || taken(route, routes)) {
                    throw new NodeStartException("site " + site.name() + ": route " + route
                            + " is served already", null);
                }
                routes.add(new RouteTable.Route(route, lead, chain));
            }
        }
        return routes;
    }

    private static boolean taken(RouteSpec route, List<RouteTable.Route> routes) {
        return routes.stream().anyMatch(existing -> existing.spec().equals(route));
    }
}

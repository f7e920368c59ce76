package dev.wedge.server;

import dev.wedge.config.RouteSpec;
import dev.wedge.config.SiteSpec;
import dev.wedge.host.app.AppKind;
import dev.wedge.host.proxywasm.Phase;
import dev.wedge.host.proxywasm.Upstream;
import dev.wedge.host.run.App;
import dev.wedge.host.run.CdnChain;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.function.Function;

/**
 * A site's routes: its hosts and paths to the chain of its phases' apps, as they are deployed now, in front of its
 * origin. The request is admitted, limited and logged as one of its lead app's (the first phase's app, or the
 * site's own from {@link SiteLeads} when it names none). A site
 * whose app is missing or not a CDN app keeps its routes, answered {@code site-unavailable}: its hosts never fall
 * through to another route.
 */
public final class SiteChains {

    private SiteChains() {}

    /**
     * @param apps the app of a name as the node serves it now, or null
     * @param leads the lead apps of sites that name no app
     * @param origins what a site's origin requests go through (its cache), or null for the node's client
     */
    public static List<RouteTable.Route> routes(SiteSpec site, Function<String, DeployedApp> apps, SiteLeads leads,
            Function<SiteSpec, Upstream> origins) {
        var chainApps = new EnumMap<Phase, App>(Phase.class);
        DeployedApp lead = null;
        String problem = null;
        for (Phase phase : Phase.values()) {
            String name = site.apps().get(phase);
            if (name == null) {
                continue;
            }
            DeployedApp app = apps.apply(name);
            if (app == null) {
                problem = "app " + name + " is not deployed";
                break;
            }
            if (app.app().kind() != AppKind.CDN) {
                problem = "app " + name + " is a " + app.app().kind().label() + " app, not a cdn app";
                break;
            }
            lead = lead == null ? app : lead;
            chainApps.put(phase, app.app());
        }
        if (problem == null && lead == null) {
            lead = leads.lead(site.name());
            problem = lead == null ? "it names no app, and this node makes no lead app for it" : null;
        }
        DeployedApp originApp = null;
        if (problem == null && site.originApp() != null) {
            originApp = apps.apply(site.originApp());
            problem = originProblem(site.originApp(), originApp);
        }
        List<RouteTable.Route> routes = new ArrayList<>();
        if (problem != null) {
            var unavailable = new RouteTable.Unavailable(site.name(), "site " + site.name() + ": " + problem);
            site.routes().forEach(route -> routes.add(new RouteTable.Route(route, null, null, unavailable)));
            return routes;
        }
        var chain = new CdnChain(site.name(), chainApps, lead.app(), site.origin(), site.interruptOnError(),
                originApp == null ? null : originApp.app(), origins.apply(site));
        for (RouteSpec route : site.routes()) {
            routes.add(new RouteTable.Route(route, lead, chain));
        }
        return routes;
    }

    /** Why the app cannot be a site's origin, or null: it must be deployed, enabled, and answer HTTP. */
    public static String originProblem(String name, DeployedApp app) {
        if (app == null) {
            return "origin app " + name + " is not deployed";
        }
        AppKind kind = app.app().kind();
        if (kind != AppKind.HTTP && kind != AppKind.WAGI) {
            return "origin app " + name + " is a " + kind.label() + " app; an origin app answers http (or wagi)";
        }
        return app.enabled() ? null : "origin app " + name + " is disabled";
    }
}

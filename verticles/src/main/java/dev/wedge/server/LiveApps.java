package dev.wedge.server;

import dev.wedge.config.RouteSpec;
import dev.wedge.config.SiteSpec;
import dev.wedge.host.proxywasm.Upstream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The apps and sites this node serves right now: those of its config file, fixed, and those deployed through
 * the admin API, which come and go. Each change builds a new immutable {@link RouteTable} and swaps it in with one
 * volatile write, so event loops never wait; the version it replaces is retired after the swap. Deployed sites
 * are chained to the apps as they are at each swap, so a site follows its apps' new versions and deletes.
 */
public final class LiveApps implements Supplier<RouteTable> {

    /** A deployed app as this node runs it; {@code app} is null once deleted. */
    public record Live(long revision, List<RouteSpec> routes, DeployedApp app) {}

    /** A site put through the admin API as this node serves it; {@code spec} is null once deleted. */
    public record LiveSite(long revision, SiteSpec spec) {}

    private final List<RouteTable.Route> fixed;
    private final Map<String, DeployedApp> fixedApps;
    private final Set<String> fixedSites;
    private final SiteLeads siteLeads;
    private final Function<SiteSpec, Upstream> siteOrigins;
    private final Map<String, Live> deployed = new LinkedHashMap<>(); // guarded by this
    private final Map<String, LiveSite> sites = new LinkedHashMap<>(); // guarded by this
    private volatile RouteTable table;

    public LiveApps(List<RouteTable.Route> fixed) {
        this(fixed, Map.of(), Set.of(), SiteLeads.NONE, site -> null);
    }

    /**
     * @param fixedApps the config file's apps, by name, which deployed sites may name too
     * @param fixedSites the config file's sites' names
     * @param siteLeads the lead apps of deployed sites that name no app
     * @param siteOrigins what a deployed site's origin requests go through (its cache), or null for the client
     */
    public LiveApps(List<RouteTable.Route> fixed, Map<String, DeployedApp> fixedApps, Set<String> fixedSites,
            SiteLeads siteLeads, Function<SiteSpec, Upstream> siteOrigins) {
        this.fixed = List.copyOf(fixed);
        this.fixedApps = Map.copyOf(fixedApps);
        this.fixedSites = Set.copyOf(fixedSites);
        this.siteLeads = siteLeads;
        this.siteOrigins = siteOrigins;
        this.table = new RouteTable(fixed);
    }

    @Override
    public RouteTable get() {
        return table;
    }

    /** True for an app of the config file: the admin API may not replace it. */
    public boolean isFixed(String name) {
        return fixedApps.containsKey(name)
                || fixed.stream().anyMatch(route -> route.app() != null && route.app().name().equals(name));
    }

    /** True for a site of the config file: the admin API may not replace it. */
    public boolean isFixedSite(String name) {
        return fixedSites.contains(name);
    }

    /** The revision of the app this node runs; 0 when none. */
    public synchronized long revision(String name) {
        Live live = deployed.get(name);
        return live == null ? 0 : live.revision();
    }

    public synchronized Live live(String name) {
        return deployed.get(name);
    }

    public synchronized Map<String, Live> all() {
        return Map.copyOf(deployed);
    }

    /** The app of the name this node serves now (the config file's or a deployed one), or null. */
    public synchronized DeployedApp app(String name) {
        Live live = deployed.get(name);
        return live != null && live.app() != null ? live.app() : fixedApps.get(name);
    }

    public synchronized LiveSite site(String name) {
        return sites.get(name);
    }

    public synchronized Map<String, LiveSite> sites() {
        return Map.copyOf(sites);
    }

    /**
     * Which of the routes another app or site than {@code owner} serves here, said in a sentence; null when none.
     *
     * @param owner {@code app NAME} or {@code site NAME} ({@link RouteTable.Route#owner})
     */
    public String routeClash(String owner, List<RouteSpec> routes) {
        for (RouteTable.Route existing : table.routes()) {
            if (routes.contains(existing.spec()) && !existing.owner().equals(owner)) {
                return "route " + existing.spec() + " is served by " + existing.owner();
            }
        }
        return null;
    }

    /** Serves {@code app} as the app's version from now on, unless this node already runs a newer revision. */
    public void put(String name, Live next) {
        synchronized (this) {
            Live previous = deployed.get(name);
            if (previous != null && previous.revision() >= next.revision()) {
                return; // lost a race with a newer revision: never served
            }
            deployed.put(name, next); // a deleted app stays as a tombstone: its revision still counts
            rebuild();
        }
    }

    /** Stops serving a deployed app. */
    public void remove(String name, long revision) {
        put(name, new Live(revision, List.of(), null));
    }

    /** Serves the site as given from now on (a null spec: no more), unless this node has a newer revision. */
    public void putSite(String name, LiveSite next) {
        synchronized (this) {
            LiveSite previous = sites.get(name);
            if (previous != null && previous.revision() >= next.revision()) {
                return;
            }
            sites.put(name, next);
            rebuild();
        }
    }

    private void rebuild() {
        List<RouteTable.Route> routes = new ArrayList<>(fixed);
        deployed.values().stream().filter(live -> live.app() != null).forEach(live -> live.routes()
                .forEach(route -> routes.add(new RouteTable.Route(route, live.app()))));
        sites.values().stream().filter(site -> site.spec() != null)
                .forEach(site -> routes.addAll(SiteChains.routes(site.spec(), this::app, siteLeads, siteOrigins)));
        table = new RouteTable(routes);
    }
}

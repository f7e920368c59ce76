package dev.wedge.server;

import dev.wedge.config.RouteSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The apps this node serves right now: those of its config file, fixed, and those deployed through the admin
 * API, which come and go. Each change builds a new immutable {@link RouteTable} and swaps it in with one
 * volatile write, so event loops never wait; the version it replaces is retired after the swap.
 */
public final class LiveApps implements Supplier<RouteTable> {

    /** A deployed app as this node runs it; {@code app} is null once deleted. */
    public record Live(long revision, List<RouteSpec> routes, DeployedApp app) {}

    private final List<RouteTable.Route> fixed;
    private final Map<String, Live> deployed = new LinkedHashMap<>(); // guarded by this
    private volatile RouteTable table;

    public LiveApps(List<RouteTable.Route> fixed) {
        this.fixed = List.copyOf(fixed);
        this.table = new RouteTable(fixed);
    }

    @Override
    public RouteTable get() {
        return table;
    }

    /** True for an app of the config file: the admin API may not replace it. */
    public boolean isFixed(String name) {
        return fixed.stream().anyMatch(route -> route.app().name().equals(name));
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

    /** Which of the routes another app than {@code name} serves here, said in a sentence; null when none. */
    public String routeClash(String name, List<RouteSpec> routes) {
        for (RouteTable.Route existing : table.routes()) {
            if (routes.contains(existing.spec()) && !existing.app().name().equals(name)) {
                return "route " + existing.spec() + " is served by app " + existing.app().name();
            }
        }
        return null;
    }

    /** Serves {@code app} as the app's version from now on, unless this node already runs a newer revision. */
    public void put(String name, Live next) {
        swap(name, next);
    }

    /** Stops serving a deployed app. */
    public void remove(String name, long revision) {
        swap(name, new Live(revision, List.of(), null));
    }

    private void swap(String name, Live next) {
        Live previous;
        synchronized (this) {
            previous = deployed.get(name);
            if (previous != null && previous.revision() >= next.revision()) {
                return; // lost a race with a newer revision: never served
            }
            deployed.put(name, next); // a deleted app stays as a tombstone: its revision still counts
            List<RouteTable.Route> routes = new ArrayList<>(fixed);
            deployed.values().stream().filter(live -> live.app() != null).forEach(live -> live.routes()
                    .forEach(route -> routes.add(new RouteTable.Route(route, live.app()))));
            table = new RouteTable(routes);
        }
    }
}

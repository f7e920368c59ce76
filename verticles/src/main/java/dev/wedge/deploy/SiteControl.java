package dev.wedge.deploy;

import dev.wedge.config.AppSections;
import dev.wedge.config.RouteSpec;
import dev.wedge.config.SiteSpec;
import dev.wedge.config.SiteSpecs;
import dev.wedge.host.app.AppKind;
import dev.wedge.server.DeployedApp;
import dev.wedge.server.LiveApps;
import dev.wedge.server.SiteChains;
import dev.wedge.settings.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.Map;

/**
 * What the admin API does to sites, on any node: check a site against the apps this node serves and every
 * site's routes, record it in the cluster, and roll the change out to every node before answering.
 */
public final class SiteControl {

    private final RecordStore<SiteRecord> records;
    private final Rollout rollout;
    private final LiveApps live;

    SiteControl(RecordStore<SiteRecord> records, Rollout rollout, LiveApps live) {
        this.records = records;
        this.rollout = rollout;
        this.live = live;
    }

    /** Creates or replaces the site. @param settings the keys of a config file's site */
    public Future<JsonObject> put(String name, JsonObject settings) {
        SiteSpec spec;
        try {
            checkName(name);
            spec = SiteSpecs.read(name, Manifests.plain(settings));
        } catch (ConfigException e) {
            return Future.failedFuture(DeployException.badRequest("invalid-config", e.getMessage()));
        } catch (DeployException e) {
            return Future.failedFuture(e);
        }
        return records.all().compose(all -> {
            checkApps(spec);
            checkRoutes(spec, all);
            return records.update(name, record -> record.put(settings));
        }).compose(this::announce);
    }

    public Future<JsonObject> delete(String name) {
        if (live.isFixedSite(name)) {
            return Future.failedFuture(inConfig(name));
        }
        return records.update(name, record -> {
            if (record.deleted()) {
                throw notFound(name);
            }
            return record.tombstone();
        }).compose(this::announce);
    }

    public Future<JsonArray> list() {
        return records.all().map(all -> new JsonArray(all.values().stream().filter(record -> !record.deleted())
                .sorted(Comparator.comparing(SiteRecord::name)).map(record -> (Object) record.summary()).toList()));
    }

    public Future<JsonObject> get(String name) {
        return records.get(name).compose(record -> record == null || record.deleted()
                ? Future.failedFuture(notFound(name)) : Future.succeededFuture(record.summary()));
    }

    private Future<JsonObject> announce(SiteRecord record) {
        return rollout.announceSite(record.name()).map(nodes -> {
            boolean everywhere = nodes.stream().map(JsonObject.class::cast).allMatch(node ->
                    node.getLong("revision", 0L) >= record.revision() && !"failed".equals(node.getString("state")));
            return new JsonObject().put("site", record.deleted() ? new JsonObject().put("name", record.name())
                            .put("deleted", true).put("revision", record.revision()) : record.summary())
                    .put("complete", everywhere).put("nodes", nodes);
        });
    }

    private void checkName(String name) throws ConfigException {
        AppSections.checkName(name);
        if (live.isFixedSite(name)) {
            throw inConfig(name);
        }
    }

    /** Each app the site names must be served here now, and be a CDN app (its origin app an http one). */
    private void checkApps(SiteSpec spec) {
        if (spec.originApp() != null) {
            String problem = SiteChains.originProblem(spec.originApp(), live.app(spec.originApp()));
            if (problem != null) {
                throw DeployException.badRequest(live.app(spec.originApp()) == null ? "no-such-app"
                        : "not-an-http-app", "site " + spec.name() + ": " + problem);
            }
        }
        for (String name : spec.apps().values()) {
            DeployedApp app = live.app(name);
            if (app == null) {
                throw DeployException.badRequest("no-such-app", "site " + spec.name() + ": app " + name
                        + " is not deployed (deploy it first: PUT /apps/" + name + ")");
            }
            if (app.app().kind() != AppKind.CDN) {
                throw DeployException.badRequest("not-a-cdn-app", "site " + spec.name() + ": app " + name + " is a "
                        + app.app().kind().label() + " app; a site's phases need cdn apps");
            }
        }
    }

    /** Against the routes this node serves (apps and sites) and every site recorded in the cluster. */
    private void checkRoutes(SiteSpec spec, Map<String, SiteRecord> all) {
        String clash = live.routeClash("site " + spec.name(), spec.routes());
        if (clash != null) {
            throw new DeployException(409, "route-taken", clash);
        }
        for (SiteRecord other : all.values()) {
            if (other.deleted() || other.name().equals(spec.name())) {
                continue;
            }
            for (RouteSpec route : routes(other)) {
                if (spec.routes().contains(route)) {
                    throw new DeployException(409, "route-taken", "route " + route + " is served by site "
                            + other.name());
                }
            }
        }
    }

    private static java.util.List<RouteSpec> routes(SiteRecord record) {
        try {
            return SiteSpecs.read(record.name(), Manifests.plain(record.site())).routes();
        } catch (ConfigException e) {
            return java.util.List.of(); // recorded after the same check: nothing to collide with
        }
    }

    private static DeployException inConfig(String name) {
        return new DeployException(409, "site-in-config", "site " + name
                + " is defined in the node's config file; change it there, or put the site under another name");
    }

    private static DeployException notFound(String name) {
        return new DeployException(404, "no-such-site", "no site named '" + name + "' was put");
    }
}

package dev.wedge.deploy;

import dev.wedge.config.SiteSpec;
import dev.wedge.config.SiteSpecs;
import dev.wedge.server.LiveApps;
import dev.wedge.settings.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Brings this node's sites in line with the cluster's site records, as {@link AppSync} does for apps: one change
 * at a time, only forwards, kept on disk, served without a restart. A site only names apps; which version of them
 * runs is the apps' business ({@link LiveApps} chains a site to its apps as they are).
 */
final class SiteSync {

    private static final Logger LOG = Logger.getLogger(SiteSync.class.getName());

    /** Why a revision is not served here; retried on each sweep unless the same settings would fail again. */
    private record Failure(long revision, String message, boolean lasting) {}

    private final Vertx vertx;
    private final RecordStore<SiteRecord> records;
    private final LiveApps live;
    private final String node;
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private Future<?> tail = Future.succeededFuture(); // guarded by this

    SiteSync(Vertx vertx, RecordStore<SiteRecord> records, LiveApps live, String node) {
        this.vertx = vertx;
        this.records = records;
        this.live = live;
        this.node = node;
    }

    /** Applies the cluster's record of the site, then says what this node serves. */
    Future<JsonObject> sync(String name) {
        return serially(() -> records.get(name).compose(record -> record == null ? Future.succeededFuture()
                : apply(record))).map(done -> status(name));
    }

    /** Both ways, as for apps: the cluster's newer records here, this node's newer ones back to the cluster. */
    Future<Void> syncAll() {
        return records.all().compose(cluster -> {
            List<Future<Void>> offered = new ArrayList<>();
            Set<String> names = new HashSet<>(cluster.keySet());
            live.sites().forEach((name, mine) -> {
                SiteRecord theirs = cluster.get(name);
                if (theirs == null || theirs.revision() < mine.revision()) {
                    offered.add(vertx.executeBlocking(() -> records.loadLocal(name), false)
                            .compose(record -> record == null ? Future.succeededFuture() : records.offer(record)));
                }
                names.add(name);
            });
            return Future.join(offered).transform(done -> Future.succeededFuture(names));
        }).compose(names -> {
            Future<Void> chain = Future.succeededFuture();
            for (String name : names) {
                chain = chain.compose(done -> sync(name).<Void>mapEmpty().recover(failure -> Future.succeededFuture()));
            }
            return chain;
        });
    }

    /** At start: serve the sites this node kept on disk, then share them with the cluster. */
    Future<Void> restore() {
        return vertx.executeBlocking(() -> {
            List<String> problems = new ArrayList<>();
            List<SiteRecord> kept = records.loadLocal(problems);
            problems.forEach(problem -> LOG.warning("deploy: skipped an unreadable site record: " + problem));
            return kept;
        }, false).compose(kept -> {
            Future<Void> chain = Future.succeededFuture();
            for (SiteRecord record : kept) {
                chain = chain.compose(done -> serially(() -> apply(record)))
                        .compose(done -> records.offer(record))
                        .recover(failure -> Future.succeededFuture());
            }
            return chain;
        });
    }

    JsonObject status(String name) {
        var json = new JsonObject().put("node", node);
        LiveApps.LiveSite served = live.site(name);
        Failure failure = failures.get(name);
        if (failure != null && (served == null || failure.revision() > served.revision())) {
            return json.put("state", "failed").put("revision", failure.revision()).put("error", failure.message());
        }
        if (served == null) {
            return json.put("state", "absent").put("revision", 0);
        }
        return json.put("revision", served.revision()).put("state", served.spec() == null ? "deleted" : "active");
    }

    private synchronized <T> Future<T> serially(Supplier<Future<T>> step) {
        Future<T> next = tail.transform(previous -> step.get());
        tail = next;
        return next;
    }

    /** A site that does not fit here (a config file's name or route) fails on this node alone, and is said so. */
    private Future<Void> apply(SiteRecord record) {
        String name = record.name();
        LiveApps.LiveSite served = live.site(name);
        Failure failed = failures.get(name);
        if (served != null && record.revision() <= served.revision()
                || failed != null && failed.lasting() && failed.revision() == record.revision()) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            SiteSpec spec = record.deleted() ? null : fits(record);
            records.persist(record);
            return new LiveApps.LiveSite(record.revision(), spec);
        }, false).andThen(result -> {
            if (result.succeeded()) {
                failures.remove(name);
                live.putSite(name, result.result());
            } else {
                Throwable cause = result.cause();
                failures.put(name, new Failure(record.revision(), String.valueOf(cause.getMessage()),
                        cause instanceof ConfigException));
                LOG.warning("deploy: site " + name + " revision " + record.revision() + " is not served on this "
                        + "node: " + cause.getMessage());
            }
        }).<Void>mapEmpty().recover(failure -> Future.succeededFuture());
    }

    private SiteSpec fits(SiteRecord record) throws ConfigException {
        if (live.isFixedSite(record.name())) {
            throw new ConfigException("site " + record.name() + " is defined in this node's config file");
        }
        SiteSpec spec = SiteSpecs.read(record.name(), Manifests.plain(record.site()));
        String clash = live.routeClash("site " + record.name(), spec.routes());
        if (clash != null) {
            throw new ConfigException(clash + " on this node");
        }
        return spec;
    }
}

package dev.wedge.deploy;

import dev.wedge.config.AppSections;
import dev.wedge.config.AppSpec;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.secrets.Secrets;
import dev.wedge.server.DeployedApp;
import dev.wedge.server.LiveApps;
import dev.wedge.settings.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Brings this node's running apps in line with the cluster's records: fetches a new version's module, loads it,
 * keeps the record on disk, then swaps it in. Changes are applied one at a time, and only forwards (a higher
 * revision), so any order of notifications and sweeps ends in the cluster's latest state.
 */
public final class AppSync {

    private static final Logger LOG = Logger.getLogger(AppSync.class.getName());

    /** Why a revision did not load here; retried on each sweep only when another try may succeed. */
    private record Failure(long revision, String message, boolean lasting) {}

    private final Vertx vertx;
    private final RecordStore<AppRecord> records;
    private final ModuleStore modules;
    private final LiveApps live;
    private final AppLoading loading;
    private final AppSections sections;
    private final Secrets secrets;
    private final String node;
    private final ModulePins pins;
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private Future<?> tail = Future.succeededFuture(); // guarded by this

    AppSync(Vertx vertx, RecordStore<AppRecord> records, ModuleStore modules, LiveApps live, AppLoading loading,
            AppSections sections, Secrets secrets, String node, ModulePins pins) {
        this.vertx = vertx;
        this.records = records;
        this.modules = modules;
        this.live = live;
        this.loading = loading;
        this.sections = sections;
        this.secrets = secrets;
        this.node = node;
        this.pins = pins;
    }

    /** Applies the cluster's record of the app, then says what this node runs. */
    Future<JsonObject> sync(String name) {
        return serially(() -> records.get(name).compose(record -> record == null ? Future.succeededFuture()
                : apply(record))).map(done -> status(name));
    }

    /**
     * Reconciles every app both ways: applies the cluster's newer records here, and gives back to the cluster
     * records it lost (after every node restarted, or more nodes failed than it keeps backups for).
     */
    Future<Void> syncAll() {
        return records.all().compose(cluster -> {
            List<Future<Void>> offered = new ArrayList<>();
            Set<String> names = new HashSet<>(cluster.keySet());
            live.all().forEach((name, mine) -> {
                AppRecord theirs = cluster.get(name);
                if (theirs == null || theirs.revision() < mine.revision()) {
                    offered.add(localRecord(name).compose(record -> record == null ? Future.succeededFuture()
                            : records.offer(record)));
                }
                names.add(name);
            });
            // Modules the cluster lost are shared again by the module sweep that follows.
            return Future.join(offered).transform(done -> Future.succeededFuture(names));
        }).compose(names -> {
            Future<Void> chain = Future.succeededFuture();
            for (String name : names) {
                chain = chain.compose(done -> sync(name).<Void>mapEmpty().recover(failure -> Future.succeededFuture()));
            }
            return chain;
        });
    }

    /** At start: serve what this node kept on disk, then share its records and modules with the cluster. */
    Future<Void> restore() {
        return vertx.executeBlocking(() -> {
            List<String> problems = new ArrayList<>();
            List<AppRecord> kept = records.loadLocal(problems);
            problems.forEach(problem -> LOG.warning("deploy: skipped an unreadable app record: " + problem));
            return kept;
        }, false).compose(kept -> {
            Future<Void> chain = Future.succeededFuture();
            Set<String> shas = new HashSet<>();
            for (AppRecord record : kept) {
                record.versions().forEach(version -> shas.add(version.sha256()));
                chain = chain.compose(done -> serially(() -> apply(record)))
                        .compose(done -> records.offer(record))
                        .recover(failure -> {
                            LOG.warning("deploy: could not share app " + record.name() + " with the cluster: "
                                    + failure.getMessage());
                            return Future.succeededFuture();
                        });
            }
            return chain.compose(done -> modules.share(shas));
        });
    }

    /**
     * Compiles a module another node sent while it validates it for a deploy, leaving it among the idle compiled
     * modules, where the deploy's own load finds it; then keeps it on disk, where that load reads it. Compiled
     * without validation: if the deploy's validation fails, no record names the module and nothing ever runs it.
     * Failures here cost nothing but speed.
     */
    void prepare(String app, String sha256, JsonObject manifest, byte[] wasm) {
        if (!ModuleStore.isSha256(sha256) || manifest == null) {
            return;
        }
        pins.during(sha256, () -> vertx.executeBlocking(() -> {
            loading.preload(ModuleStore.checked(sha256, wasm),
                    sections.fromManifest(app, Manifests.plain(manifest), modules.path(sha256), secrets));
            return null;
        }, false).compose(compiled -> modules.keepLocal(sha256, wasm)));
    }

    /** What this node runs of the app, for deploy answers. */
    JsonObject status(String name) {
        var json = new JsonObject().put("node", node);
        LiveApps.Live running = live.live(name);
        Failure failure = failures.get(name);
        if (failure != null && (running == null || failure.revision() > running.revision())) {
            return json.put("state", "failed").put("revision", failure.revision()).put("error", failure.message());
        }
        if (running == null) {
            return json.put("state", "absent").put("revision", 0);
        }
        json.put("revision", running.revision());
        if (running.app() == null) {
            return json.put("state", "deleted");
        }
        return json.put("version", running.app().version())
                .put("state", running.app().enabled() ? "active" : "disabled");
    }

    private synchronized <T> Future<T> serially(Supplier<Future<T>> step) {
        Future<T> next = tail.transform(previous -> step.get());
        tail = next;
        return next;
    }

    private Future<Void> apply(AppRecord record) {
        String name = record.name();
        Failure failed = failures.get(name);
        if (record.revision() <= live.revision(name)
                || failed != null && failed.lasting() && failed.revision() == record.revision()) {
            return Future.succeededFuture();
        }
        Future<LiveApps.Live> loaded = record.deleted()
                ? vertx.executeBlocking(() -> {
                    records.persist(record);
                    return new LiveApps.Live(record.revision(), List.of(), null);
                }, false)
                // pinned until it runs: this node's sweep may not take the file it is loading from; a sweep that
                // had already decided to may still take it, so a file gone meanwhile is fetched once more
                : pins.during(record.activeVersion().sha256(), () -> fetchAndLoad(record)
                        .recover(failure -> fileGone(failure) ? fetchAndLoad(record) : Future.failedFuture(failure)));
        return loaded.andThen(result -> {
            if (result.succeeded()) {
                failures.remove(name);
                live.put(name, result.result());
                if (record.deleted()) {
                    loading.deleted(name);
                }
            } else {
                Throwable cause = result.cause();
                // Only what the same bytes and settings would fail again; the cluster or the disk may recover.
                boolean lasting = cause instanceof ConfigException || cause.getCause() instanceof ModuleLoadException;
                failures.put(name, new Failure(record.revision(), String.valueOf(cause.getMessage()), lasting));
                LOG.log(Level.WARNING, "deploy: app " + name + " revision " + record.revision()
                        + " did not load on this node: " + cause.getMessage());
            }
        }).<Void>mapEmpty().recover(failure -> Future.succeededFuture());
    }

    private Future<LiveApps.Live> fetchAndLoad(AppRecord record) {
        return modules.fetch(record.activeVersion().sha256())
                .compose(module -> vertx.executeBlocking(() -> load(record, module), false));
    }

    private static boolean fileGone(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NoSuchFileException) {
                return true;
            }
        }
        return false;
    }

    private LiveApps.Live load(AppRecord record, Path module) throws Exception {
        AppVersion version = record.activeVersion();
        AppSpec spec = sections.fromManifest(record.name(), Manifests.plain(version.manifest()), module, secrets);
        checkFits(record.name(), spec);
        DeployedApp app = loading.load(spec, version.version(), record.enabled());
        if (!app.app().sha256().equals(version.sha256())) { // a damaged file: fetched again on the next sweep
            Files.deleteIfExists(module);
            throw new IOException("module file " + module + " does not match its sha256; removed");
        }
        records.persist(record);
        return new LiveApps.Live(record.revision(), spec.routes(), app);
    }

    /** A deployed app may not take the name or a route of an app of this node's config file (or another's). */
    private void checkFits(String name, AppSpec spec) throws ConfigException {
        if (live.isFixed(name)) {
            throw new ConfigException("app " + name + " is defined in this node's config file");
        }
        String clash = live.routeClash("app " + name, spec.routes());
        if (clash != null) {
            throw new ConfigException(clash + " on this node");
        }
    }

    private Future<AppRecord> localRecord(String name) {
        return vertx.executeBlocking(() -> records.loadLocal(name), false);
    }
}

package dev.wedge.deploy;

import dev.wedge.config.AppSections;
import dev.wedge.config.AppSpec;
import dev.wedge.config.DeployConfig;
import dev.wedge.config.RouteSpec;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.module.ModuleDigest;
import dev.wedge.host.secrets.Secrets;
import dev.wedge.server.LiveApps;
import dev.wedge.settings.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What the admin API does to deployed apps, on any node: validate and store modules, record new versions,
 * roll back, enable, disable, delete, and roll each change out to every node before answering. A module a
 * deploy brought and validation refused is collected before the refusal is answered.
 */
public final class AppControl {

    /**
     * A deploy: the module as bytes, by the sha256 of a module already uploaded, or by URL; and the app's
     * settings, or null to keep the current version's (a new app is served at /NAME).
     */
    public record Request(byte[] wasm, String module, String moduleUrl, JsonObject manifest) {}

    /**
     * How long a deploy's stamp keeps its module (when the upload grace is not shorter): far longer than a deploy
     * takes to validate and record, so a sweep seldom collects a module under a deploy (which then stores it again).
     */
    static final Duration IN_FLIGHT = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final RecordStore<AppRecord> records;
    private final ModuleStore modules;
    private final ModulePins pins;
    private final ModuleSweep sweep;
    private final Rollout rollout;
    private final LiveApps live;
    private final AppLoading loading;
    private final ModuleDownload download;
    private final AppSections sections;
    private final Secrets secrets;
    private final long maxModuleBytes;
    private final Duration grace;
    private final String defaultEngine;

    /** The node's module store, with its pins and its sweep. */
    record Modules(ModuleStore store, ModulePins pins, ModuleSweep sweep) {}

    AppControl(Vertx vertx, RecordStore<AppRecord> records, Modules modules, Rollout rollout, LiveApps live,
            AppLoading loading, ModuleDownload download, AppSections sections, DeployConfig config,
            String defaultEngine) {
        this.defaultEngine = defaultEngine;
        this.vertx = vertx;
        this.records = records;
        this.modules = modules.store();
        this.pins = modules.pins();
        this.sweep = modules.sweep();
        this.rollout = rollout;
        this.live = live;
        this.loading = loading;
        this.download = download;
        this.sections = sections;
        this.secrets = config.secrets();
        this.maxModuleBytes = config.maxModuleBytes();
        this.grace = config.moduleGrace();
    }

    public long maxModuleBytes() {
        return maxModuleBytes;
    }

    /**
     * Validates and keeps a module for later deploys by sha256: for {@code deploy.module-grace-ms} unless a
     * version names it by then. A module that fails validation is stored nowhere.
     */
    public Future<JsonObject> upload(byte[] wasm) {
        return sized(wasm).compose(bytes -> vertx.executeBlocking(() -> ModuleDigest.sha256(bytes), false))
                .compose(sha256 -> pins.during(sha256, () -> vertx.executeBlocking(() -> {
                    String kind = validate(wasm, sections.fromManifest("module",
                            Manifests.initial("module").getMap(), modules.path(sha256), Secrets.EMPTY));
                    return new JsonObject().put("sha256", sha256).put("size", wasm.length).put("kind", kind);
                }, false).compose(json -> modules.store(sha256, wasm, keepUntil(grace)).map(json))));
    }

    /** Records a new version of the app and activates it on every node. */
    public Future<JsonObject> deploy(String name, Request request) {
        return checkName(name)
                .compose(ok -> moduleBytes(request))
                .compose(this::sized)
                .compose(wasm -> Future.all(vertx.executeBlocking(() -> ModuleDigest.sha256(wasm), false),
                                records.all())
                        .compose(both -> deploy(name, wasm, request, both.resultAt(0), both.resultAt(1))))
                .compose(this::announce);
    }

    private Future<AppRecord> deploy(String name, byte[] wasm, Request request, String sha256,
            Map<String, AppRecord> deployed) {
        JsonObject manifest = manifest(name, request.manifest(), deployed.get(name));
        AppSpec spec;
        try {
            spec = spec(name, manifest, modules.path(sha256));
            checkRoutes(name, spec, deployed);
        } catch (DeployException e) {
            return Future.failedFuture(e);
        }
        Runnable unpin = pins.pin(sha256);
        // Sent to every node, stored and shared while it is validated, so every node compiles it meanwhile; only a
        // validated module is ever named by a record.
        rollout.prepare(name, sha256, manifest, wasm);
        Future<ModuleStamps.Kept> stored = modules.store(sha256, wasm, keepUntil(IN_FLIGHT));
        Future<String> validated = vertx.executeBlocking(() -> validate(wasm, spec), false);
        return Future.join(stored, validated).transform(both -> {
            if (both.failed()) {
                unpin.run();
                Throwable refusal = validated.failed() ? validated.cause() : stored.cause();
                // A module the deploy brought itself goes with its refusal, unless an upload or another deploy
                // still keeps it: the same bytes may be fine with other settings.
                boolean brought = request.module() == null;
                Future<Void> released = validated.failed() && stored.succeeded() && brought
                        && !stored.result().keptBefore(ModuleStamps.now())
                        ? release(sha256, stored.result().written()) : Future.succeededFuture();
                return released.transform(done -> Future.<AppRecord>failedFuture(refusal));
            }
            return records.update(name, record -> record.deployed(sha256, wasm.length, manifest))
                    .compose(record -> modules.confirm(sha256, wasm, keepUntil(IN_FLIGHT)).map(record));
        }).andThen(done -> unpin.run());
    }

    /** Gives up a refused module's keep and collects it now, unless someone stored it since or a version names it. */
    private Future<Void> release(String sha256, long stamp) {
        return modules.stamps().release(sha256, stamp)
                .compose(released -> released ? sweep.collect(sha256) : Future.succeededFuture())
                .recover(failure -> Future.succeededFuture()); // the periodic sweep collects it later
    }

    /** Now plus the keep, bounded by the grace: a grace of zero keeps nothing (tests of the sweep use that). */
    private long keepUntil(Duration keep) {
        return ModuleStamps.now() + Math.min(keep.toMillis(), grace.toMillis());
    }

    /** Activates an earlier version: the one given, or the one before the active one. */
    public Future<JsonObject> rollback(String name, Integer version) {
        return change(name, record -> {
            requireApp(name, record);
            AppVersion target = version == null ? record.previous() : record.version(version);
            if (target == null) {
                throw new DeployException(404, "no-such-version", version == null
                        ? "app " + name + " has no version before " + record.active()
                        : "app " + name + " has no version " + version + " (it keeps the last "
                                + AppRecord.MAX_VERSIONS + ")");
            }
            return record.activated(target.version());
        });
    }

    public Future<JsonObject> enable(String name, boolean enabled) {
        return change(name, record -> requireApp(name, record).withEnabled(enabled));
    }

    public Future<JsonObject> delete(String name) {
        return change(name, record -> requireApp(name, record).tombstone());
    }

    public Future<JsonArray> list() {
        return records.all().map(all -> {
            var list = new JsonArray();
            all.values().stream().filter(record -> !record.deleted())
                    .sorted(java.util.Comparator.comparing(AppRecord::name))
                    .forEach(record -> list.add(record.summary()));
            return list;
        });
    }

    public Future<JsonObject> get(String name) {
        return existing(name).map(AppRecord::summary);
    }

    public Future<JsonArray> versions(String name) {
        return existing(name).map(record -> {
            var list = new JsonArray();
            record.versions().forEach(version -> list.add(version.toJson().put("active",
                    version.version() == record.active())));
            return list;
        });
    }

    private Future<AppRecord> existing(String name) {
        return records.get(name).compose(record -> record == null || record.deleted()
                ? Future.failedFuture(DeployException.notFound(name)) : Future.succeededFuture(record));
    }

    private static AppRecord requireApp(String name, AppRecord record) {
        if (record.deleted()) {
            throw DeployException.notFound(name);
        }
        return record;
    }

    /** Stores the change, then rolls it out; answers with the record and every node's state. */
    private Future<JsonObject> change(String name, UnaryOperator<AppRecord> change) {
        return records.update(name, change).compose(this::announce);
    }

    private Future<JsonObject> announce(AppRecord record) {
        String name = record.name();
        return rollout.announce(name).map(nodes -> {
            boolean everywhere = nodes.stream().map(JsonObject.class::cast).allMatch(node ->
                    node.getLong("revision", 0L) >= record.revision() && !"failed".equals(node.getString("state")));
            return new JsonObject().put("app", record.deleted() ? new JsonObject().put("name", name)
                            .put("deleted", true).put("revision", record.revision()) : record.summary())
                    .put("complete", everywhere).put("nodes", nodes);
        });
    }

    private Future<Void> checkName(String name) {
        try {
            AppSections.checkName(name);
        } catch (ConfigException e) {
            return Future.failedFuture(DeployException.badRequest("bad-name", e.getMessage()));
        }
        if (live.isFixed(name)) {
            return Future.failedFuture(new DeployException(409, "app-in-config", "app " + name
                    + " is defined in the node's config file; change it there, or deploy under another name"));
        }
        return Future.succeededFuture();
    }

    private Future<byte[]> moduleBytes(Request request) {
        int given = (request.wasm() != null ? 1 : 0) + (request.module() != null ? 1 : 0)
                + (request.moduleUrl() != null ? 1 : 0);
        if (given != 1) {
            return Future.failedFuture(DeployException.badRequest("no-module",
                    "give exactly one of: the module as the body, \"module\" (sha256 of an uploaded module), "
                            + "\"module-url\""));
        }
        if (request.wasm() != null) {
            return Future.succeededFuture(request.wasm());
        }
        if (request.moduleUrl() != null) {
            return download.fetch(request.moduleUrl());
        }
        String sha256 = request.module().startsWith("sha256:") ? request.module().substring(7) : request.module();
        if (!ModuleStore.isSha256(sha256)) {
            return Future.failedFuture(DeployException.badRequest("bad-module-ref",
                    "module must be sha256:<64 hex digits>, not " + request.module()));
        }
        return pins.during(sha256, () -> modules.fetch(sha256)
                .recover(failure -> Future.failedFuture(failure instanceof ModuleStore.Missing
                        ? new DeployException(404, "no-such-module", "no module " + sha256
                                + " was uploaded (or it was removed, unused, after deploy.module-grace-ms): POST it "
                                + "to /modules first")
                        : failure))
                .compose(path -> vertx.executeBlocking(() -> Files.readAllBytes(path), false)));
    }

    private Future<byte[]> sized(byte[] wasm) {
        return wasm.length > maxModuleBytes ? Future.failedFuture(ModuleDownload.tooLarge(maxModuleBytes))
                : Future.succeededFuture(wasm);
    }

    /**
     * The settings asked for, else the active version's, else a new app's; with the engine pinned to this node's
     * default when they name none, so every node runs (and trusts the validation of) the engine validated here.
     */
    private JsonObject manifest(String name, JsonObject asked, AppRecord current) {
        JsonObject chosen = asked != null ? asked
                : current == null || current.deleted() || current.activeVersion() == null ? Manifests.initial(name)
                : current.activeVersion().manifest();
        return chosen.containsKey("engine") ? chosen : chosen.copy().put("engine", defaultEngine);
    }

    private AppSpec spec(String name, JsonObject manifest, Path module) {
        try {
            return sections.fromManifest(name, Manifests.plain(manifest), module, secrets);
        } catch (ConfigException e) {
            throw DeployException.badRequest("invalid-config", e.getMessage());
        }
    }

    /** Against this node's apps (its config file's too) and every app deployed in the cluster. */
    private void checkRoutes(String name, AppSpec spec, Map<String, AppRecord> deployed) {
        String clash = live.routeClash("app " + name, spec.routes());
        if (clash != null) {
            throw new DeployException(409, "route-taken", clash);
        }
        Map<RouteSpec, String> taken = new HashMap<>();
        deployed.values().stream().filter(other -> !other.deleted() && !other.name().equals(name))
                .forEach(other -> Manifests.routes(other.activeVersion().manifest())
                        .forEach(route -> taken.putIfAbsent(route, other.name())));
        for (RouteSpec route : spec.routes()) {
            if (taken.containsKey(route)) {
                throw new DeployException(409, "route-taken", "route " + route + " is served by app "
                        + taken.get(route));
            }
        }
    }

    private String validate(byte[] wasm, AppSpec spec) {
        try {
            return loading.check(wasm, spec);
        } catch (ModuleLoadException e) {
            throw DeployException.badRequest(e.problem().code(), e.getMessage());
        }
    }
}

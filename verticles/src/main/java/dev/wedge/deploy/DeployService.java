package dev.wedge.deploy;

import dev.wedge.config.AppSections;
import dev.wedge.config.DeployConfig;
import dev.wedge.server.LiveApps;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Deployed apps on one node, wired together: the module store and app records (shared by the cluster, kept on
 * disk), the sync that applies them here, the rollout that reaches the other nodes, and a periodic sweep that
 * catches anything a node missed, then collects the modules no version names any more. At start the node first
 * serves what it kept on disk, then joins the cluster's state.
 */
public final class DeployService {

    private final Vertx vertx;
    private final AppSync sync;
    private final ModuleSweep moduleSweep;
    private final Rollout rollout;
    private final AppControl control;
    private final SiteSync siteSync;
    private final SiteControl sites;
    private final HttpClient downloads;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private long sweepTimer = -1;

    private DeployService(Vertx vertx, AppSync sync, ModuleSweep moduleSweep, Rollout rollout, AppControl control,
            SiteSync siteSync, SiteControl sites, HttpClient downloads) {
        this.vertx = vertx;
        this.sync = sync;
        this.moduleSweep = moduleSweep;
        this.rollout = rollout;
        this.control = control;
        this.siteSync = siteSync;
        this.sites = sites;
        this.downloads = downloads;
    }

    /**
     * @param defaultEngine the engine of deployed apps that name none
     * @param loading how the node checks, compiles and loads the modules deploys name
     */
    public static Future<DeployService> start(Vertx vertx, DeployConfig config, String defaultEngine,
            AppSections sections, Members members, LiveApps live, AppLoading loading) {
        Future<ModuleStore> modules = ModuleStore.open(vertx, config.dataDir().resolve("modules"));
        Future<RecordStore<AppRecord>> records = RecordStore.open(vertx, RecordStore.APPS,
                config.dataDir().resolve("apps"));
        Future<RecordStore<SiteRecord>> siteRecords = RecordStore.open(vertx, RecordStore.SITES,
                config.dataDir().resolve("sites"));
        return Future.all(modules, records, siteRecords).compose(opened -> {
            var pins = new ModulePins();
            var sync = new AppSync(vertx, records.result(), modules.result(), live, loading, sections,
                    config.secrets(), members.self(), pins);
            var rollout = new Rollout(vertx, members, config.ackTimeout(), config.maxModuleBytes());
            var sweep = new ModuleSweep(vertx, modules.result(), records.result(), pins, live, loading);
            HttpClient downloads = vertx.createHttpClient(new HttpClientOptions());
            var control = new AppControl(vertx, records.result(), new AppControl.Modules(modules.result(), pins, sweep),
                    rollout, live, loading, new ModuleDownload(vertx, downloads, config), sections, config,
                    defaultEngine);
            var siteSync = new SiteSync(vertx, siteRecords.result(), live, members.self());
            var sites = new SiteControl(siteRecords.result(), rollout, live);
            var service = new DeployService(vertx, sync, sweep, rollout, control, siteSync, sites, downloads);
            // Listen before reading the cluster's state: a change made meanwhile is either read or announced.
            return sync.restore()
                    .compose(done -> siteSync.restore())
                    .compose(done -> rollout.listen(sync, siteSync))
                    .compose(done -> sync.syncAll())
                    .compose(done -> siteSync.syncAll())
                    .map(done -> {
                        service.sweepTimer = vertx.setPeriodic(config.syncInterval().toMillis(),
                                tick -> service.sweep());
                        return service;
                    });
        });
    }

    /**
     * One sweep at a time: a slow one (a large module loading) is not joined by the next tick's. Modules are
     * collected after the sync, so this node's view of the records is as fresh as it gets.
     */
    private void sweep() {
        if (sweeping.compareAndSet(false, true)) {
            sync.syncAll().transform(done -> siteSync.syncAll()).transform(done -> moduleSweep.run())
                    .onComplete(done -> sweeping.set(false));
        }
    }

    public AppControl control() {
        return control;
    }

    public SiteControl sites() {
        return sites;
    }

    /** Stops taking changes; the apps keep running until the node retires them. */
    public Future<Void> close() {
        vertx.cancelTimer(sweepTimer);
        return rollout.close().compose(done -> downloads.close());
    }
}

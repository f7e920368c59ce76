package dev.wedge.node;

import dev.wedge.admin.AdminVerticle;
import dev.wedge.config.AppSpec;
import dev.wedge.config.KvSeed;
import dev.wedge.config.NodeConfig;
import dev.wedge.config.RouteSpec;
import dev.wedge.config.SiteSpec;
import dev.wedge.deploy.AppControl;
import dev.wedge.deploy.AppLoading;
import dev.wedge.deploy.DeployService;
import dev.wedge.deploy.Members;
import dev.wedge.deploy.SiteControl;
import dev.wedge.host.WasmHost;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.app.AppKind;
import dev.wedge.host.cache.CacheBackend;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.proxywasm.Upstream;
import dev.wedge.host.run.App;
import dev.wedge.host.run.AppLog;
import dev.wedge.observe.AppLogBook;
import dev.wedge.observe.JsonLinesShipper;
import dev.wedge.observe.NodeMetrics;
import dev.wedge.observe.RateLimitedAppLog;
import dev.wedge.server.AppGate;
import dev.wedge.server.DeployedApp;
import dev.wedge.server.FairShare;
import dev.wedge.server.HttpFrontVerticle;
import dev.wedge.server.LiveApps;
import dev.wedge.server.RouteTable;
import dev.wedge.server.SiteLeads;
import dev.wedge.server.Triggers;
import dev.wedge.server.WasmExecutor;
import dev.wedge.settings.ConfigException;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One wedge node: opens the key-value stores and queues, loads the configured apps (one {@link WasmHost} per
 * engine in use), builds the route table, deploys an {@link HttpFrontVerticle} per event loop in front of one
 * {@link WasmExecutor}, and subscribes the apps' queue triggers. With an admin API or a cluster it also takes
 * apps deployed at run time ({@link DeployService}), alongside those of its config file.
 */
public final class Node {

    private static final long SEED_TIMEOUT_SECONDS = 60;
    private static final int MAX_WAITING_PER_APP = 1024;

    private final Vertx vertx;
    private final NodeConfig config;
    private final AppLogBook log;
    private final JsonLinesShipper shipper;
    private final NodeMetrics metrics;
    private final String adminToken;
    private final Members members;
    private final CacheBackend clusterCache; // null: the node keeps its apps' cache in its own memory
    private DeployService deployments;
    private final FairShare share;
    private volatile boolean ready;
    private AdminVerticle admin;
    private String adminDeploymentId;
    private final Map<String, WasmHost> hosts = new ConcurrentHashMap<>();
    private final List<HttpFrontVerticle> fronts = new CopyOnWriteArrayList<>();
    private HostResources resources; // opened with the config file's apps
    private PopCache cache; // opened first: sites' routes go through it
    private final Triggers triggers = new Triggers();
    private final List<AppSpec> triggered = new ArrayList<>();
    private final Map<String, DeployedApp> configApps = new ConcurrentHashMap<>();
    private final SiteLeads siteLeads = new SiteLeads(this::siteLead);
    private LiveApps live;
    private WasmExecutor executor;
    private String deploymentId;

    private Node(Vertx vertx, NodeConfig config, AppLog log, NodeMetrics metrics, Members members,
            CacheBackend clusterCache) {
        this.vertx = vertx;
        this.members = members;
        this.clusterCache = clusterCache;
        this.config = config;
        this.shipper = config.logFile() == null ? null : new JsonLinesShipper(config.logFile(), log);
        this.log = new AppLogBook(new RateLimitedAppLog(shipper != null ? shipper : log),
                AppLogBook.DEFAULT_CAPACITY);
        this.metrics = metrics;
        this.share = new FairShare(vertx, config.workers(), config.fairness(), metrics);
        String token = config.admin() == null ? null : config.admin().token();
        this.adminToken = token != null ? token : HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        metrics.gauge("wedge.compiled.modules", "Compiled modules kept: running apps' and idle ones", this,
                Node::compiledModules);
    }

    /** Loads every app, then listens; fails with the first app that cannot be loaded. */
    public static Future<Node> start(Vertx vertx, NodeConfig config, AppLog log) {
        return start(vertx, config, log, new NodeMetrics());
    }

    /** @param metrics the registry Vert.x reports to as well, when the caller made it so */
    public static Future<Node> start(Vertx vertx, NodeConfig config, AppLog log, NodeMetrics metrics) {
        return start(vertx, config, log, metrics, Members.single());
    }

    /** @param members the PoP's nodes, when this one is part of a cluster */
    public static Future<Node> start(Vertx vertx, NodeConfig config, AppLog log, NodeMetrics metrics,
            Members members) {
        return start(vertx, config, log, metrics, members, null);
    }

    /** @param clusterCache the apps' cache the PoP's nodes share, or null to keep it in this node's memory */
    public static Future<Node> start(Vertx vertx, NodeConfig config, AppLog log, NodeMetrics metrics,
            Members members, CacheBackend clusterCache) {
        var node = new Node(vertx, config, log, metrics, members, clusterCache);
        return PopCache.open(vertx, config.cache(), metrics)
                .compose(cache -> {
                    node.cache = cache;
                    return vertx.executeBlocking(node::loadRoutes, false);
                })
                .compose(node::listen)
                .compose(Node::startTriggers)
                .compose(Node::startDeployments)
                .compose(Node::startAdmin)
                .andThen(started -> node.ready = started.succeeded())
                .recover(failure -> node.close().transform(closed -> Future.failedFuture(failure)));
    }

    /** The engine an app of this node runs its next request on, or null when it has none loaded. */
    private String engineInUse(String app) {
        DeployedApp loaded = live.app(app);
        return loaded == null ? null : loaded.app().engine();
    }

    private Future<Node> startAdmin() {
        if (config.admin() == null) {
            return Future.succeededFuture(this);
        }
        AppControl control = deployments == null ? null : deployments.control();
        SiteControl sites = deployments == null ? null : deployments.sites();
        admin = new AdminVerticle(config.admin(), config.timeouts(), adminToken, metrics, log, () -> ready,
                control, share, this::engineInUse, sites,
                SocketAddress.inetSocketAddress(port(), loopbackFor(config.host())), cache::purge);
        return vertx.deployVerticle(admin).map(id -> {
            adminDeploymentId = id;
            return this;
        });
    }

    /** The admin API's port, or -1 when it has none. */
    public int adminPort() {
        return admin == null ? -1 : admin.actualPort();
    }

    public String adminToken() {
        return adminToken;
    }

    /** Apps deployed at run time need somewhere to be managed from (the admin API) or to come from (a cluster). */
    private Future<Node> startDeployments() {
        if (config.admin() == null && !config.cluster().enabled()) {
            return Future.succeededFuture(this);
        }
        return DeployService.start(vertx, config.deploy(), config.engine(), config.appSections(), members, live,
                        new Loading())
                .map(service -> {
                    deployments = service;
                    return this;
                });
    }

    private List<RouteTable.Route> loadRoutes() throws NodeStartException {
        try {
            resources = clusterCache == null
                    ? HostResources.open(vertx, config.kvStores(), config.queues(), config.geo(), true)
                    : HostResources.open(vertx, config.kvStores(), config.queues(), config.geo(), true, clusterCache);
        } catch (ConfigException e) {
            throw new NodeStartException("geo: " + e.getMessage(), e);
        }
        List<RouteTable.Route> all = new ArrayList<>();
        for (AppSpec spec : config.apps()) {
            DeployedApp app = load(spec);
            configApps.put(spec.name(), app);
            seed(spec);
            if (!spec.triggers().isEmpty()) {
                if (!app.app().info().exports(AppKind.MESSAGE.entryPoint())) {
                    throw new NodeStartException("app " + spec.name() + " has triggers but does not export "
                            + AppKind.MESSAGE.entryPoint(), null);
                }
                triggered.add(spec);
            }
            for (RouteSpec route : spec.routes()) {
                all.add(new RouteTable.Route(route, app));
            }
        }
        all.addAll(SiteRoutes.of(config.sites(), configApps, siteLeads, all, this::siteOrigin));
        return all;
    }

    private DeployedApp load(AppSpec spec) throws NodeStartException {
        return load(spec, 0, true, false);
    }

    /**
     * Loads one version of an app; versions of one app share its gate, so its concurrency bound and its penalty
     * box hold across a swap.
     */
    private DeployedApp load(AppSpec spec, int version, boolean enabled, boolean validated)
            throws NodeStartException {
        WasmHost host = host(spec);
        int maxConcurrent = spec.maxConcurrent() > 0 ? spec.maxConcurrent() : config.defaultMaxConcurrent();
        AppGate gate = share.gate(spec.name(), maxConcurrent, MAX_WAITING_PER_APP);
        try {
            App app = host.load(() -> Files.readAllBytes(spec.module()), spec.config(), validated);
            return new DeployedApp(app, spec.module(), gate, version, enabled);
        } catch (ModuleLoadException e) {
            throw new NodeStartException("app " + spec.name() + " (" + spec.module() + "): " + e.getMessage(), e);
        }
    }

    /** Deploys load modules through this node's hosts, which it alone owns. */
    private final class Loading implements AppLoading {

        /** A version a deploy recorded: its module was validated by the node that took the deploy. */
        @Override
        public DeployedApp load(AppSpec spec, int version, boolean enabled) throws NodeStartException {
            return Node.this.load(spec, version, enabled, true);
        }

        @Override
        public String check(byte[] wasm, AppSpec spec) throws ModuleLoadException {
            return host(spec).check(wasm, spec.config()).label();
        }

        /** Compiles a module a deploy is about to record, leaving it among the idle ones for the deploy's load. */
        @Override
        public void preload(byte[] wasm, AppSpec spec) throws ModuleLoadException {
            host(spec).precompile(wasm, spec.config());
        }

        /** The config file's apps keep theirs: a sweep sees no deploy naming them, but they run for good. */
        @Override
        public int evictCompiled(Predicate<String> gone) {
            Set<String> fixed = configApps.values().stream().map(app -> app.app().sha256()).collect(Collectors.toSet());
            Predicate<String> evictable = gone.and(sha256 -> !fixed.contains(sha256));
            return hosts.values().stream().mapToInt(host -> host.evictIdle(evictable)).sum();
        }

        /** Requests still finishing on the deleted version keep the gate they hold; a new deploy gets a new one. */
        @Override
        public void deleted(String app) {
            share.forget(app);
            metrics.forget(app);
            log.forget(app);
        }
    }

    /** What a site's origin requests go through: its cache, or null for the node's client. */
    private Upstream siteOrigin(SiteSpec site) {
        return cache.origin(site, resources.origins());
    }

    /** The lead app of a site that names no app: the node's defaults, the node's engine. */
    private DeployedApp siteLead(String site, byte[] module) throws ConfigException, ModuleLoadException {
        AppConfig lead = config.appSections().siteLead(site);
        AppGate gate = share.gate(lead.name(), config.defaultMaxConcurrent(), MAX_WAITING_PER_APP);
        return new DeployedApp(host(config.engine()).load(module, lead), null, gate);
    }

    private WasmHost host(AppSpec spec) {
        return host(spec.engine() != null ? spec.engine() : config.engine());
    }

    private WasmHost host(String engine) {
        var services = resources.services(log).withListener(metrics);
        return hosts.computeIfAbsent(engine, name -> WasmHost.of(name, services, config.deploy().idleModules()));
    }

    /** Runs on a worker thread at start, so waiting for the writes here blocks no event loop. */
    private void seed(AppSpec spec) throws NodeStartException {
        for (Map.Entry<String, Path> data : spec.kvData().entrySet()) {
            try {
                KvSeed.load(data.getValue(), resources.stores().view(data.getKey(), spec.name()))
                        .toCompletionStage().toCompletableFuture().get(SEED_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                throw new NodeStartException("app " + spec.name() + ": kv data " + data.getValue() + ": "
                        + cause.getMessage(), cause);
            }
        }
    }

    private Future<Node> listen(List<RouteTable.Route> fixed) {
        this.live = new LiveApps(fixed, configApps,
                config.sites().stream().map(SiteSpec::name).collect(Collectors.toSet()), siteLeads, this::siteOrigin);
        this.executor = new WasmExecutor(config.workers());
        // Servers on port 0 are not shared between instances: one front then, on one event loop. Otherwise one per
        // core, not Vert.x's two: every response wakes its front's loop from a worker, and fewer, busier loops are
        // asleep less often (measured: 37 against 56 to 69 us of CPU per hello request on 2 cores; docs/architecture.md).
        int instances = config.port() == 0 ? 1 : Runtime.getRuntime().availableProcessors();
        return vertx.deployVerticle(() -> {
                    var front = new HttpFrontVerticle(config.host(), config.port(), config.timeouts(), live, executor);
                    fronts.add(front);
                    return front;
                }, new DeploymentOptions().setInstances(instances))
                .map(id -> {
                    deploymentId = id;
                    return this;
                });
    }

    private Future<Node> startTriggers() {
        List<Future<Void>> started = new ArrayList<>();
        for (AppSpec spec : triggered) {
            started.add(triggers.start(vertx, resources.queues(), configApps.get(spec.name()), spec.triggers(), executor));
        }
        return Future.all(started).map(done -> this);
    }

    public int port() {
        return fronts.get(0).actualPort();
    }

    public String host() {
        return config.host();
    }

    /** The address this node's own apps are reached at from the node: loopback when it listens on every address. */
    private static String loopbackFor(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.isEmpty() ? "127.0.0.1" : host;
    }

    /** Compiled modules this node keeps, for running apps and idle ones (rollbacks): {@code wedge_compiled_modules}. */
    public int compiledModules() {
        return hosts.values().stream().mapToInt(WasmHost::compiledModules).sum();
    }

    /** The routes served now; deploys replace them. */
    public RouteTable routes() {
        return live.get();
    }

    /** Stops listening, lets running guests finish (within the longest wall-clock cap), then frees everything. */
    public Future<Void> close() {
        ready = false;
        Future<Void> undeployed = Future.join(undeploy(adminDeploymentId), undeploy(deploymentId),
                deployments == null ? Future.succeededFuture() : deployments.close()).mapEmpty();
        // a run may last its wall-clock cap: its waits (and a compile for it) are credited back to its deadline
        long grace = Math.max(config.deploy().defaults().wallTimeout().toMillis(), config.apps().stream()
                .mapToLong(app -> app.config().limits().wallTimeout().toMillis()).max().orElse(0)) + 1_000;
        return undeployed
                .compose(done -> triggers.stop())
                .compose(done -> executor == null ? Future.<Void>succeededFuture() : executor.close(grace))
                .compose(done -> vertx.executeBlocking(() -> { // a host waits for its background compiles
                    hosts.values().forEach(WasmHost::close);
                    return null;
                }))
                .compose(done -> resources == null ? Future.<Void>succeededFuture() : resources.close())
                .compose(done -> cache == null ? Future.<Void>succeededFuture() : cache.close())
                .andThen(done -> {
                    if (shipper != null) {
                        shipper.close();
                    }
                });
    }

    private Future<Void> undeploy(String id) {
        return id == null ? Future.succeededFuture() : vertx.undeploy(id);
    }

    /** An app of the configuration could not be loaded. */
    public static final class NodeStartException extends Exception {
        NodeStartException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

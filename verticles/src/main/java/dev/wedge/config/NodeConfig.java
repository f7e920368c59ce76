package dev.wedge.config;

import dev.wedge.cache.NodeCacheSettings;
import dev.wedge.host.client.GeoConfig;
import dev.wedge.kv.KvStoreConfig;
import dev.wedge.queue.QueueConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * A node's configuration: where it listens, how many Wasm workers it runs, its default engine, its key-value
 * stores, its queues and its apps.
 *
 * @param port 0 picks a free port
 * @param workers threads that run guests; a request waits for a free one
 * @param admin the admin API, or null for none
 * @param logFile where app log entries are shipped as JSON lines, or null
 * @param deploy how apps deployed through the admin API are kept
 * @param cluster how the node joins its PoP
 * @param timeouts how long the app port and the admin port wait on a client
 * @param fairness how apps share the workers, and the penalty box
 * @param geo how the node finds its clients and where they are, and where it is itself
 * @param sites host names served through CDN apps in front of origins (docs/cdn-apps.md, "Sites")
 * @param cache the HTTP cache of its sites: the sizes of its tiers and where the disk tier lives (docs/cache.md)
 */
public record NodeConfig(String host, int port, int workers, String engine, List<KvStoreConfig> kvStores,
        List<QueueConfig> queues, List<AppSpec> apps, AdminConfig admin, Path logFile, DeployConfig deploy,
        ClusterConfig cluster, ConnectionTimeouts timeouts, FairnessConfig fairness, GeoConfig geo,
        List<SiteSpec> sites, NodeCacheSettings cache) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public NodeConfig {
        kvStores = List.copyOf(kvStores);
        queues = List.copyOf(queues);
        apps = List.copyOf(apps);
        sites = List.copyOf(sites);
    }

    /** With the cache's defaults (its disk tier off). */
    public NodeConfig(String host, int port, int workers, String engine, List<KvStoreConfig> kvStores,
            List<QueueConfig> queues, List<AppSpec> apps, AdminConfig admin, Path logFile, DeployConfig deploy,
            ClusterConfig cluster, ConnectionTimeouts timeouts, FairnessConfig fairness, GeoConfig geo,
            List<SiteSpec> sites) {
        this(host, port, workers, engine, kvStores, queues, apps, admin, logFile, deploy, cluster, timeouts, fairness,
                geo, sites, NodeCacheSettings.defaults(Path.of(".")));
    }

    /** A node without an admin API. */
    public NodeConfig(String host, int port, int workers, String engine, List<KvStoreConfig> kvStores,
            List<QueueConfig> queues, List<AppSpec> apps) {
        this(host, port, workers, engine, kvStores, queues, apps, null, null,
                DeployConfig.defaults(Path.of(".wedge", "deploy")), ClusterConfig.disabled(),
                ConnectionTimeouts.DEFAULT, FairnessConfig.defaults(), GeoConfig.NONE, List.of());
    }

    /** A node without queues and without an admin API. */
    public NodeConfig(String host, int port, int workers, String engine, List<KvStoreConfig> kvStores,
            List<AppSpec> apps) {
        this(host, port, workers, engine, kvStores, List.of(), apps);
    }

    public NodeConfig withAdmin(AdminConfig value) {
        return new NodeConfig(host, port, workers, engine, kvStores, queues, apps, value, logFile, deploy, cluster,
                timeouts, fairness, geo, sites, cache);
    }

    public NodeConfig withLogFile(Path value) {
        return new NodeConfig(host, port, workers, engine, kvStores, queues, apps, admin, value, deploy, cluster,
                timeouts, fairness, geo, sites, cache);
    }

    public NodeConfig withDeploy(DeployConfig value) {
        return new NodeConfig(host, port, workers, engine, kvStores, queues, apps, admin, logFile, value, cluster,
                timeouts, fairness, geo, sites, cache);
    }

    public NodeConfig withCluster(ClusterConfig value) {
        return new NodeConfig(host, port, workers, engine, kvStores, queues, apps, admin, logFile, deploy, value,
                timeouts, fairness, geo, sites, cache);
    }

    public NodeConfig withTimeouts(ConnectionTimeouts value) {
        return new NodeConfig(host, port, workers, engine, kvStores, queues, apps, admin, logFile, deploy, cluster,
                value, fairness, geo, sites, cache);
    }

    public NodeConfig withFairness(FairnessConfig value) {
        return new NodeConfig(host, port, workers, engine, kvStores, queues, apps, admin, logFile, deploy, cluster,
                timeouts, value, geo, sites, cache);
    }

    public NodeConfig withGeo(GeoConfig value) {
        return new NodeConfig(host, port, workers, engine, kvStores, queues, apps, admin, logFile, deploy, cluster,
                timeouts, fairness, value, sites, cache);
    }

    public NodeConfig withSites(List<SiteSpec> value) {
        return new NodeConfig(host, port, workers, engine, kvStores, queues, apps, admin, logFile, deploy, cluster,
                timeouts, fairness, geo, value, cache);
    }

    public NodeConfig withCache(NodeCacheSettings value) {
        return new NodeConfig(host, port, workers, engine, kvStores, queues, apps, admin, logFile, deploy, cluster,
                timeouts, fairness, geo, sites, value);
    }

    /** Reads deployed apps' manifests against this node's defaults, stores and queues. */
    public AppSections appSections() {
        return new AppSections(deploy.defaults(),
                kvStores.stream().map(KvStoreConfig::name).collect(java.util.stream.Collectors.toSet()),
                queues.stream().map(QueueConfig::name).collect(java.util.stream.Collectors.toSet()));
    }

    public static int defaultWorkers() {
        return Math.max(4, Runtime.getRuntime().availableProcessors() * 4);
    }

    /** By default one app may hold half the workers, so one misbehaving app leaves the others room. */
    public int defaultMaxConcurrent() {
        return Math.max(1, workers / 2);
    }
}

package dev.wedge.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.XmlConfigBuilder;
import dev.wedge.config.ClusterConfig;
import dev.wedge.deploy.Members;
import dev.wedge.host.cache.CacheBackend;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;

/**
 * Makes a clustered Vert.x: Hazelcast configured from cluster.xml (the one in the jar unless a file is given)
 * with this node's overrides applied, and the event bus bound to the same host.
 */
public final class ClusterJoin {

    static final String BUNDLED = "/dev/wedge/cluster/cluster.xml";

    /** A clustered Vert.x, the members of its cluster, and the apps' cache they share. */
    public record Joined(Vertx vertx, Members members, CacheBackend cache) {}

    private ClusterJoin() {}

    /** @param builder a Vert.x builder with everything but the cluster set (metrics, options) */
    public static Future<Joined> join(VertxBuilder builder, EventBusOptions eventBus, ClusterConfig cluster) {
        Config hazelcast;
        try {
            hazelcast = hazelcastConfig(cluster);
        } catch (IOException | InvalidConfigurationException e) {
            return Future.failedFuture(new IllegalArgumentException("cluster config "
                    + (cluster.configFile() == null ? "(bundled)" : cluster.configFile()) + ": " + e.getMessage(), e));
        }
        var manager = new HazelcastClusterManager(hazelcast);
        eventBus.setHost(cluster.host()).setClusterPublicHost(cluster.host());
        return builder.withClusterManager(manager).buildClustered()
                .map(vertx -> new Joined(vertx, members(manager),
                        new HazelcastCache(vertx, manager.getHazelcastInstance())));
    }

    static Config hazelcastConfig(ClusterConfig cluster) throws IOException {
        Config config;
        try (InputStream in = cluster.configFile() == null ? ClusterJoin.class.getResourceAsStream(BUNDLED)
                : Files.newInputStream(cluster.configFile())) {
            if (in == null) {
                throw new IOException("the bundled cluster.xml is missing from the jar");
            }
            config = new XmlConfigBuilder(in).build();
        }
        if (cluster.name() != null) {
            config.setClusterName(cluster.name());
        }
        NetworkConfig network = config.getNetworkConfig();
        if (cluster.port() > 0) {
            network.setPort(cluster.port());
        }
        network.getInterfaces().setEnabled(true).setInterfaces(List.of(cluster.host()));
        config.setProperty("hazelcast.local.localAddress", cluster.host());
        if (!cluster.members().isEmpty()) {
            JoinConfig join = network.getJoin();
            join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
        }
        return config;
    }

    private static Members members(HazelcastClusterManager manager) {
        return new Members() {
            @Override
            public String self() {
                return manager.getNodeId();
            }

            @Override
            public List<String> all() {
                return manager.getNodes();
            }
        };
    }
}

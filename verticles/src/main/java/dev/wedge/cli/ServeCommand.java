package dev.wedge.cli;

import dev.wedge.config.ClusterConfig;
import dev.wedge.config.ConfigLoader;
import dev.wedge.config.NodeConfig;
import dev.wedge.server.RouteTable;
import dev.wedge.settings.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs a PoP node from a configuration file, or the bundled example apps. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the apps and routes of a YAML or JSON config (see docs/config.md).",
            "Without --config, serves the bundled example apps on 127.0.0.1:8080.",
            "Environment variables WEDGE_SECTION__KEY=value override config values."})
final class ServeCommand implements Callable<Integer> {

    static final String DEMO_CONFIG = "/dev/wedge/demo.yaml";

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Node configuration (YAML or JSON).")
    Path config;

    @Option(names = "--cluster", description = "Join the other nodes of the PoP (Hazelcast, see docs/cluster.md).")
    boolean cluster;

    @Option(names = "--cluster-config", paramLabel = "FILE",
            description = "Hazelcast XML configuration (default: the cluster.xml in the jar).")
    Path clusterConfig;

    @Option(names = "--cluster-member", paramLabel = "HOST[:PORT]", split = ",",
            description = "A node to join; repeat or separate with commas (replaces the XML's members).")
    List<String> clusterMembers = List.of();

    @Option(names = "--cluster-port", paramLabel = "PORT", description = "First Hazelcast port to bind.")
    int clusterPort;

    @Option(names = "--cluster-name", paramLabel = "NAME", description = "Only nodes of this name join.")
    String clusterName;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where deployed apps and modules are kept.")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        NodeConfig node = withFlags(config != null ? ConfigLoader.load(config, System.getenv()) : demo());
        return NodeRunner.serve(node, started -> {
            System.out.println("wedge: node listening on http://" + started.host() + ":" + started.port());
            if (started.adminPort() > 0) {
                System.out.println("wedge: admin API on http://" + node.admin().host() + ":" + started.adminPort()
                        + " (health, ready, metrics, deploys; described at /openapi.yaml)"
                        + (node.admin().token() == null ? "; token for this run: " + started.adminToken() : ""));
            }
            for (RouteTable.Route route : started.routes().routes()) {
                System.out.printf("  %-12s http://%s:%d%s  (%s)%n", route.app().name(),
                        route.spec().host() == null ? started.host() : route.spec().host(), started.port(),
                        route.spec().pathPrefix(), route.app().source());
            }
        });
    }

    private NodeConfig withFlags(NodeConfig node) {
        ClusterConfig clustering = node.cluster();
        if (cluster || clusterConfig != null) {
            clustering = clustering.withEnabled(true);
        }
        if (clusterConfig != null) {
            clustering = clustering.withConfigFile(clusterConfig);
        }
        if (!clusterMembers.isEmpty()) {
            clustering = clustering.withMembers(clusterMembers);
        }
        if (clusterPort > 0) {
            clustering = clustering.withPort(clusterPort);
        }
        if (clusterName != null) {
            clustering = clustering.withName(clusterName);
        }
        NodeConfig result = node.withCluster(clustering);
        return dataDir == null ? result : result.withDeploy(result.deploy().withDataDir(dataDir));
    }

    /** The bundled demo: module paths are relative to the wedge checkout ({@code wedge.home}, set by ./wedge). */
    static NodeConfig demo() throws ConfigException, IOException {
        Path home = Path.of(System.getProperty("wedge.home", "."));
        try (InputStream in = ServeCommand.class.getResourceAsStream(DEMO_CONFIG)) {
            return ConfigLoader.load(in, "bundled demo config", home, System.getenv());
        }
    }
}

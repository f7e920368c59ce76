package dev.wedge.cli;

import dev.wedge.config.ConfigException;
import dev.wedge.config.ConfigLoader;
import dev.wedge.config.NodeConfig;
import dev.wedge.server.RouteTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
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

    @Override
    public Integer call() throws Exception {
        NodeConfig node = config != null ? ConfigLoader.load(config, System.getenv()) : demo();
        return NodeRunner.serve(node, started -> {
            System.out.println("wedge: node listening on http://" + started.host() + ":" + started.port());
            if (started.adminPort() > 0) {
                System.out.println("wedge: admin API on http://" + node.admin().host() + ":" + started.adminPort()
                        + " (health, ready, metrics, /apps/NAME/logs)"
                        + (node.admin().token() == null ? "; token for this run: " + started.adminToken() : ""));
            }
            for (RouteTable.Route route : started.routes().routes()) {
                System.out.printf("  %-12s http://%s:%d%s  (%s)%n", route.app().name(),
                        route.spec().host() == null ? started.host() : route.spec().host(), started.port(),
                        route.spec().pathPrefix(), route.app().source());
            }
        });
    }

    /** The bundled demo: module paths are relative to the wedge checkout ({@code wedge.home}, set by ./wedge). */
    static NodeConfig demo() throws ConfigException, IOException {
        Path home = Path.of(System.getProperty("wedge.home", "."));
        try (InputStream in = ServeCommand.class.getResourceAsStream(DEMO_CONFIG)) {
            return ConfigLoader.load(in, "bundled demo config", home, System.getenv());
        }
    }
}

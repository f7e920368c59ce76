package dev.wedge.config;

import dev.wedge.host.app.AppConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * One app of a node's configuration.
 *
 * @param engine engine name, or null for the node's default
 */
public record AppSpec(AppConfig config, Path module, String engine, List<RouteSpec> routes) {

    public AppSpec {
        routes = List.copyOf(routes);
    }

    public String name() {
        return config.name();
    }
}

package dev.wedge.config;

import dev.wedge.host.app.AppConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One app of a node's configuration.
 *
 * @param engine engine name, or null for the node's default
 * @param maxConcurrent requests of this app that may run at once; 0 for the node's default
 * @param kvData JSON files whose keys are loaded into the app's namespace of a store at start, by store name
 * @param triggers queue topics whose messages run the app's message handler
 */
public record AppSpec(AppConfig config, Path module, String engine, List<RouteSpec> routes, int maxConcurrent,
        Map<String, Path> kvData, List<TriggerSpec> triggers) {

    public AppSpec {
        routes = List.copyOf(routes);
        kvData = Map.copyOf(kvData);
        triggers = List.copyOf(triggers);
    }

    public AppSpec(AppConfig config, Path module, String engine, List<RouteSpec> routes, int maxConcurrent,
            Map<String, Path> kvData) {
        this(config, module, engine, routes, maxConcurrent, kvData, List.of());
    }

    public AppSpec(AppConfig config, Path module, String engine, List<RouteSpec> routes) {
        this(config, module, engine, routes, 0, Map.of(), List.of());
    }

    public String name() {
        return config.name();
    }
}

package dev.wedge.config;

import java.util.List;

/**
 * A node's configuration: where it listens, how many Wasm workers it runs, its default engine and its apps.
 *
 * @param port 0 picks a free port
 * @param workers threads that run guests; a request waits for a free one
 */
public record NodeConfig(String host, int port, int workers, String engine, List<AppSpec> apps) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public NodeConfig {
        apps = List.copyOf(apps);
    }

    public static int defaultWorkers() {
        return Math.max(4, Runtime.getRuntime().availableProcessors() * 4);
    }
}

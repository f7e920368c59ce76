package dev.wedge.config;

import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.nio.file.Path;
import java.util.Set;

/** Reads the {@code cluster:} section (docs/config.md). */
final class ClusterSpecs {

    private static final Set<String> KEYS = Set.of("enabled", "config", "members", "host", "port", "name");

    private ClusterSpecs() {}

    static ClusterConfig read(Section cluster, Path baseDir) throws ConfigException {
        cluster.allowOnly(KEYS);
        String enabled = cluster.string("enabled", "false");
        if (!enabled.equals("true") && !enabled.equals("false")) {
            throw new ConfigException(cluster.key("enabled") + " must be true or false, not '" + enabled + "'");
        }
        String file = cluster.string("config", null);
        return new ClusterConfig(Boolean.parseBoolean(enabled), file == null ? null : baseDir.resolve(file).normalize(),
                cluster.list("members"), cluster.string("host", ClusterConfig.DEFAULT_HOST),
                (int) cluster.number("port", 0, 0, 65535), cluster.string("name", null));
    }
}

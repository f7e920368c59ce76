package dev.wedge.queue;

import dev.wedge.settings.BackendSettings;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads queue definitions: a node's {@code queues:} section and the command line's {@code NAME=SPEC}. Reads what
 * every queue has and leaves where it is to its backend.
 */
public final class QueueSettings {

    public static final String DEFAULT_BACKEND = "embedded";
    private static final Set<String> COMMON = Set.of("backend", "prefix", "timeout-ms");

    private QueueSettings() {}

    /** The backends on the class path, by name, in the order their service file lists them. */
    public static Map<String, QueueBackend> backends() {
        return BackendSettings.discover(QueueBackend.class);
    }

    /** A node's {@code queues:} section; relative directories resolve against {@code baseDir}. */
    public static List<QueueConfig> read(Section queues, Path baseDir) throws ConfigException {
        return settings().read(queues, baseDir);
    }

    /** A short form, as {@code --queue NAME=SPEC} takes it, e.g. {@code kafka://HOST:PORT[,HOST:PORT]}. */
    public static QueueConfig parse(String name, String spec, Path baseDir) throws ConfigException {
        return settings().parse(name, spec, baseDir);
    }

    private static BackendSettings<QueueConfig, QueueBackend> settings() {
        return new BackendSettings<>("queue", backends(), DEFAULT_BACKEND, COMMON, QueueSettings::read);
    }

    private static QueueConfig read(String name, QueueBackend backend, Section section, Path baseDir)
            throws ConfigException {
        String prefix = section.string("prefix", "");
        if (!Queues.validPrefix(prefix)) {
            throw new ConfigException(section.key("prefix") + ": use at most 20 of A-Z a-z 0-9 . _ -");
        }
        return QueueConfig.of(name, backend.name(), backend.location(section, baseDir))
                .withPrefix(prefix)
                .withTimeout(Duration.ofMillis(section.number("timeout-ms", QueueConfig.DEFAULT_TIMEOUT.toMillis(), 1,
                        600_000)));
    }
}

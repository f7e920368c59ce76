package dev.wedge.queue;

import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Reads queue definitions: a node's {@code queues:} section, whose entries are sections or short forms, and the
 * command line's {@code NAME=SPEC}. Reads what every queue has and leaves where it is to its backend.
 */
public final class QueueSettings {

    public static final String DEFAULT_BACKEND = "embedded";
    private static final Set<String> COMMON = Set.of("backend", "prefix", "timeout-ms");

    private QueueSettings() {}

    /** The backends on the class path, by name, in the order their service file lists them. */
    public static Map<String, QueueBackend> backends() {
        Map<String, QueueBackend> backends = new LinkedHashMap<>();
        ServiceLoader.load(QueueBackend.class).forEach(backend -> backends.put(backend.name(), backend));
        return backends;
    }

    /** A node's {@code queues:} section; relative directories resolve against {@code baseDir}. */
    public static List<QueueConfig> read(Section queues, Path baseDir) throws ConfigException {
        List<QueueConfig> configs = new ArrayList<>();
        for (String name : queues.keys()) {
            configs.add(queues.isSection(name) ? read(name, queues.section(name), baseDir)
                    : parse(name, queues.string(name, ""), baseDir));
        }
        return configs;
    }

    /** A short form, as {@code --queue NAME=SPEC} takes it, e.g. {@code kafka://HOST:PORT[,HOST:PORT]}. */
    public static QueueConfig parse(String name, String spec, Path baseDir) throws ConfigException {
        Map<String, QueueBackend> backends = backends();
        for (QueueBackend backend : backends.values()) {
            String location = backend.locationOfShortForm(spec, baseDir);
            if (location != null) {
                return QueueConfig.of(name, backend.name(), location.isEmpty() ? null : location);
            }
        }
        throw new ConfigException("queue " + name + ": expected " + String.join(" or ",
                backends.values().stream().map(QueueBackend::shortForm).toList()) + ", not '" + spec + "'");
    }

    private static QueueConfig read(String name, Section section, Path baseDir) throws ConfigException {
        Map<String, QueueBackend> backends = backends();
        String backendName = section.string("backend", DEFAULT_BACKEND);
        QueueBackend backend = backends.get(backendName);
        if (backend == null) {
            throw new ConfigException(section.key("backend") + ": unknown backend '" + backendName + "' (one of "
                    + backends.keySet() + ")");
        }
        Set<String> allowed = new HashSet<>(COMMON);
        allowed.addAll(backend.settingKeys());
        section.allowOnly(allowed);
        String prefix = section.string("prefix", "");
        if (!Queues.validPrefix(prefix)) {
            throw new ConfigException(section.key("prefix") + ": use at most 20 of A-Z a-z 0-9 . _ -");
        }
        return QueueConfig.of(name, backendName, backend.location(section, baseDir))
                .withPrefix(prefix)
                .withTimeout(Duration.ofMillis(section.number("timeout-ms", QueueConfig.DEFAULT_TIMEOUT.toMillis(), 1,
                        600_000)));
    }
}

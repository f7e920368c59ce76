package dev.wedge.kv;

import dev.wedge.settings.BackendSettings;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads store definitions: a node's {@code kv-stores:} section and the command line's {@code NAME=SPEC}. Reads
 * what every store has and leaves where it is to its backend.
 */
public final class KvStoreSettings {

    /** The store {@code wedge run} and {@code wedge call} bind an app to when given none. */
    public static final String DEFAULT_STORE = "default";
    public static final String DEFAULT_BACKEND = "embedded";
    private static final Set<String> COMMON =
            Set.of("backend", "prefix", "cache-size", "cache-ttl-ms", "timeout-ms", "max-value-bytes");

    private KvStoreSettings() {}

    /** The backends on the class path, by name, in the order their service file lists them. */
    public static Map<String, KvBackend> backends() {
        return BackendSettings.discover(KvBackend.class);
    }

    /** A node's {@code kv-stores:} section; relative directories resolve against {@code baseDir}. */
    public static List<KvStoreConfig> read(Section stores, Path baseDir) throws ConfigException {
        return settings().read(stores, baseDir);
    }

    /** A short form, as {@code --kv-store NAME=SPEC} takes it, e.g. {@code redis://HOST:PORT[/prefix]}. */
    public static KvStoreConfig parse(String name, String spec, Path baseDir) throws ConfigException {
        return settings().parse(name, spec, baseDir);
    }

    private static BackendSettings<KvStoreConfig, KvBackend> settings() {
        return new BackendSettings<>("kv store", backends(), DEFAULT_BACKEND, COMMON, KvStoreSettings::read);
    }

    private static KvStoreConfig read(String name, KvBackend backend, Section section, Path baseDir)
            throws ConfigException {
        return KvStoreConfig.of(name, backend.name(), backend.location(section, baseDir))
                .withPrefix(section.string("prefix", ""))
                .withCache(section.number("cache-size", 0, 0, 10_000_000),
                        Duration.ofMillis(section.number("cache-ttl-ms", KvStoreConfig.DEFAULT_CACHE_TTL.toMillis(), 1,
                                86_400_000)))
                .withTimeout(Duration.ofMillis(section.number("timeout-ms", KvStoreConfig.DEFAULT_TIMEOUT.toMillis(),
                        1, 600_000)))
                .withMaxValueBytes((int) section.number("max-value-bytes", KvStoreConfig.DEFAULT_MAX_VALUE_BYTES, 1,
                        512 * 1024 * 1024));
    }
}

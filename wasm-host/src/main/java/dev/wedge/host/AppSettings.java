package dev.wedge.host;

import dev.wedge.host.app.AppConfig;
import dev.wedge.host.app.AppKind;
import dev.wedge.host.capability.CapabilitySet;
import dev.wedge.host.capability.SettingsContext;
import dev.wedge.host.limits.Limits;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the Wasm side of one app's settings: what every app has (kind, environment, limits) and, through the
 * capabilities, their parts. The one reader behind config files, deploy manifests and the command line, so each
 * setting has one spelling (the key below) and one default ({@link Limits#DEFAULT} for limits).
 */
public final class AppSettings {

    public static final String KIND = "kind";
    public static final String ENV = "env";
    public static final String MEMORY_LIMIT_MB = "memory-limit-mb";
    public static final String TIMEOUT_MS = "timeout-ms";
    public static final String MAX_BODY_BYTES = "max-body-bytes";
    public static final String MAX_RESPONSE_BYTES = "max-response-bytes";
    public static final String WALL_TIMEOUT_MS = "wall-timeout-ms";
    /** The limits, which a node's {@code defaults:} may also set. */
    public static final Set<String> LIMITS =
            Set.of(MEMORY_LIMIT_MB, TIMEOUT_MS, MAX_BODY_BYTES, MAX_RESPONSE_BYTES, WALL_TIMEOUT_MS);
    private static final Set<String> CORE = Set.of(KIND, ENV, MEMORY_LIMIT_MB, TIMEOUT_MS, MAX_BODY_BYTES,
            MAX_RESPONSE_BYTES, WALL_TIMEOUT_MS);

    private final CapabilitySet capabilities;
    private final Limits defaults;
    private final SettingsContext context;

    /** @param defaults the node's default limits; @param context the node's resources apps may name */
    public AppSettings(Limits defaults, SettingsContext context) {
        this(Capabilities.all(), defaults, context);
    }

    public AppSettings(CapabilitySet capabilities, Limits defaults, SettingsContext context) {
        this.capabilities = capabilities;
        this.defaults = defaults;
        this.context = context;
        Set<String> clash = new HashSet<>(capabilities.settingKeys());
        clash.retainAll(CORE);
        if (!clash.isEmpty()) {
            throw new IllegalArgumentException("capabilities read app settings every app has: " + clash);
        }
    }

    /** Every key this reader takes. */
    public Set<String> keys() {
        Set<String> keys = new HashSet<>(capabilities.settingKeys());
        keys.addAll(CORE);
        return keys;
    }

    /** The same reader against another context (e.g. a deploy's, whose secrets name the node's by reference). */
    public AppSettings withContext(SettingsContext value) {
        return new AppSettings(capabilities, defaults, value);
    }

    public SettingsContext context() {
        return context;
    }

    public AppConfig read(String name, Section app) throws ConfigException {
        AppKind kind = null;
        String kindText = app.string(KIND, null);
        if (kindText != null) {
            try {
                kind = AppKind.parse(kindText);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(app.key(KIND) + ": " + e.getMessage());
            }
        }
        return new AppConfig(name, kind, app.strings(ENV), limits(app, defaults),
                capabilities.readSettings(app, context));
    }

    /** The limits a section sets, the others from {@code base}. */
    public static Limits limits(Section section, Limits base) throws ConfigException {
        long memoryMb = section.number(MEMORY_LIMIT_MB, base.memoryBytes() / Limits.MIB, 1, Limits.MAX_MEMORY_MIB);
        long timeoutMs = section.number(TIMEOUT_MS, base.timeout().toMillis(), 1, 3_600_000);
        long maxBody = section.number(MAX_BODY_BYTES, base.maxRequestBodyBytes(), 0, Integer.MAX_VALUE - 8);
        long maxResponse = section.number(MAX_RESPONSE_BYTES, base.maxResponseBodyBytes(), 0, Integer.MAX_VALUE - 8);
        Duration wall = base.explicitWallTimeout();
        if (section.keys().contains(WALL_TIMEOUT_MS)) {
            wall = Duration.ofMillis(section.number(WALL_TIMEOUT_MS, 0, 1, 3_600_000));
        }
        if (wall != null && wall.toMillis() < timeoutMs) {
            throw new ConfigException(section.key(WALL_TIMEOUT_MS) + ": the wall-clock cap (" + wall.toMillis()
                    + " ms) is shorter than the deadline (timeout-ms " + timeoutMs + ")");
        }
        return base.withMemoryBytes(memoryMb * Limits.MIB)
                .withTimeout(Duration.ofMillis(timeoutMs))
                .withMaxRequestBodyBytes(maxBody)
                .withMaxResponseBodyBytes(maxResponse)
                .withWallTimeout(wall);
    }
}

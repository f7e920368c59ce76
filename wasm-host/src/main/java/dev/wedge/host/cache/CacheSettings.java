package dev.wedge.host.cache;

import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.time.Duration;
import java.util.Set;

/**
 * An app's {@code cache:} section (docs/config.md): the bounds of its part of the cache and how long a call may
 * wait for the backend.
 *
 * @param maxKeyBytes the longest key (UTF-8 bytes), prefixes of {@code purge_prefix} included
 * @param maxValueBytes the largest value
 * @param maxEntries how many keys the app may hold at once; a new key past it is refused, none is evicted
 * @param timeout per call; a cluster backend that has not answered by then gives TIMEOUT
 */
public record CacheSettings(int maxKeyBytes, int maxValueBytes, long maxEntries, Duration timeout) {

    public static final String SECTION = "cache";
    public static final int DEFAULT_MAX_KEY_BYTES = 1024;
    public static final int DEFAULT_MAX_VALUE_BYTES = 64 * 1024;
    public static final long DEFAULT_MAX_ENTRIES = 10_000;
    public static final long DEFAULT_TIMEOUT_MS = 1000;
    private static final Set<String> KEYS = Set.of("max-key-bytes", "max-value-bytes", "max-entries", "timeout-ms");

    public static final CacheSettings DEFAULT = new CacheSettings(DEFAULT_MAX_KEY_BYTES, DEFAULT_MAX_VALUE_BYTES,
            DEFAULT_MAX_ENTRIES, Duration.ofMillis(DEFAULT_TIMEOUT_MS));

    static CacheSettings read(Section app) throws ConfigException {
        Section section = app.section(SECTION);
        section.allowOnly(KEYS);
        return new CacheSettings(
                (int) section.number("max-key-bytes", DEFAULT_MAX_KEY_BYTES, 1, 64 * 1024),
                (int) section.number("max-value-bytes", DEFAULT_MAX_VALUE_BYTES, 0, 64 * 1024 * 1024),
                section.number("max-entries", DEFAULT_MAX_ENTRIES, 1, 100_000_000),
                Duration.ofMillis(section.number("timeout-ms", DEFAULT_TIMEOUT_MS, 1, 60_000)));
    }
}

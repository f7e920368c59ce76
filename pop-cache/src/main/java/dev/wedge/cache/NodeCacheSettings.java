package dev.wedge.cache;

import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.nio.file.Path;
import java.util.Set;

/**
 * The node's {@code cache:} section (docs/config.md, "Cache"): how many bytes the memory tier and the disk tier
 * hold for all sites together, and where the disk tier lives.
 *
 * @param diskBytes 0: no disk tier
 */
public record NodeCacheSettings(long memoryBytes, long diskBytes, Path dir) {

    public static final long DEFAULT_MEMORY_BYTES = 256L << 20;
    public static final String DEFAULT_DIR = ".wedge/cache";
    private static final Set<String> KEYS = Set.of("memory-bytes", "disk-bytes", "dir");

    public static NodeCacheSettings defaults(Path baseDir) {
        return new NodeCacheSettings(DEFAULT_MEMORY_BYTES, 0, baseDir.resolve(DEFAULT_DIR).normalize());
    }

    /** @param baseDir what a relative {@code dir} is relative to: the config file's directory */
    public static NodeCacheSettings read(Section cache, Path baseDir) throws ConfigException {
        cache.allowOnly(KEYS);
        return new NodeCacheSettings(cache.number("memory-bytes", DEFAULT_MEMORY_BYTES, 1 << 20, 1L << 45),
                cache.number("disk-bytes", 0, 0, 1L << 50),
                baseDir.resolve(cache.string("dir", DEFAULT_DIR)).normalize());
    }
}

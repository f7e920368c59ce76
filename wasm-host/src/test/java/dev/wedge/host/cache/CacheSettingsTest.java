package dev.wedge.host.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An app's {@code cache:} section: its defaults, its keys, and what it refuses. */
class CacheSettingsTest {

    private static CacheSettings read(Map<String, Object> app) throws ConfigException {
        return CacheSettings.read(new Section("apps.shop", app));
    }

    @Test
    void anAppWithoutTheSectionGetsTheDefaults() throws ConfigException {
        assertEquals(CacheSettings.DEFAULT, read(Map.of()));
        assertEquals(new CacheSettings(1024, 64 * 1024, 10_000, Duration.ofMillis(1000)), CacheSettings.DEFAULT);
    }

    @Test
    void everyKeyIsRead() throws ConfigException {
        assertEquals(new CacheSettings(16, 100, 5, Duration.ofMillis(250)), read(Map.of("cache",
                Map.of("max-key-bytes", 16, "max-value-bytes", 100, "max-entries", 5, "timeout-ms", 250))));
    }

    @Test
    void unknownKeysAndValuesOutOfRangeAreRefusedByName() {
        var unknown = assertThrows(ConfigException.class, () -> read(Map.of("cache", Map.of("max-keys", 5))));
        assertTrue(unknown.getMessage().contains("apps.shop.cache.max-keys"), unknown.getMessage());
        var zero = assertThrows(ConfigException.class, () -> read(Map.of("cache", Map.of("max-entries", 0))));
        assertTrue(zero.getMessage().contains("max-entries"), zero.getMessage());
        assertThrows(ConfigException.class, () -> read(Map.of("cache", "big")));
    }
}

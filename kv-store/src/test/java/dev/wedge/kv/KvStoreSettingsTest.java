package dev.wedge.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Store definitions: the short forms each backend parses, and sections read partly by the backend. */
class KvStoreSettingsTest {

    private static final Path CWD = Path.of("");

    @Test
    void shortFormsAreParsedByTheirBackend() throws ConfigException {
        var redis = KvStoreSettings.parse("cache", "redis://127.0.0.1:6380/tenant7:", CWD);
        assertEquals("redis", redis.backend());
        assertEquals("redis://127.0.0.1:6380", redis.location());
        assertEquals("tenant7:", redis.prefix());
        assertEquals("/tmp/kv", KvStoreSettings.parse("x", "embedded:/tmp/kv", CWD).location());
        assertNull(KvStoreSettings.parse("x", "embedded", CWD).location());
        var error = assertThrows(ConfigException.class, () -> KvStoreSettings.parse("x", "memcached://h:1", CWD));
        assertTrue(error.getMessage().contains("expected redis://HOST:PORT[/prefix] or embedded[:DIR]"),
                error.getMessage());
    }

    @Test
    void sectionsTakeTheCommonKeysAndTheirBackendsOwn() throws ConfigException {
        Path base = Path.of("/etc/wedge");
        var stores = KvStoreSettings.read(new Section("kv-stores", Map.of(
                "local", Map.of("cache-size", 10),
                "shared", Map.of("backend", "redis", "url", "redis://h:1", "timeout-ms", 250),
                "short", "embedded:data")), base);
        assertEquals(base.resolve(".wedge/kv").toString(), named(stores, "local").location(), "beside the config file");
        assertEquals(10, named(stores, "local").cacheEntries());
        assertEquals("redis://h:1", named(stores, "shared").location());
        assertEquals(Duration.ofMillis(250), named(stores, "shared").timeout());
        assertEquals(base.resolve("data").toString(), named(stores, "short").location());
        var unknown = assertThrows(ConfigException.class, () -> KvStoreSettings.read(new Section("kv-stores",
                Map.of("r", Map.of("backend", "redis", "dir", "x"))), base));
        assertTrue(unknown.getMessage().contains("unknown key kv-stores.r.dir"), unknown.getMessage());
        var backend = assertThrows(ConfigException.class, () -> KvStoreSettings.read(new Section("kv-stores",
                Map.of("m", Map.of("backend", "memcached"))), base));
        assertTrue(backend.getMessage().contains("kv-stores.m.backend: unknown backend 'memcached'"),
                backend.getMessage());
    }

    private static KvStoreConfig named(List<KvStoreConfig> all, String name) {
        return all.stream().filter(config -> config.name().equals(name)).findFirst().orElseThrow();
    }
}

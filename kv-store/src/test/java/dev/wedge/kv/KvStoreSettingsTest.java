package dev.wedge.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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
        assertEquals(".wedge/kv", KvStoreSettings.parse("x", "embedded", CWD).location(), "in the working directory");
        var noHost = assertThrows(ConfigException.class, () -> KvStoreSettings.parse("x", "redis://:6379", CWD));
        assertTrue(noHost.getMessage().contains("no host"), noHost.getMessage());
        var error = assertThrows(ConfigException.class, () -> KvStoreSettings.parse("x", "memcached://h:1", CWD));
        assertTrue(error.getMessage().contains("expected redis://HOST:PORT[/prefix] or embedded[:DIR]"),
                error.getMessage());
    }

    @Test
    void sectionsTakeTheCommonKeysAndTheirBackendsOwn() throws ConfigException {
        Path base = Path.of("/etc/wedge");
        Map<String, Object> entries = new HashMap<>(Map.of(
                "local", Map.of("cache-size", 10),
                "shared", Map.of("backend", "redis", "url", "redis://h:1", "timeout-ms", 250),
                "short", "embedded:data",
                "bare", "embedded"));
        entries.put("empty", null); // "empty:" in YAML: the default backend with its defaults
        var stores = KvStoreSettings.read(new Section("kv-stores", entries), base);
        assertEquals(base.resolve(".wedge/kv").toString(), named(stores, "local").location(), "beside the config file");
        assertEquals(10, named(stores, "local").cacheEntries());
        assertEquals("redis://h:1", named(stores, "shared").location());
        assertEquals(Duration.ofMillis(250), named(stores, "shared").timeout());
        assertEquals(base.resolve("data").toString(), named(stores, "short").location());
        assertEquals(base.resolve(".wedge/kv").toString(), named(stores, "bare").location());
        assertEquals(base.resolve(".wedge/kv").toString(), named(stores, "empty").location());
        var shortForm = assertThrows(ConfigException.class, () -> KvStoreSettings.read(new Section("kv-stores",
                Map.of("m", "memcached://h")), base));
        assertTrue(shortForm.getMessage().startsWith("kv-stores.m: expected"), shortForm.getMessage());
        var noUrl = assertThrows(ConfigException.class, () -> KvStoreSettings.read(new Section("kv-stores",
                Map.of("r", Map.of("backend", "redis"))), base));
        assertTrue(noUrl.getMessage().contains("kv-stores.r.url is missing"), noUrl.getMessage());
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

package dev.wedge.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import io.vertx.core.MultiMap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The storage and freshness rules as pure functions, and the settings that feed them. */
class PolicyTest {

    private static final long NOW = 1_700_000_000_000L;

    private static MultiMap headers(String... pairs) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < pairs.length; i += 2) {
            headers.add(pairs[i], pairs[i + 1]);
        }
        return headers;
    }

    private static Freshness storable(MultiMap request, int status, String... response) {
        return Policy.storable(CacheFixture.settings(), request, status, headers(response), NOW);
    }

    @Test
    void lifetimeComesFromSMaxAgeThenMaxAgeThenExpires() {
        assertEquals(60_000, storable(headers(), 200, "cache-control", "max-age=5, s-maxage=60").lifetimeMillis());
        assertEquals(5_000, storable(headers(), 200, "cache-control", "max-age=5").lifetimeMillis());
        assertEquals(30_000, storable(headers(), 200, "expires", "Tue, 15 Nov 2022 08:13:01 GMT",
                "date", "Tue, 15 Nov 2022 08:12:31 GMT").lifetimeMillis());
        assertNull(storable(headers(), 200, "cache-control", "max-age=\"x\""), "an invalid max-age is none");
    }

    @Test
    void staleDirectivesAreReadAndMustRevalidateCancelsThem() {
        Freshness lenient = storable(headers(), 200, "cache-control",
                "max-age=1, stale-while-revalidate=30, stale-if-error=60");
        assertEquals(30_000, lenient.staleWhileRevalidateMillis());
        assertEquals(60_000, lenient.staleIfErrorMillis());
        Freshness strict = storable(headers(), 200, "cache-control", "max-age=1, must-revalidate, "
                + "stale-if-error=60");
        assertTrue(strict.mustRevalidate());
        assertEquals(0, strict.staleIfErrorMillis());
        assertTrue(storable(headers(), 200, "cache-control", "no-cache", "etag", "\"a\"").mustRevalidate());
    }

    @Test
    void authorizationNeedsTheResponsesPermission() {
        MultiMap authorized = headers("authorization", "Basic eDp5");
        assertNull(storable(authorized, 200, "cache-control", "max-age=60"));
        assertTrue(storable(authorized, 200, "cache-control", "public, max-age=60").authorized());
        assertTrue(storable(authorized, 200, "cache-control", "s-maxage=60").authorized());
        assertFalse(storable(headers(), 200, "cache-control", "max-age=60").authorized());
    }

    @Test
    void theAgeItCameWithCounts() {
        assertEquals(7, Policy.age(headers("age", "7")));
        assertEquals(0, Policy.age(headers("age", "-1")));
        var entry = new Entry("k", "s", "r", 200, List.of(), new byte[0], NOW, 7,
                storable(headers(), 200, "cache-control", "max-age=10"), List.of(), java.util.Set.of());
        assertEquals(-3_000, entry.staleness(NOW));
        assertEquals(10, entry.age(NOW + 3_000));
    }

    @Test
    void settingsAreReadWithTheirDefaultsAndCheckedForSense() throws ConfigException {
        CacheSettings read = CacheSettings.read(new Section("sites.a.cache", Map.of("default-ttl", 30,
                "key", Map.of("headers", List.of("X-Format"), "drop-query-params", List.of("utm")))));
        assertTrue(read.enabled());
        assertEquals(Duration.ofSeconds(30), read.defaultTtl());
        assertEquals(List.of("x-format"), read.key().headers());
        assertEquals("h/p?a=1|x-format=webp", read.key().of("H", "/p?a=1&utm=x", headers("x-format", "webp")));
        assertTrue(CacheSettings.read(new Section("sites.a.cache", Map.of())).enabled(), "cache: {} caches");
        assertEquals(Duration.ZERO, CacheSettings.read(new Section("sites.a.cache", Map.of())).defaultTtl());
        assertThrows(ConfigException.class, () -> CacheSettings.read(new Section("c", Map.of("key",
                Map.of("query-params", List.of("a"), "drop-query-params", List.of("b"))))));
        assertThrows(ConfigException.class, () -> CacheSettings.read(new Section("c", Map.of("response-apps",
                "sometimes"))));
        assertThrows(ConfigException.class, () -> CacheSettings.read(new Section("c", Map.of("ttl", 1))));
        NodeCacheSettings node = NodeCacheSettings.read(new Section("cache", Map.of("disk-bytes", 1000)),
                Path.of("/etc/wedge"));
        assertEquals(Path.of("/etc/wedge/.wedge/cache"), node.dir());
    }
}

package dev.wedge.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wedge.server.TestHttp;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cache-control template (apps/templates/cache-control) in front of a real origin, on both engines: the
 * first rule matching the content type sets Cache-Control, else the default; error answers keep the origin's;
 * with ONLY_IF_MISSING the origin's own value wins.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CacheControlTemplateTest {

    private static final String RULES = "image/*=public, max-age=86400; text/html=no-cache";

    private TemplateSites sites;

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        sites = new TemplateSites(vertx, """
                apps:
                  cache:
                    module: apps/templates/cache-control/cache-control.wasm
                    routes: []
                    env: {RULES: "%1$s", DEFAULT: "max-age=60"}
                  cache-keep:
                    module: apps/templates/cache-control/cache-control.wasm
                    routes: []
                    env: {RULES: "%1$s", ONLY_IF_MISSING: "true"}
                sites:
                  cache: {hosts: [cache.test], origin: "@origin", phases: {response-headers: cache}}
                  keep: {hosts: [keep.test], origin: "@origin", phases: {response-headers: cache-keep}}
                """.formatted(RULES));
    }

    @AfterAll
    void stop() throws Exception {
        sites.close();
    }

    /** The Cache-Control the client got for an origin answer of {@code query} (type, cc, status). */
    private String cacheControl(String engine, String host, int status, String query) {
        String path = "/cache/" + engine + "/" + host + "?" + query;
        TestHttp.Reply reply = sites.get(engine, host, path);
        assertEquals(status, reply.status(), reply::toString);
        assertEquals("origin: GET " + path, reply.body(), "the body passes untouched");
        return reply.header("cache-control");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void theFirstMatchingRuleSetsCacheControl(String engine) {
        assertEquals("public, max-age=86400", cacheControl(engine, "cache.test", 200, "type=image/png"));
        assertEquals("public, max-age=86400", cacheControl(engine, "cache.test", 200, "type=IMAGE/webp"));
        assertEquals("no-cache", cacheControl(engine, "cache.test", 200, "type=text/html;%20charset=utf-8"));
        assertEquals("public, max-age=86400", cacheControl(engine, "cache.test", 200, "type=image/png&cc=private"),
                "the rule replaces the origin's value");
        assertEquals("public, max-age=86400", cacheControl(engine, "cache.test", 301, "type=image/png&status=301"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void otherTypesGetTheDefault(String engine) {
        assertEquals("max-age=60", cacheControl(engine, "cache.test", 200, "type=application/json"));
        assertEquals("max-age=60", cacheControl(engine, "cache.test", 200, "type=text/htmlx"), "not text/html");
        assertEquals("max-age=60", cacheControl(engine, "cache.test", 200, "no-type"), "no content type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void errorAnswersAreNotMadeCacheable(String engine) {
        assertNull(cacheControl(engine, "cache.test", 404, "type=image/png&status=404"));
        assertEquals("no-store", cacheControl(engine, "cache.test", 503, "type=text/html&status=503&cc=no-store"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void onlyIfMissingKeepsTheOriginsValue(String engine) {
        assertEquals("private", cacheControl(engine, "keep.test", 200, "type=image/png&cc=private"));
        assertEquals("public, max-age=86400", cacheControl(engine, "keep.test", 200, "type=image/png"));
        assertNull(cacheControl(engine, "keep.test", 200, "type=application/json"), "no rule and no default");
    }
}

package dev.wedge.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * The geo-block template (apps/templates/geo-block) in front of a real origin, on both engines, with clients
 * located by the node's geo database (deploy/geo/sample.csv): a denied country gets 403 (or the redirect) and
 * never reaches the origin; an allowed one does; an unknown country follows UNKNOWN.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeoBlockTemplateTest {

    private static final String JAPAN = "203.0.113.5";
    private static final String GERMANY = "192.0.2.10";
    private static final String FRANCE = "192.0.2.200";
    private static final String USA = "198.51.100.7";
    /** Not in the database: the node knows no country for it. */
    private static final String NOWHERE = "198.18.0.1";

    private TemplateSites sites;

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        sites = new TemplateSites(vertx, """
                apps:
                  deny:
                    module: apps/templates/geo-block/geo-block.wasm
                    routes: []
                    env: {COUNTRIES: "jp, US", MESSAGE: "Not sold in <your> country."}
                  allow:
                    module: apps/templates/geo-block/geo-block.wasm
                    routes: []
                    env: {COUNTRIES: "DE,FR", MODE: allow, UNKNOWN: deny}
                  redirect:
                    module: apps/templates/geo-block/geo-block.wasm
                    routes: []
                    env: {COUNTRIES: JP, REDIRECT_URL: "https://example.com/elsewhere"}
                sites:
                  deny: {hosts: [deny.test], origin: "@origin", phases: {request-headers: deny}}
                  allow: {hosts: [allow.test], origin: "@origin", phases: {request-headers: allow}}
                  redirect: {hosts: [redirect.test], origin: "@origin", phases: {request-headers: redirect}}
                """);
    }

    @AfterAll
    void stop() throws Exception {
        sites.close();
    }

    private TestHttp.Reply from(String engine, String host, String address, String path) {
        return address == null ? sites.get(engine, host, path) : sites.get(engine, host, path, "x-real-ip", address);
    }

    private void assertPasses(String engine, String host, String address, String name) {
        String path = "/geo/" + engine + "/" + host + "/" + name;
        TestHttp.Reply reply = from(engine, host, address, path);
        assertEquals("origin: GET " + path, reply.body(200), name);
        assertEquals(1, sites.origin().received(path).size());
    }

    private TestHttp.Reply assertBlocked(String engine, String host, String address, String name, int status) {
        String path = "/geo/" + engine + "/" + host + "/" + name;
        TestHttp.Reply reply = from(engine, host, address, path);
        assertEquals(status, reply.status(), () -> name + ": " + reply);
        assertTrue(sites.origin().received(path).isEmpty(), name + " reached the origin");
        return reply;
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void denyModeBlocksTheListedCountries(String engine) {
        TestHttp.Reply japan = assertBlocked(engine, "deny.test", JAPAN, "japan", 403);
        assertEquals("text/html; charset=utf-8", japan.header("content-type"));
        assertTrue(japan.body().contains("<p>Not sold in &lt;your&gt; country.</p>"), japan.body());
        assertEquals("JP", japan.header("x-blocked-country"));
        assertEquals("US", assertBlocked(engine, "deny.test", USA, "usa", 403).header("x-blocked-country"),
                "the list is read in any case");
        assertPasses(engine, "deny.test", GERMANY, "germany");
        assertPasses(engine, "deny.test", NOWHERE, "unknown");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void allowModeLetsOnlyTheListedCountriesIn(String engine) {
        assertPasses(engine, "allow.test", GERMANY, "germany");
        assertPasses(engine, "allow.test", FRANCE, "france");
        TestHttp.Reply usa = assertBlocked(engine, "allow.test", USA, "usa", 403);
        assertTrue(usa.body().contains("not available in your country"), usa.body());
        assertEquals("unknown", assertBlocked(engine, "allow.test", NOWHERE, "unknown", 403)
                .header("x-blocked-country"), "UNKNOWN deny");
        assertBlocked(engine, "allow.test", null, "loopback-in-luxembourg", 403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aRedirectUrlSendsBlockedClientsThere(String engine) {
        TestHttp.Reply japan = assertBlocked(engine, "redirect.test", JAPAN, "japan", 302);
        assertEquals("https://example.com/elsewhere", japan.header("location"));
        assertEquals("", japan.body());
        assertPasses(engine, "redirect.test", GERMANY, "germany");
    }
}

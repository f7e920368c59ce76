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
 * The ab-split template (apps/templates/ab-split) in front of a real origin, on both engines: variant B reaches
 * the origin with B_HOST as its Host or its path under B_PATH_PREFIX, variant A unchanged; the cookie decides,
 * and a client without one is assigned by PERCENT_B (0 or 100 here, to be deterministic) and gets the cookie.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AbSplitTemplateTest {

    private TemplateSites sites;

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        sites = new TemplateSites(vertx, """
                apps:
                  by-host:
                    module: apps/templates/ab-split/ab-split.wasm
                    routes: []
                    env: {B_HOST: b.shop.test, PERCENT_B: "0"}
                  by-path:
                    module: apps/templates/ab-split/ab-split.wasm
                    routes: []
                    env: {B_PATH_PREFIX: /variant-b/, PERCENT_B: "100", COOKIE_NAME: exp, COOKIE_MAX_AGE: "3600",
                          VARIANT_HEADER: none}
                  by-host-envoy:
                    module: apps/templates/ab-split/ab-split.wasm
                    routes: []
                    proxy-wasm-mode: envoy
                    env: {B_HOST: b.shop.test, B_PATH_PREFIX: /variant-b, PERCENT_B: "100"}
                sites:
                  envoy: {hosts: [envoy.test], origin: "@origin", phases: {request-headers: by-host-envoy}}
                  host: {hosts: [host.test], origin: "@origin", phases: {request-headers: by-host}}
                  path: {hosts: [path.test], origin: "@origin", phases: {request-headers: by-path}}
                """);
    }

    @AfterAll
    void stop() throws Exception {
        sites.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aClientWithCookieBReachesVariantBByHost(String engine) {
        String path = "/ab/" + engine + "/cookie-b?x=1";
        TestHttp.Reply reply = sites.get(engine, "host.test", path, "cookie", "theme=dark; ab_variant=b");
        assertEquals("variant B: GET " + path, reply.body(200));
        assertNull(reply.header("set-cookie"), "a client with a cookie keeps it");
        RecordingOrigin.Received received = sites.origin().receivedOnce(path);
        assertEquals("b.shop.test", received.host());
        assertEquals("b", received.header("x-ab-variant"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aClientWithCookieAReachesVariantAUnchanged(String engine) {
        String path = "/ab/" + engine + "/cookie-a";
        TestHttp.Reply reply = sites.get(engine, "path.test", path, "cookie", "exp=a");
        assertEquals("origin: GET " + path, reply.body(200), "PERCENT_B 100 does not move a client with a cookie");
        assertNull(reply.header("set-cookie"));
        RecordingOrigin.Received received = sites.origin().receivedOnce(path);
        assertEquals("path.test", received.host());
        assertNull(received.header("x-ab-variant"), "VARIANT_HEADER none");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aNewClientIsAssignedByWeightAndGetsTheCookie(String engine) {
        String toA = "/ab/" + engine + "/new-a";
        TestHttp.Reply a = sites.get(engine, "host.test", toA);
        assertEquals("origin: GET " + toA, a.body(200), "PERCENT_B 0: variant A");
        assertEquals("ab_variant=a; Path=/; Max-Age=2592000; SameSite=Lax", a.header("set-cookie"));
        assertEquals("host.test", sites.origin().receivedOnce(toA).host());

        String toB = "/ab/" + engine + "/new-b?q=2";
        TestHttp.Reply b = sites.get(engine, "path.test", toB, "cookie", "exp=c");
        assertEquals("variant B: GET /variant-b" + toB, b.body(200), "PERCENT_B 100: variant B, its path prefixed");
        assertEquals("exp=b; Path=/; Max-Age=3600; SameSite=Lax", b.header("set-cookie"), "an unknown value: assigned");
        assertEquals(1, sites.origin().received("/variant-b" + toB).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void theAssignedCookieKeepsTheClientOnItsVariant(String engine) {
        String first = "/ab/" + engine + "/sticky-1";
        TestHttp.Reply assigned = sites.get(engine, "path.test", first);
        String cookie = assigned.header("set-cookie");
        assertEquals("variant B: GET /variant-b" + first, assigned.body(200));
        String second = "/ab/" + engine + "/sticky-2";
        String nameAndValue = cookie.substring(0, cookie.indexOf(';'));
        TestHttp.Reply again = sites.get(engine, "path.test", second, "cookie", nameAndValue);
        assertEquals("variant B: GET /variant-b" + second, again.body(200));
        assertNull(again.header("set-cookie"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void inEnvoysPhaseModelVariantBIsRoutedTheSame(String engine) {
        String path = "/ab/" + engine + "/envoy";
        TestHttp.Reply reply = sites.get(engine, "envoy.test", path);
        assertEquals("variant B: GET /variant-b" + path, reply.body(200), "both B_HOST and B_PATH_PREFIX");
        assertEquals("ab_variant=b; Path=/; Max-Age=2592000; SameSite=Lax", reply.header("set-cookie"));
        assertEquals("b.shop.test", sites.origin().receivedOnce("/variant-b" + path).host());
    }
}

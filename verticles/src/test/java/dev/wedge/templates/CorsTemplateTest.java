package dev.wedge.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.server.TestHttp;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cors template (apps/templates/cors) in front of a real origin, on both engines: preflights answered at the
 * edge (204 or 403, the origin never called), CORS headers on the origin's responses for allowed origins only.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorsTemplateTest {

    private static final String SHOP = "https://shop.example";

    private TemplateSites sites;

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        sites = new TemplateSites(vertx, """
                apps:
                  cors:
                    module: apps/templates/cors/cors.wasm
                    routes: []
                    env: {ALLOWED_ORIGINS: "https://shop.example, https://*.partner.example",
                          ALLOWED_METHODS: "GET, PUT", MAX_AGE: "300", EXPOSE_HEADERS: x-total}
                  cors-envoy:
                    module: apps/templates/cors/cors.wasm
                    routes: []
                    proxy-wasm-mode: envoy
                    env: {ALLOWED_ORIGINS: "https://shop.example"}
                  cors-defaults: {module: apps/templates/cors/cors.wasm, routes: []}
                  cors-credentials:
                    module: apps/templates/cors/cors.wasm
                    routes: []
                    env: {ALLOW_CREDENTIALS: "true", ALLOWED_HEADERS: "content-type, x-token"}
                sites:
                  listed:
                    hosts: [listed.test]
                    origin: "@origin"
                    phases: {request-headers: cors, response-headers: cors}
                  envoy:
                    hosts: [envoy.test]
                    origin: "@origin"
                    phases: {request-headers: cors-envoy, response-headers: cors-envoy}
                  any:
                    hosts: [any.test]
                    origin: "@origin"
                    phases: {request-headers: cors-defaults, response-headers: cors-defaults}
                  credentials:
                    hosts: [credentials.test]
                    origin: "@origin"
                    phases: {request-headers: cors-credentials, response-headers: cors-credentials}
                """);
    }

    @AfterAll
    void stop() throws Exception {
        sites.close();
    }

    private TestHttp.Reply preflight(String engine, String host, String path, String origin, String method) {
        return sites.send(engine, HttpMethod.OPTIONS, host, path, "origin", origin,
                "access-control-request-method", method, "access-control-request-headers", "content-type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aPreflightFromAnAllowedOriginIsAnsweredAtTheEdge(String engine) {
        String path = "/listed/" + engine + "/preflight";
        TestHttp.Reply reply = preflight(engine, "listed.test", path, SHOP, "PUT");
        assertEquals(204, reply.status(), reply::toString);
        assertEquals(SHOP, reply.header("access-control-allow-origin"));
        assertEquals("GET, PUT", reply.header("access-control-allow-methods"));
        assertEquals("content-type", reply.header("access-control-allow-headers"), "the asked-for headers");
        assertEquals("300", reply.header("access-control-max-age"));
        assertEquals("Origin", reply.header("vary"));
        assertNull(reply.header("access-control-allow-credentials"));
        assertTrue(sites.origin().received(path).isEmpty(), "the origin was called for a preflight");

        String sub = "/listed/" + engine + "/preflight-subdomain";
        TestHttp.Reply partner = preflight(engine, "listed.test", sub, "https://app.partner.example", "GET");
        assertEquals(204, partner.status(), partner::toString);
        assertEquals("https://app.partner.example", partner.header("access-control-allow-origin"));
        assertTrue(sites.origin().received(sub).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aPreflightFromAnotherOriginOrForAnotherMethodIsRefused(String engine) {
        String path = "/listed/" + engine + "/refused";
        for (String[] asked : new String[][] {{"https://evil.example", "GET"}, {"http://shop.example", "GET"},
                {"https://partner.example", "GET"}, {SHOP, "DELETE"}}) {
            TestHttp.Reply reply = preflight(engine, "listed.test", path, asked[0], asked[1]);
            assertEquals(403, reply.status(), () -> String.join(" ", asked) + ": " + reply);
            assertNull(reply.header("access-control-allow-origin"), reply::toString);
        }
        assertTrue(sites.origin().received(path).isEmpty(), "the origin was called for a refused preflight");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void anAllowedOriginsRequestGetsCorsHeadersOnTheOriginsAnswer(String engine) {
        String path = "/listed/" + engine + "/data?vary=accept-encoding";
        TestHttp.Reply reply = sites.get(engine, "listed.test", path, "origin", SHOP);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("origin: GET " + path, reply.body());
        assertEquals(SHOP, reply.header("access-control-allow-origin"));
        assertEquals("accept-encoding, Origin", reply.header("vary"), "added to the origin's Vary");
        assertEquals("x-total", reply.header("access-control-expose-headers"));
        assertEquals(SHOP, sites.origin().receivedOnce(path).header("origin"), "the request went on unchanged");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aDisallowedOriginOrNoneGetsNoCorsHeaders(String engine) {
        String path = "/listed/" + engine + "/other";
        TestHttp.Reply reply = sites.get(engine, "listed.test", path, "origin", "https://evil.example");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("origin: GET " + path, reply.body(), "the origin still answers; the browser refuses it");
        assertNull(reply.header("access-control-allow-origin"));
        assertNull(reply.header("access-control-expose-headers"));
        String plain = "/listed/" + engine + "/plain";
        TestHttp.Reply without = sites.get(engine, "listed.test", plain);
        assertEquals(200, without.status(), without::toString);
        assertNull(without.header("access-control-allow-origin"));
        assertEquals(1, sites.origin().received(path).size());
        assertEquals(1, sites.origin().received(plain).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void anOptionsRequestThatIsNoPreflightGoesToTheOrigin(String engine) {
        String path = "/listed/" + engine + "/options";
        TestHttp.Reply reply = sites.send(engine, HttpMethod.OPTIONS, "listed.test", path, "origin", SHOP);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("origin: OPTIONS " + path, reply.body());
        assertEquals("OPTIONS", sites.origin().receivedOnce(path).method());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void byDefaultAnyOriginIsAllowedWithAStar(String engine) {
        TestHttp.Reply preflight = preflight(engine, "any.test", "/any/" + engine, "https://x.example", "POST");
        assertEquals(204, preflight.status(), preflight::toString);
        assertEquals("*", preflight.header("access-control-allow-origin"));
        assertEquals("GET, HEAD, POST", preflight.header("access-control-allow-methods"));
        assertEquals("600", preflight.header("access-control-max-age"));
        TestHttp.Reply refused = preflight(engine, "any.test", "/any/" + engine, "https://x.example", "PUT");
        assertEquals(403, refused.status(), "PUT is not a default method: " + refused);
        TestHttp.Reply reply = sites.get(engine, "any.test", "/any/" + engine + "/get", "origin", "https://x.example");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("*", reply.header("access-control-allow-origin"));
        assertNull(reply.header("vary"), "a star does not vary by origin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void withCredentialsTheOriginIsNamedNotStarred(String engine) {
        String origin = "https://any.example";
        TestHttp.Reply preflight = preflight(engine, "credentials.test", "/cred/" + engine, origin, "GET");
        assertEquals(204, preflight.status(), preflight::toString);
        assertEquals(origin, preflight.header("access-control-allow-origin"));
        assertEquals("true", preflight.header("access-control-allow-credentials"));
        assertEquals("content-type, x-token", preflight.header("access-control-allow-headers"), "the listed ones");
        TestHttp.Reply reply = sites.get(engine, "credentials.test", "/cred/" + engine + "/get", "origin", origin);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(origin, reply.header("access-control-allow-origin"));
        assertEquals("true", reply.header("access-control-allow-credentials"));
        assertEquals("Origin", reply.header("vary"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void inEnvoysPhaseModelTheAnswersAreTheSame(String engine) {
        String path = "/envoy/" + engine;
        TestHttp.Reply preflight = preflight(engine, "envoy.test", path + "/preflight", SHOP, "GET");
        assertEquals(204, preflight.status(), preflight::toString);
        assertEquals(SHOP, preflight.header("access-control-allow-origin"));
        assertEquals(403, preflight(engine, "envoy.test", path + "/refused", "https://evil.example", "GET").status());
        TestHttp.Reply reply = sites.get(engine, "envoy.test", path + "/get", "origin", SHOP);
        assertEquals("origin: GET " + path + "/get", reply.body(200));
        assertEquals(SHOP, reply.header("access-control-allow-origin"));
        assertTrue(sites.origin().received(path + "/preflight").isEmpty());
        assertTrue(sites.origin().received(path + "/refused").isEmpty());
    }
}

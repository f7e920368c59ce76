package dev.wedge.templates;

import static dev.wedge.templates.TemplateNodes.hmac;
import static dev.wedge.templates.TemplateNodes.now;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * The upload-auth template (apps/templates/upload-auth) in a site in front of a real origin, on both engines:
 * PUT and POST need the HMAC of "METHOD\nPATH\nEXPIRES" (query or headers); none answers 401, a wrong, expired or
 * malformed one 403, and then the origin is never called. Other methods pass, or get 405 when denied.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadAuthTemplateTest {

    private static final String KEY = "up-key";

    private TemplateNodes nodes;

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        nodes = new TemplateNodes(vertx, """
                apps:
                  upload-auth:
                    module: {templates}upload-auth/upload-auth.wasm
                    routes: []
                    secrets: {UPLOAD_SECRET: up-key}
                  upload-strict:
                    module: {templates}upload-auth/upload-auth.wasm
                    routes: []
                    env: {METHODS: put, OTHER_METHODS: deny}
                    secrets: {UPLOAD_SECRET: up-key}
                sites:
                  up:
                    hosts: [up.test]
                    origin: {origin}
                    phases: {request-headers: upload-auth}
                  strict:
                    hosts: [strict.test]
                    origin: {origin}
                    phases: {request-headers: upload-strict}
                """);
    }

    @AfterAll
    void stop() {
        nodes.close();
    }

    private static String signedQuery(String method, String path, long expires) {
        return "expires=" + expires + "&signature=" + hmac(KEY, method + "\n" + path + "\n" + expires);
    }

    private TestHttp.Reply upload(String engine, HttpMethod method, String host, String uri, String... headers) {
        return nodes.send(engine, method, host, uri, "file bytes", headers);
    }

    private TestHttp.Reply refused(int status, String engine, HttpMethod method, String uri, String... headers) {
        TestHttp.Reply reply = upload(engine, method, "up.test", uri, headers);
        assertEquals(status, reply.status(), reply::toString);
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        assertNull(nodes.origin().seen(path), "the origin was called for " + uri);
        return reply;
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aSignedPutInTheQueryReachesTheOriginWithItsBody(String engine) {
        String path = "/" + engine + "/uploads/a.txt";
        String uri = path + "?name=a&" + signedQuery("PUT", path, now() + 300);
        assertEquals("origin ok", upload(engine, HttpMethod.PUT, "up.test", uri).body(200));
        TemplateOrigin.Seen seen = nodes.origin().seen(path);
        assertEquals("PUT", seen.method());
        assertEquals(path + "?name=a", seen.target());
        assertEquals("file bytes", seen.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aSignedPostInHeadersReachesTheOriginWithoutThem(String engine) {
        String path = "/" + engine + "/uploads/b.txt";
        long expires = now() + 300;
        upload(engine, HttpMethod.POST, "up.test", path, "x-upload-expires", String.valueOf(expires),
                "x-upload-signature", hmac(KEY, "POST\n" + path + "\n" + expires)).body(200);
        TemplateOrigin.Seen seen = nodes.origin().seen(path);
        assertEquals("POST", seen.method());
        assertFalse(seen.headers().contains("x-upload-signature"), seen.headers()::toString);
        assertFalse(seen.headers().contains("x-upload-expires"), seen.headers()::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aUrlSignedBySignUrlShWorks(String engine) throws Exception {
        String path = "/" + engine + "/uploads/minted.txt";
        String signed = TemplateNodes.signUrl(KEY, "upload", "post", path, "60");
        upload(engine, HttpMethod.POST, "up.test", signed).body(200);
        assertEquals(path, nodes.origin().seen(path).target());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void anUnsignedUploadIsUnauthorized(String engine) {
        TestHttp.Reply reply = refused(401, engine, HttpMethod.PUT, "/" + engine + "/uploads/none.txt");
        assertTrue(reply.header("www-authenticate").startsWith("HMAC-SHA256"), reply::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aSignatureForAnotherMethodOrPathIsForbidden(String engine) {
        String path = "/" + engine + "/uploads/c.txt";
        long expires = now() + 300;
        refused(403, engine, HttpMethod.POST, path + "?" + signedQuery("PUT", path, expires));
        refused(403, engine, HttpMethod.PUT, path + "?" + signedQuery("PUT", "/" + engine + "/uploads/d.txt",
                expires));
        String bad = path + "?expires=" + expires + "&signature=" + hmac("wrong-key", "PUT\n" + path + "\n" + expires);
        assertTrue(refused(403, engine, HttpMethod.PUT, bad).body().contains("not valid"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void anExpiredOrMalformedSignatureIsForbidden(String engine) {
        String path = "/" + engine + "/uploads/e.txt";
        TestHttp.Reply expired = refused(403, engine, HttpMethod.PUT, path + "?" + signedQuery("PUT", path,
                now() - 5));
        assertTrue(expired.body().contains("expired"), expired::toString);
        refused(403, engine, HttpMethod.PUT, path + "?signature=" + hmac(KEY, "PUT\n" + path + "\n"));
        refused(403, engine, HttpMethod.PUT, path + "?expires=" + (now() + 300) + "&signature=not-hex");
        refused(403, engine, HttpMethod.PUT, path + "?" + signedQuery("PUT", path, now() + 7200)); // MAX_TTL 3600
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void otherMethodsPassOrAreDenied(String engine) {
        String path = "/" + engine + "/uploads/f.txt";
        assertEquals("origin ok", nodes.get(engine, "up.test", path).body(200));
        assertEquals("GET", nodes.origin().seen(path).method());
        String strict = "/" + engine + "/strict/f.txt";
        TestHttp.Reply denied = upload(engine, HttpMethod.POST, "strict.test", strict);
        assertEquals(405, denied.status(), denied::toString);
        assertEquals("PUT", denied.header("allow"));
        assertNull(nodes.origin().seen(strict));
        upload(engine, HttpMethod.PUT, "strict.test", strict + "?" + signedQuery("PUT", strict, now() + 60)).body(200);
        assertEquals("PUT", nodes.origin().seen(strict).method());
    }
}

package dev.wedge.templates;

import static dev.wedge.templates.TemplateNodes.hmac;
import static dev.wedge.templates.TemplateNodes.now;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
 * The download-auth template (apps/templates/download-auth) in a site in front of a real origin, on both engines:
 * a token (EXPIRES-HMAC of "PATH\nEXPIRES") in the query or a header lets the request through without the token;
 * a missing, bad, expired or too long-lived one answers 403 and the origin is never called. TOKEN_SECRET has three
 * slots: "old-key" until {@code rotated}, "new-key" since, and "next-key" staged from {@code staged}.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DownloadAuthTemplateTest {

    private static final long MAX_TTL = 3600;

    private final long started = now();
    private final long rotated = started - 100;
    private final long staged = started + 1800;
    private TemplateNodes nodes;

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        nodes = new TemplateNodes(vertx, """
                apps:
                  download-auth:
                    module: {templates}download-auth/download-auth.wasm
                    routes: []
                    env: {MAX_TTL: "%d"}
                    secrets:
                      TOKEN_SECRET:
                        - {effective-from: 0, value: old-key}
                        - {effective-from: %d, value: new-key}
                        - {effective-from: %d, value: next-key}
                  download-auth-named:
                    module: {templates}download-auth/download-auth.wasm
                    routes: []
                    env: {TOKEN_PARAM: sig, TOKEN_HEADER: X-Sig}
                    secrets: {TOKEN_SECRET: other-key}
                sites:
                  dl:
                    hosts: [dl.test]
                    origin: {origin}
                    phases: {request-headers: download-auth}
                  named:
                    hosts: [named.test]
                    origin: {origin}
                    phases: {request-headers: download-auth-named}
                """.formatted(MAX_TTL, rotated, staged));
    }

    @AfterAll
    void stop() {
        nodes.close();
    }

    private static String token(String key, String path, long expires) {
        return expires + "-" + hmac(key, path + "\n" + expires);
    }

    private TestHttp.Reply refused(String engine, String host, String uri, String... headers) {
        TestHttp.Reply reply = nodes.get(engine, host, uri, headers);
        assertEquals(403, reply.status(), reply::toString);
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        assertNull(nodes.origin().seen(path), "the origin was called for " + uri);
        return reply;
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aValidTokenInTheQueryLetsTheDownloadThroughWithoutTheToken(String engine) {
        String path = "/" + engine + "/files/report.zip";
        String uri = path + "?a=1&token=" + token("new-key", path, now() + 600) + "&b=2";
        assertEquals("origin ok", nodes.get(engine, "dl.test", uri).body(200));
        TemplateOrigin.Seen seen = nodes.origin().seen(path);
        assertEquals("GET", seen.method());
        assertEquals(path + "?a=1&b=2", seen.target());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aUrlSignedBySignUrlShWorks(String engine) throws Exception {
        String path = "/" + engine + "/files/minted.zip";
        String signed = TemplateNodes.signUrl("new-key", "download", "https://dl.test" + path + "?v=2", "600");
        assertTrue(signed.startsWith("https://dl.test" + path + "?v=2&token="), signed);
        nodes.get(engine, "dl.test", signed.substring("https://dl.test".length())).body(200);
        assertEquals(path + "?v=2", nodes.origin().seen(path).target());
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aValidTokenInAHeaderLetsTheDownloadThroughWithoutTheHeader(String engine) {
        String path = "/" + engine + "/files/header.zip";
        nodes.get(engine, "dl.test", path, "x-download-token", token("new-key", path, now() + 600)).body(200);
        TemplateOrigin.Seen seen = nodes.origin().seen(path);
        assertEquals(path, seen.target());
        assertFalse(seen.headers().contains("x-download-token"), seen.headers()::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aMissingOrMalformedTokenIsRefused(String engine) {
        String path = "/" + engine + "/files/none.zip";
        assertTrue(refused(engine, "dl.test", path).body().contains("needs a download token"));
        assertTrue(refused(engine, "dl.test", path + "?token=abc").body().contains("malformed"));
        assertTrue(refused(engine, "dl.test", path + "?token=" + (now() + 600) + "-zz").body().contains("not valid"));
        assertEquals("no-store", refused(engine, "dl.test", path + "?token=").header("cache-control"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aTokenForAnotherPathOrKeyIsRefused(String engine) {
        String path = "/" + engine + "/files/other.zip";
        long expires = now() + 600;
        refused(engine, "dl.test", path + "?token=" + token("new-key", "/" + engine + "/files/free.zip", expires));
        refused(engine, "dl.test", path + "?token=" + token("wrong-key", path, expires));
        String good = token("new-key", path, expires);
        refused(engine, "dl.test", path + "?token=" + (expires + 1) + good.substring(good.indexOf('-')));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void anExpiredOrTooLongLivedTokenIsRefused(String engine) {
        String path = "/" + engine + "/files/late.zip";
        TestHttp.Reply expired = refused(engine, "dl.test", path + "?token=" + token("new-key", path, now() - 10));
        assertTrue(expired.body().contains("expired"), expired::toString);
        refused(engine, "dl.test", path + "?token=" + token("new-key", path, now() + 2 * MAX_TTL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aTokenSignedBeforeTheRotationStillWorksUntilItsTimeIsUp(String engine) {
        String path = "/" + engine + "/files/rotated.zip";
        // signed with the old key within MAX_TTL before its expiry: it may have been issued before the rotation
        nodes.get(engine, "dl.test", path + "?token=" + token("old-key", path, now() + 600)).body(200);
        // an old-key token whose issue could only be after the rotation is a forgery with a retired key
        String late = "/" + engine + "/files/retired.zip";
        refused(engine, "dl.test", late + "?token=" + token("old-key", late, now() + MAX_TTL - 50));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aTokenSignedWithTheStagedKeyWorksWhenItExpiresUnderIt(String engine) {
        String path = "/" + engine + "/files/staged.zip";
        nodes.get(engine, "dl.test", path + "?token=" + token("next-key", path, staged + 200)).body(200);
        String early = "/" + engine + "/files/early.zip";
        refused(engine, "dl.test", early + "?token=" + token("next-key", early, staged - 200));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void theParameterAndHeaderNamesAreConfigurable(String engine) {
        String path = "/" + engine + "/named/a.zip";
        String token = token("other-key", path, now() + 600);
        refused(engine, "named.test", path + "?token=" + token);
        nodes.get(engine, "named.test", path + "?sig=" + token).body(200);
        assertEquals(path, nodes.origin().seen(path).target());
        String viaHeader = "/" + engine + "/named/b.zip";
        nodes.get(engine, "named.test", viaHeader, "x-sig", token("other-key", viaHeader, now() + 600)).body(200);
        assertFalse(nodes.origin().seen(viaHeader).headers().contains("x-sig"));
    }
}

package dev.wedge.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The harden-cookies template (apps/templates/harden-cookies) on the response headers of a real origin, on both
 * engines: each Set-Cookie (several in one answer, each kept apart) gains Secure, HttpOnly and SameSite; with
 * COOKIE_NAME only the named ones do.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HardenCookiesTemplateTest {

    private TemplateSites sites;

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        sites = new TemplateSites(vertx, """
                apps:
                  all: {module: apps/templates/harden-cookies/harden-cookies.wasm, routes: []}
                  named:
                    module: apps/templates/harden-cookies/harden-cookies.wasm
                    routes: []
                    env: {COOKIE_NAME: "sid, cart", SAME_SITE: lax}
                sites:
                  all: {hosts: [all.test], origin: "@origin", phases: {response-headers: all}}
                  named: {hosts: [named.test], origin: "@origin", phases: {response-headers: named}}
                """);
    }

    @AfterAll
    void stop() throws Exception {
        sites.close();
    }

    /** Every Set-Cookie the client got when the origin set {@code cookies}. */
    private List<String> cookies(String engine, String host, String... cookies) {
        String query = Stream.of(cookies).map(c -> "cookie=" + URLEncoder.encode(c, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return sites.headerValues(engine, host, "/c?" + query, "set-cookie");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void everyCookieIsHardened(String engine) {
        assertEquals(List.of("sid=1; Path=/; Secure; HttpOnly; SameSite=Strict",
                        "theme=dark; Secure; HttpOnly; SameSite=Strict",
                        "cart=2; Max-Age=60; secure; httponly; SameSite=Strict"),
                cookies(engine, "all.test", "sid=1; Path=/; SameSite=None", "theme=dark",
                        "cart=2; Max-Age=60; secure; httponly"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void onlyTheNamedCookiesAreHardened(String engine) {
        assertEquals(List.of("theme=dark", "sid=1; Path=/; Secure; HttpOnly; SameSite=Lax",
                        "cart=2; Secure; HttpOnly; SameSite=Lax"),
                cookies(engine, "named.test", "theme=dark", "sid=1; Path=/; SameSite=Strict", "cart=2"));
    }
}

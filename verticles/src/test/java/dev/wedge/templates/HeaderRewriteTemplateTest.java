package dev.wedge.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wedge.server.TestHttp;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The header-rewrite template (apps/templates/header-rewrite) in a site in front of a real origin, on both
 * engines and in both phase models: headers set, added and removed (gone, not emptied, in FastEdge's model too) on
 * the way to the origin and on the way back, an entry that is not a header skipped.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeaderRewriteTemplateTest {

    private TemplateNodes nodes;

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        String env = """
                    env:
                      REQUEST_SET: "x-a: 1; X-B: two words; not a header; bad name: x"
                      REQUEST_ADD: "x-multi: second"
                      REQUEST_REMOVE: "Cookie, x-debug"
                      RESPONSE_SET: "cache-control: max-age=60; x-frame-options: DENY"
                      RESPONSE_ADD: "x-edge: wedge"
                      RESPONSE_REMOVE: "x-powered-by, x-origin-secret"
                """;
        nodes = new TemplateNodes(vertx, """
                apps:
                  header-rewrite:
                    module: {templates}header-rewrite/header-rewrite.wasm
                    routes: []
                %1$s
                  header-rewrite-envoy:
                    module: {templates}header-rewrite/header-rewrite.wasm
                    routes: []
                    proxy-wasm-mode: envoy
                %1$s
                sites:
                  fastedge:
                    hosts: [fastedge.test]
                    origin: {origin}
                    phases: {request-headers: header-rewrite, response-headers: header-rewrite}
                  envoy:
                    hosts: [envoy.test]
                    origin: {origin}
                    phases: {request-headers: header-rewrite-envoy, response-headers: header-rewrite-envoy}
                """.formatted(env.stripTrailing()));
    }

    @AfterAll
    void stop() {
        nodes.close();
    }

    static Stream<Arguments> enginesAndModes() {
        return TemplateNodes.enginesAnd("fastedge.test", "envoy.test");
    }

    @ParameterizedTest
    @MethodSource("enginesAndModes")
    void requestHeadersAreSetAddedAndRemovedBeforeTheOrigin(String engine, String host) {
        String path = "/" + engine + "/" + host + "/request";
        nodes.get(engine, host, path, "cookie", "session=1", "x-debug", "on", "x-a", "old",
                "x-multi", "first", "x-kept", "yes").body(200);
        var headers = nodes.origin().seen(path).headers();
        assertEquals(List.of("1"), headers.getAll("x-a"));
        assertEquals("two words", headers.get("x-b"));
        assertEquals(List.of("first", "second"), headers.getAll("x-multi"));
        assertEquals("yes", headers.get("x-kept"));
        assertFalse(headers.contains("cookie"), headers::toString);
        assertFalse(headers.contains("x-debug"), headers::toString);
        assertFalse(headers.contains("bad name"), headers::toString);
    }

    @ParameterizedTest
    @MethodSource("enginesAndModes")
    void responseHeadersAreSetAddedAndRemovedBeforeTheClient(String engine, String host) {
        TestHttp.Reply reply = nodes.get(engine, host, "/" + engine + "/response");
        assertEquals("origin ok", reply.body(200));
        assertEquals("max-age=60", reply.header("cache-control"));
        assertEquals("DENY", reply.header("x-frame-options"));
        assertEquals("wedge", reply.header("x-edge"));
        assertEquals("text/plain", reply.header("content-type"));
        assertNull(reply.header("x-powered-by"));
        assertNull(reply.header("x-origin-secret"));
    }
}

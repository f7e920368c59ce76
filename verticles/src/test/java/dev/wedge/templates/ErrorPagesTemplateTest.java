package dev.wedge.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.server.TestHttp;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The error-pages template (apps/templates/error-pages) in a site in front of a real origin, on both engines (and
 * both phase models for the pages themselves): an
 * error status of the configured set answers the configured page with the same status, never the origin's body;
 * other statuses pass as the origin sent them.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorPagesTemplateTest {

    private TemplateNodes nodes;

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        nodes = new TemplateNodes(vertx, """
                apps:
                  error-pages:
                    module: {templates}error-pages/error-pages.wasm
                    routes: []
                    env: {ERROR_PAGE: "<h1>Oops {status}</h1>", ERROR_PAGE_404: "<h1>Not here ({status})</h1>"}
                  error-pages-envoy:
                    module: {templates}error-pages/error-pages.wasm
                    routes: []
                    proxy-wasm-mode: envoy
                    env: {ERROR_PAGE: "<h1>Oops {status}</h1>", ERROR_PAGE_404: "<h1>Not here ({status})</h1>"}
                  error-pages-5xx:
                    module: {templates}error-pages/error-pages.wasm
                    routes: []
                    env: {ERROR_STATUSES: "500-599"}
                sites:
                  fastedge:
                    hosts: [fastedge.test]
                    origin: {origin}
                    phases: {response-headers: error-pages}
                  envoy:
                    hosts: [envoy.test]
                    origin: {origin}
                    phases: {response-headers: error-pages-envoy}
                  server-errors:
                    hosts: [server-errors.test]
                    origin: {origin}
                    phases: {response-headers: error-pages-5xx}
                """);
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
    void aStatusWithItsOwnPageGetsIt(String engine, String host) {
        TestHttp.Reply reply = nodes.get(engine, host, "/" + engine + "/" + host + "/status/404");
        assertEquals("<h1>Not here (404)</h1>", reply.body(404));
        assertEquals("text/html; charset=utf-8", reply.header("content-type"));
        assertNull(reply.header("x-origin-secret"));
    }

    @ParameterizedTest
    @MethodSource("enginesAndModes")
    void otherErrorsGetTheDefaultPageKeepingWhatTheStatusNeeds(String engine, String host) {
        TestHttp.Reply reply = nodes.get(engine, host, "/" + engine + "/" + host + "/status/503");
        assertEquals("<h1>Oops 503</h1>", reply.body(503));
        assertEquals("30", reply.header("retry-after"));
        assertEquals("no-cache", reply.header("cache-control"));
        assertNull(reply.header("x-powered-by"));
        assertEquals("<h1>Oops 500</h1>", nodes.get(engine, host, "/" + engine + "/" + host + "/status/500/empty")
                .body(500));
    }

    @ParameterizedTest
    @MethodSource("enginesAndModes")
    void successesPassUnchanged(String engine, String host) {
        TestHttp.Reply reply = nodes.get(engine, host, "/" + engine + "/" + host + "/fine");
        assertEquals("origin ok", reply.body(200));
        assertEquals("origin", reply.header("x-powered-by"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void onlyTheConfiguredStatusesAreReplacedAndTheBuiltInPageServesWithoutOne(String engine) {
        TestHttp.Reply notFound = nodes.get(engine, "server-errors.test", "/" + engine + "/status/404");
        assertEquals("origin error page: stack trace and secrets", notFound.body(404));
        TestHttp.Reply badGateway = nodes.get(engine, "server-errors.test", "/" + engine + "/status/502");
        String page = badGateway.body(502);
        assertTrue(page.contains("<title>Error 502</title>"), page);
        assertTrue(!page.contains("stack trace"), page);
    }
}

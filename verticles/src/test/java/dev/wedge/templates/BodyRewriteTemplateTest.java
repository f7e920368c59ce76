package dev.wedge.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wedge.server.TestHttp;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
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
 * The body-rewrite template (apps/templates/body-rewrite) in a site in front of a real origin, on both engines
 * (and both phase models where bodies are rewritten):
 * text bodies of the configured types rewritten (with the node's Content-Length for the new length), other
 * types and compressed bodies untouched, Accept-Encoding kept from the origin.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BodyRewriteTemplateTest {

    private static final String REWRITTEN =
            "<a href=\"https://new.example/x\">Nouveau nom é</a> and https://new.example again";

    private TemplateNodes nodes;

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        nodes = new TemplateNodes(vertx, """
                apps:
                  body-rewrite:
                    module: {templates}body-rewrite/body-rewrite.wasm
                    routes: []
                    env: {REPLACE: "http://old.example=>https://new.example; Old Name=>Nouveau nom é"}
                  body-rewrite-envoy:
                    module: {templates}body-rewrite/body-rewrite.wasm
                    routes: []
                    proxy-wasm-mode: envoy
                    env: {REPLACE: "http://old.example=>https://new.example; Old Name=>Nouveau nom é"}
                  body-rewrite-json:
                    module: {templates}body-rewrite/body-rewrite.wasm
                    routes: []
                    env: {REPLACE: "http://old.example=>https://new.example", CONTENT_TYPES: application/json}
                sites:
                  fastedge:
                    hosts: [fastedge.test]
                    origin: {origin}
                    phases: {request-headers: body-rewrite, response-body: body-rewrite}
                  envoy:
                    hosts: [envoy.test]
                    origin: {origin}
                    phases: {request-headers: body-rewrite-envoy, response-body: body-rewrite-envoy}
                  json:
                    hosts: [json.test]
                    origin: {origin}
                    phases: {request-headers: body-rewrite-json, response-body: body-rewrite-json}
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
    void aTextBodyIsRewrittenAndFramedAnew(String engine, String host) {
        String path = "/" + engine + "/" + host + "/page.html";
        TestHttp.Reply reply = nodes.get(engine, host, path, "accept-encoding", "gzip, br");
        assertEquals(REWRITTEN, reply.body(200));
        assertEquals(String.valueOf(REWRITTEN.getBytes(StandardCharsets.UTF_8).length),
                reply.header("content-length"));
        assertEquals("text/html; charset=utf-8", reply.header("content-type"));
        var seen = nodes.origin().seen(path).headers();
        assertFalse(seen.contains("accept-encoding"), seen::toString);
    }

    @ParameterizedTest
    @MethodSource("enginesAndModes")
    void otherTypesAndCompressedBodiesPassUnchanged(String engine, String host) {
        assertEquals(TemplateOrigin.TEXT, nodes.get(engine, host, "/" + engine + "/data.bin").body(200));
        TestHttp.Reply packed = nodes.get(engine, host, "/" + engine + "/packed.html");
        assertEquals(TemplateOrigin.TEXT, packed.body(200));
        assertEquals("gzip", packed.header("content-encoding"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void theContentTypesAreConfigurable(String engine) {
        assertEquals("<a href=\"https://new.example/x\">Old Name</a> and https://new.example again",
                nodes.get(engine, "json.test", "/" + engine + "/data.json").body(200));
        assertEquals(TemplateOrigin.TEXT, nodes.get(engine, "json.test", "/" + engine + "/page.html").body(200));
    }
}

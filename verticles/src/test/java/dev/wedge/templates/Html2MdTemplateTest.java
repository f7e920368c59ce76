package dev.wedge.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * The html2md template (apps/templates/html2md) in front of a real origin, on both engines: a client whose Accept
 * names text/markdown gets an HTML page (the test resource templates/markdown/NAME.html, cmark's rendering of
 * NAME.md) as Markdown, asked of the origin without Accept-Encoding; a browser gets the HTML as it was; both
 * answers say Vary: Accept.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Html2MdTemplateTest {

    private TemplateSites sites;

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        sites = new TemplateSites(vertx, """
                apps:
                  html2md: {module: apps/templates/html2md/html2md.wasm, routes: []}
                sites:
                  md:
                    hosts: [md.test]
                    origin: "@origin"
                    phases: {request-headers: html2md, response-headers: html2md, response-body: html2md}
                """);
    }

    @AfterAll
    void stop() throws Exception {
        sites.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void anAgentAskingForMarkdownGetsMarkdown(String engine) {
        String path = "/html/basics?" + engine;
        TestHttp.Reply reply = sites.get(engine, "md.test", path, "accept", "text/markdown", "accept-encoding", "gzip");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("text/markdown; charset=utf-8", reply.header("content-type"));
        assertEquals("Accept", reply.header("vary"));
        String markdown = reply.body();
        assertTrue(markdown.startsWith("# Title with *emphasis*\n\nA paragraph with **strong**, *em*, *under*,"
                + " **strong under** and `code`. Second line of the same paragraph\\\nafter a hard break"), markdown);
        assertTrue(markdown.contains("\n\n---\n\n- one\n- two\n  - nested *a*\n  - nested b\n- three\n\n"
                + "1. first\n2. second\n\n3. start three\n4. four\n"), markdown);
        assertNull(sites.origin().receivedOnce(path).header("accept-encoding"), "asked for an uncompressed body");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aBrowserGetsTheHtml(String engine) {
        String path = "/html/links?browser-" + engine;
        TestHttp.Reply reply = sites.get(engine, "md.test", path, "accept", "text/html,*/*;q=0.8");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals("text/html; charset=utf-8", reply.header("content-type"));
        assertEquals("Accept", reply.header("vary"));
        assertEquals(RecordingOrigin.html("links"), reply.body());
    }
}

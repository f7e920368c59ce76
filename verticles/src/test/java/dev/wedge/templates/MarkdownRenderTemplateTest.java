package dev.wedge.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * The markdown-render template (apps/templates/markdown-render), an http app, on both engines: it fetches BASE +
 * path from a real loopback origin with outbound HTTP (the origin serves the test documents
 * templates/markdown/NAME.md under /md/) and answers the page md2html would make; the origin's 404 is a 404, an
 * origin it may not reach a 502, and it only answers GET and HEAD.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarkdownRenderTemplateTest {

    private static final String HEAD = "<link rel=\"stylesheet\" href=\"/style.css\">";
    private static final String HTML = "text/html; charset=utf-8";

    private TemplateSites sites;

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        sites = new TemplateSites(vertx, """
                apps:
                  render:
                    module: apps/templates/markdown-render/markdown-render.wasm
                    routes: [render.test/]
                    env: {BASE: "@origin-url/md/", INDEX: guide.md, HEAD: '%s'}
                    outbound: {allow-private: [127.0.0.1]}
                  render-titled:
                    module: apps/templates/markdown-render/markdown-render.wasm
                    routes: [titled.test/]
                    env: {BASE: "@origin-url/md", TITLE: "Docs & more"}
                    outbound: {allow-private: [127.0.0.1]}
                  render-denied:
                    module: apps/templates/markdown-render/markdown-render.wasm
                    routes: [denied.test/]
                    env: {BASE: "@origin-url/md"}
                """.formatted(HEAD));
    }

    @AfterAll
    void stop() throws Exception {
        sites.close();
    }

    private static String expected(String name) {
        return RecordingOrigin.html(name);
    }

    private static String page(String title, String head, String body) {
        return "<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + title + "</title>\n" + head + "</head>\n<body>\n" + body + "</body>\n</html>\n";
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aFetchedDocumentIsRenderedIntoAPage(String engine) {
        TestHttp.Reply reply = sites.get(engine, "render.test", "/basics.md?ignored=1");
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(HTML, reply.header("content-type"));
        assertEquals(page("Title with emphasis", HEAD + "\n", expected("basics")), reply.body(200));
        var fetched = sites.origin().received("/md/basics.md");
        assertTrue(!fetched.isEmpty() && fetched.stream().allMatch(r -> r.uri().equals("/md/basics.md")
                && r.method().equals("GET")), "a GET without the query (it stays at the edge): " + fetched);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void aFolderServesItsIndexAndTitleWins(String engine) {
        String index = sites.get(engine, "render.test", "/").body(200);
        assertEquals(page("Getting started", HEAD + "\n", expected("guide")), index, "INDEX for a path ending in /");
        String titled = sites.get(engine, "titled.test", "/links.md").body(200);
        assertEquals(page("Docs &amp; more", "", expected("links")), titled);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void failuresAreDefinedAnswers(String engine) {
        TestHttp.Reply missing = sites.get(engine, "render.test", "/no-such-document.md");
        assertEquals(404, missing.status(), missing::toString);
        assertTrue(missing.body().contains("There is no document at /no-such-document.md."), missing::toString);
        TestHttp.Reply denied = sites.get(engine, "denied.test", "/basics.md");
        assertEquals(502, denied.status(), "loopback is not allowed for this app: " + denied);
        TestHttp.Reply climbing = sites.get(engine, "render.test", "/a/%2e%2e/secret.md");
        assertEquals(400, climbing.status(), climbing::toString);
        TestHttp.Reply posted = sites.send(engine, HttpMethod.POST, "render.test", "/basics.md");
        assertEquals(405, posted.status(), posted::toString);
        assertEquals("GET, HEAD", posted.header("allow"));
    }
}

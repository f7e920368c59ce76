package dev.wedge.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.server.TestHttp;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The md2html template (apps/templates/md2html) on the response body of a real origin, on both engines: Markdown
 * documents (test resources templates/markdown/NAME.md) become HTML pages whose body is NAME.html, which is what
 * cmark 0.30 (CommonMark's reference renderer) gives for the same document, but for raw HTML, shown as text
 * here, and entities, kept as written; anything that is not Markdown passes untouched.
 */
@ExtendWith(VertxExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Md2HtmlTemplateTest {

    private static final String HEAD = "<link rel=\"stylesheet\" href=\"/style.css\">";
    private static final String HTML = "text/html; charset=utf-8";

    private TemplateSites sites;

    @BeforeAll
    void start(Vertx vertx) throws Exception {
        sites = new TemplateSites(vertx, """
                apps:
                  md: {module: apps/templates/md2html/md2html.wasm, routes: [], env: {HEAD: '%s'}}
                  md-titled: {module: apps/templates/md2html/md2html.wasm, routes: [], env: {TITLE: "Docs & more"}}
                sites:
                  md: {hosts: [md.test], origin: "@origin", phases: {response-body: md}}
                  titled: {hosts: [titled.test], origin: "@origin", phases: {response-body: md-titled}}
                """.formatted(HEAD));
    }

    @AfterAll
    void stop() throws Exception {
        sites.close();
    }

    private static String page(String title, String head, String body) {
        return "<!doctype html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + title + "</title>\n" + head + "</head>\n<body>\n" + body + "</body>\n</html>\n";
    }

    private static String expected(String name) throws IOException {
        try (InputStream in = Md2HtmlTemplateTest.class.getResourceAsStream("/templates/markdown/" + name + ".html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private TestHttp.Reply rendered(String engine, String host, String path) {
        TestHttp.Reply reply = sites.get(engine, host, path);
        assertEquals(HTML, reply.header("content-type"), () -> path + ": " + reply);
        return reply;
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void markdownDocumentsBecomePages(String engine) throws IOException {
        String[][] documents = {{"basics", "Title with emphasis"}, {"guide", "Getting started"},
                {"headings-and-lists", "Heading with trailing hashes"}, {"code", "code"}, {"links", "links"},
                {"quotes-and-lists", "quotes-and-lists"}, {"emphasis", "emphasis"}, {"nesting", "nesting"},
                {"edge-cases", "edge-cases"}, {"tabs", "tabs"}}; // without a heading: titled by the file name
        for (String[] document : documents) {
            String name = document[0];
            String body = rendered(engine, "md.test", "/md/" + name + "?type=text/markdown").body(200);
            assertEquals(page(document[1], HEAD + "\n", expected(name)), body, name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void rawHtmlAndScriptLinksAreDisarmed(String engine) {
        String body = rendered(engine, "md.test", "/md/links.md").body(200);
        assertTrue(body.contains("&lt;b&gt;raw&lt;/b&gt;"), body);
        assertTrue(body.contains("<a href=\"\">bad</a>"), "a javascript: link leads nowhere: " + body);
        String guide = rendered(engine, "md.test", "/md/guide.md").body(200);
        assertTrue(guide.contains("ünïcødé text ✓, &quot;quotes&quot; &amp; &lt;angle brackets&gt;"), guide);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void anMdPathServedAsTextOrUntypedIsMarkdown(String engine) throws IOException {
        String text = rendered(engine, "md.test", "/md/basics.md?type=text/plain;%20charset=utf-8").body(200);
        assertEquals(page("Title with emphasis", HEAD + "\n", expected("basics")), text);
        String untyped = rendered(engine, "md.test", "/md/basics.md").body(200);
        assertEquals(text, untyped);
        TestHttp.Reply missing = rendered(engine, "md.test", "/md/code?type=text/markdown&status=404");
        assertEquals(page("code", HEAD + "\n", expected("code")), missing.body(404), "the status is kept");
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void theTitleParameterWinsAndIsEscaped(String engine) throws IOException {
        String body = rendered(engine, "titled.test", "/md/basics?type=text/x-markdown").body(200);
        assertEquals(page("Docs &amp; more", "", expected("basics")), body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chicory", "wasmtime"})
    void otherResponsesPassUntouched(String engine) {
        for (String path : new String[] {"/pages/" + engine + "/page.html?type=text/html",
                "/md/basics.md?type=text/html", "/data.json?type=application/json", "/plain?type=text/plain"}) {
            TestHttp.Reply reply = sites.get(engine, "md.test", path);
            String body = reply.body(200);
            assertEquals(path.substring(path.indexOf("type=") + 5), reply.header("content-type"), path);
            assertEquals(path.startsWith("/md/basics.md") ? RecordingOrigin.markdown("basics") : "origin: GET " + path,
                    body, path);
        }
    }
}

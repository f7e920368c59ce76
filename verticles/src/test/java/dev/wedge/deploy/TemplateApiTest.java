package dev.wedge.deploy;

import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.AdminConfig;
import dev.wedge.config.DeployConfig;
import dev.wedge.config.NodeConfig;
import dev.wedge.host.limits.Limits;
import dev.wedge.node.Node;
import dev.wedge.observe.NodeMetrics;
import dev.wedge.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The template endpoints, {@code wedge templates}, POST /try and the console's static files, on one node. */
@ExtendWith(VertxExtension.class)
class TemplateApiTest {

    private static final String TOKEN = "template-test-token";

    private final Http http = new Http(TOKEN);
    private Node node;

    @BeforeEach
    void start(Vertx vertx) throws IOException {
        NodeConfig config = TestNodes.node("chicory", List.of(
                        TestNodes.spec("fixed", TestNodes.app("hello"), Limits.DEFAULT, "/fixed")))
                .withAdmin(new AdminConfig("127.0.0.1", 0, TOKEN))
                .withDeploy(DeployConfig.defaults(Files.createTempDirectory("wedge-templates"))
                        .withAckTimeout(Duration.ofSeconds(30)));
        node = await(Node.start(vertx, config, (app, stream, level, text) -> { }, new NodeMetrics()));
    }

    @AfterEach
    void stop() {
        if (node != null) {
            await(node.close());
        }
    }

    @Test
    void templatesAreListedAndShownWithTheToken() {
        assertEquals(401, new Http(null).admin("GET", node.adminPort(), "/templates").status());
        JsonArray list = http.admin("GET", node.adminPort(), "/templates").array(200);
        JsonObject hello = list.stream().map(JsonObject.class::cast)
                .filter(t -> t.getString("name").equals("hello-page")).findFirst().orElseThrow();
        assertEquals("http", hello.getString("kind"));
        assertEquals("GREETING", hello.getJsonArray("parameters").getJsonObject(0).getString("name"));
        assertFalse(hello.containsKey("readme"), "the gallery does not carry every README");
        JsonObject shown = http.admin("GET", node.adminPort(), "/templates/hello-page").json(200);
        assertTrue(shown.getString("readme").contains("GREETING"), shown.encode());
        assertEquals("no-such-template", http.admin("GET", node.adminPort(), "/templates/nope").json(404)
                .getString("error"));
    }

    @Test
    void aTemplateDeployServesTheTemplateWithItsParameters() {
        JsonObject answer = deployTemplate(new JsonObject().put("app", "greeter").put("route", "/greet")
                .put("params", new JsonObject().put("GREETING", "Hi <there>"))).json(201);
        assertEquals(1, answer.getJsonObject("app").getInteger("version"));
        Http.Reply served = http.get(node.port(), "/greet/x");
        assertEquals(200, served.status(), served.body());
        assertTrue(served.body().contains("<h1>Hi &lt;there&gt;</h1>"), served.body());
        JsonObject config = http.admin("GET", node.adminPort(), "/apps/greeter").json(200).getJsonObject("config");
        assertEquals("Hi <there>", config.getJsonObject("env").getString("GREETING"));
        assertEquals(List.of("/greet"), config.getJsonArray("routes").getList());
    }

    /** A cdn template in front of an origin on the operator's own network: refused unless the deploy allows it. */
    @Test
    void aCdnTemplateReachesAPrivateOriginOnlyWhenAllowed(Vertx vertx) {
        HttpServer origin = await(vertx.createHttpServer().requestHandler(request -> request.response()
                .end("origin saw " + request.path())).listen(0, "127.0.0.1"));
        String url = "http://127.0.0.1:" + origin.actualPort();
        JsonObject open = new JsonObject().put("app", "rewrite").put("route", "/rw").put("origin", url)
                .put("params", new JsonObject().put("RESPONSE_SET", "x-edge: 1"));
        assertEquals(201, deployCdn(open).status());
        Http.Reply refused = http.get(node.port(), "/rw/page");
        assertEquals(502, refused.status(), refused.body());
        assertEquals(201, deployCdn(open.copy().put("allow-private", new JsonArray().add("127.0.0.1"))).status());
        Http.Reply served = http.get(node.port(), "/rw/page");
        assertEquals(200, served.status(), served.body());
        assertEquals("origin saw /rw/page", served.body());
        assertRefused(deployCdn(open.copy().put("allow-private", "127.0.0.1")), 400, "bad-template-deploy");
        await(origin.close());
    }

    private Http.Reply deployCdn(JsonObject body) {
        return http.admin("POST", node.adminPort(), "/templates/header-rewrite/deploy", "application/json",
                body.encode().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void badTemplateDeploysAreRefusedAndNothingIsDeployed() {
        assertRefused(deployTemplate(new JsonObject().put("app", "g").put("params",
                new JsonObject().put("GREETNIG", "x"))), 400, "invalid-params");
        assertRefused(deployTemplate(new JsonObject().put("params", new JsonObject())), 400, "bad-template-deploy");
        assertRefused(deployTemplate(new JsonObject().put("app", "g").put("origin", "http://127.0.0.1:1")), 400,
                "bad-template-deploy");
        assertRefused(deployTemplate(new JsonObject().put("app", "g").put("route", "/fixed")), 409, "route-taken");
        assertRefused(http.admin("POST", node.adminPort(), "/templates/hello-page/deploy", "application/json",
                "{not json".getBytes()), 400, "bad-json");
        assertRefused(http.admin("POST", node.adminPort(), "/templates/nope/deploy", "application/json",
                "{}".getBytes()), 404, "no-such-template");
        assertRefused(http.admin("POST", node.adminPort(), "/templates/hello-page/deploy", "application/json",
                new byte[100 * 1024]), 413, "body-too-large");
        assertEquals(0, http.admin("GET", node.adminPort(), "/apps").array(200).size());
        assertEquals(200, http.get(node.port(), "/fixed").status(), "the node keeps serving");
    }

    @Test
    void theCliListsShowsAndDeploysTemplates() {
        String admin = "http://127.0.0.1:" + node.adminPort();
        Run list = cli("templates", "list", "--admin", admin, "--token", TOKEN);
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().matches("(?s)NAME\\s+KIND\\s+SUMMARY\n.*hello-page\\s+http\\s+Answers.*"), list.out());
        Run show = cli("templates", "show", "hello-page", "--admin", admin, "--token", TOKEN);
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().contains("  GREETING (string, required, default Hello) The words"), show.out());
        Run deploy = cli("templates", "deploy", "hello-page", "--app", "cli-hello", "--param", "GREETING=From the CLI",
                "--route", "/cli-hello", "--admin", admin, "--token", TOKEN);
        assertEquals(0, deploy.exit(), deploy.err());
        assertTrue(deploy.out().startsWith("deployed template hello-page as cli-hello version 1"), deploy.out());
        assertTrue(http.get(node.port(), "/cli-hello").body().contains("<h1>From the CLI</h1>"));
        Run refused = cli("templates", "deploy", "hello-page", "--param", "NOPE=1", "--admin", admin, "--token", TOKEN);
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("invalid-params: NOPE: hello-page has no such parameter"), refused.err());
    }

    @Test
    void tryItSendsARequestToThisNodesApps() {
        JsonObject port = http.admin("GET", node.adminPort(), "/try").json(200);
        assertEquals(node.port(), port.getInteger("app-port"));
        JsonObject answer = http.admin("POST", node.adminPort(), "/try", "application/json",
                new JsonObject().put("method", "GET").put("path", "/fixed").put("headers", new JsonObject()
                        .put("x-test", "1")).encode().getBytes()).json(200);
        assertEquals(200, answer.getInteger("status"));
        assertTrue(answer.getString("body").startsWith("Hello"), answer.encode());
        assertRefused(http.admin("POST", node.adminPort(), "/try", "application/json",
                "{\"path\": \"http://elsewhere/\"}".getBytes()), 400, "bad-try");
        assertRefused(http.admin("POST", node.adminPort(), "/try", "application/json",
                "{\"method\": \"GET / HTTP/1.1\"}".getBytes()), 400, "bad-try");
        assertEquals(401, new Http(null).admin("POST", node.adminPort(), "/try", "application/json",
                "{}".getBytes()).status());
    }

    @Test
    void theConsoleIsServedWithoutTheTokenUnderItsPolicy() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.adminPort() + "/console/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        String policy = page.headers().firstValue("content-security-policy").orElse("");
        assertTrue(policy.contains("script-src 'self'") && !policy.contains("unsafe"), policy);
        assertTrue(page.body().contains("<script type=\"module\" src=\"js/main.js\"></script>"), page.body());
        assertFalse(page.body().matches("(?s).*<script>.*") || page.body().contains(" style="), "nothing inline");
        HttpResponse<String> script = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.adminPort() + "/console/js/main.js")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("content-type").orElse("").contains("javascript"));
        HttpResponse<String> bare = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.adminPort() + "/console")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.adminPort()
                + "/console/nope.js")).build(), HttpResponse.BodyHandlers.ofString()).statusCode(),
                "a missing file, not a token check");
        assertEquals(302, bare.statusCode());
        assertEquals("/console/", bare.headers().firstValue("location").orElse(""));
    }

    private Http.Reply deployTemplate(JsonObject body) {
        return http.admin("POST", node.adminPort(), "/templates/hello-page/deploy", "application/json",
                body.encode().getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(Http.Reply reply, int status, String code) {
        assertEquals(code, reply.json(status).getString("error"), reply.body());
    }

    private record Run(int exit, String out, String err) {}

    /** The CLI in-process; its commands print to System.out, so that is captured around the run. */
    private static Run cli(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            var commandLine = dev.wedge.cli.WedgeCli.commandLine();
            commandLine.setOut(new java.io.PrintWriter(System.out, true));
            commandLine.setErr(new java.io.PrintWriter(System.err, true));
            return new Run(commandLine.execute(args), out.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}

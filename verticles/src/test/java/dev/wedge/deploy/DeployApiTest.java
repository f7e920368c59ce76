package dev.wedge.deploy;

import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.AdminConfig;
import dev.wedge.config.DeployConfig;
import dev.wedge.config.NodeConfig;
import dev.wedge.host.limits.Limits;
import dev.wedge.host.secrets.Secrets;
import dev.wedge.node.Node;
import dev.wedge.observe.NodeMetrics;
import dev.wedge.server.TestHttp;
import dev.wedge.server.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin API's deploys on one node: validation, versions, rollback, enable/disable, delete, persistence. */
@ExtendWith(VertxExtension.class)
class DeployApiTest {

    private static final String TOKEN = "deploy-test-token";
    /** How long a deploy waits for the node to confirm it: a deadline none of these tests is about. */
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final Http http = new Http(TOKEN);
    private Vertx vertx;
    private Path dataDir;
    private Node node;

    @BeforeEach
    void start(Vertx vertx) throws IOException {
        this.vertx = vertx;
        dataDir = Files.createTempDirectory("wedge-deploy");
        node = startNode();
    }

    @AfterEach
    void stop() {
        if (node != null) {
            await(node.close());
        }
    }

    private Node startNode() {
        NodeConfig config = TestNodes.node("chicory", List.of(
                        TestNodes.spec("fixed", TestNodes.app("hello"), Limits.DEFAULT, "/fixed")))
                .withAdmin(new AdminConfig("127.0.0.1", 0, TOKEN));
        // the module-url test downloads from a server on loopback, which a node refuses unless told otherwise
        config = config.withDeploy(DeployConfig.defaults(dataDir).withAckTimeout(ACK_TIMEOUT)
                .withSecrets(Secrets.plain(Map.of("bar-secret", "hunter2")))
                .withDownloads(DeployConfig.DEFAULT_DOWNLOAD_TIMEOUT, List.of(TestNodes.cidr("127.0.0.1/32"))));
        return await(Node.start(vertx, config, (app, stream, level, text) -> { }, new NodeMetrics()));
    }

    private int admin() {
        return node.adminPort();
    }

    private static byte[] wasm(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyDeployEndpointWantsTheToken() {
        var anonymous = new Http(null);
        assertEquals(401, anonymous.deployWasm(admin(), "hello", wasm(TestNodes.app("hello"))).status());
        assertEquals(401, anonymous.admin("GET", admin(), "/apps").status());
        assertEquals(401, anonymous.admin("POST", admin(), "/modules", "application/wasm", new byte[] {0}).status());
        assertEquals(401, anonymous.admin("DELETE", admin(), "/apps/fixed").status());
        assertEquals(404, anonymous.get(node.port(), "/hello").status(), "nothing was deployed");
        Http.Reply spec = anonymous.admin("GET", admin(), "/openapi.yaml");
        assertEquals(200, spec.status());
        assertTrue(spec.body().contains("/apps/{app}/rollback"), spec.body());
    }

    @Test
    void aDeployedAppIsServedAndListedWithItsVersion() {
        JsonObject result = http.deployWasm(admin(), "hello", wasm(TestNodes.app("hello"))).json(201);
        assertTrue(result.getBoolean("complete"));
        assertEquals(1, result.getJsonObject("app").getInteger("version"));
        assertEquals("active", result.getJsonArray("nodes").getJsonObject(0).getString("state"));
        Http.Reply served = http.get(node.port(), "/hello");
        assertEquals(200, served.status());
        assertTrue(served.body().startsWith("Hello"), served.body());

        JsonArray apps = http.admin("GET", admin(), "/apps").array(200);
        assertEquals(1, apps.size(), "only deployed apps are listed: " + apps);
        JsonObject config = apps.getJsonObject(0).getJsonObject("config");
        assertEquals(List.of("/hello"), config.getJsonArray("routes").getList());
        assertEquals("chicory", config.getString("engine"), "pinned to the engine that validated it");
    }

    @Test
    void invalidModulesAreRefusedWithTheReason() {
        assertRefused(http.deployWasm(admin(), "bad", "not wasm at all".getBytes()), 400, "invalid-wasm");
        assertRefused(http.deployWasm(admin(), "bad", wasm(TestNodes.guest("no_handler"))), 400, "missing-handler");
        assertRefused(http.deployWasm(admin(), "bad", wasm(TestNodes.guest("abi_v9"))), 400, "unknown-abi");
        assertRefused(http.deployWasm(admin(), "bad", wasm(TestNodes.guest("unknown_import"))), 400, "bad-import");
        assertRefused(http.admin("POST", admin(), "/modules", "application/wasm", "\0asm junk".getBytes()), 400,
                "invalid-wasm");
        assertRefused(http.deployWasm(admin(), "-bad-name", wasm(TestNodes.app("hello"))), 400, "bad-name");
        assertRefused(http.deployJson(admin(), "bad", new JsonObject().put("module", "sha256:" + "0".repeat(64))),
                404, "no-such-module");
        assertRefused(http.deployJson(admin(), "bad", new JsonObject()), 400, "no-module");
        assertRefused(http.admin("PUT", admin(), "/apps/bad", "application/json", "{not json".getBytes()), 400,
                "bad-json");
        assertRefused(http.deployJson(admin(), "bad", new JsonObject().put("module", 42)), 400, "bad-json");
        assertEquals(404, http.admin("GET", admin(), "/apps/bad").status(), "nothing refused was kept");
        assertEquals(200, http.get(node.port(), "/fixed").status(), "the node keeps serving");
    }

    @Test
    void configsAreCheckedAndSecretsStayOnTheNode() {
        byte[] probe = wasm(TestNodes.guest("probe"));
        JsonObject sha = http.admin("POST", admin(), "/modules", "application/wasm", probe).json(201);
        String module = "sha256:" + sha.getString("sha256");
        assertEquals("http", sha.getString("kind"));
        assertRefused(http.deployJson(admin(), "probe", new JsonObject().put("module", module)
                .put("config", new JsonObject().put("routes", new JsonArray().add("/info"))
                        .put("secrets", new JsonObject().put("BAR", "nope")))), 400, "invalid-config");
        assertRefused(http.deployJson(admin(), "probe", new JsonObject().put("module", module)
                .put("config", new JsonObject().put("routes", new JsonArray().add("/fixed")))), 409, "route-taken");
        assertRefused(http.deployWasm(admin(), "fixed", probe), 409, "app-in-config");
        assertRefused(http.deployJson(admin(), "probe", new JsonObject().put("module", module)
                .put("config", new JsonObject().put("routes", new JsonArray().add("/info")).put("triggers",
                        new JsonArray()))), 400, "invalid-config");

        Http.Reply deployed = http.deployJson(admin(), "probe", new JsonObject().put("module", module)
                .put("config", new JsonObject().put("routes", new JsonArray().add("/info"))
                        .put("env", new JsonObject().put("FOO", "foo-value"))
                        .put("secrets", new JsonObject().put("BAR", "bar-secret"))));
        assertEquals(201, deployed.status(), deployed.body());
        String info = http.get(node.port(), "/info").body();
        assertTrue(info.contains("env.FOO=foo-value") && info.contains("secret.BAR=hunter2"), info);
        for (String path : List.of("/apps/probe", "/apps/probe/versions", "/apps")) {
            String shown = http.admin("GET", admin(), path).body();
            assertFalse(shown.contains("hunter2"), path + " shows a secret value: " + shown);
            assertTrue(shown.contains("bar-secret"), path + " shows the reference: " + shown);
        }
    }

    @Test
    void rollbackDisableEnableAndDelete() {
        assertEquals(201, http.deployWasm(admin(), "site", wasm(TestNodes.app("hello"))).status());
        JsonObject v2 = http.deployJson(admin(), "site", new JsonObject()
                .put("module", "sha256:" + http.admin("POST", admin(), "/modules", "application/wasm",
                        wasm(TestNodes.app("env"))).json(201).getString("sha256"))
                .put("config", new JsonObject().put("routes", new JsonArray().add("/site"))
                        .put("env", new JsonObject().put("GREETING", "second")))).json(201);
        assertEquals(2, v2.getJsonObject("app").getInteger("version"));
        assertEquals("second\n", http.get(node.port(), "/site").body());

        JsonArray versions = http.admin("GET", admin(), "/apps/site/versions").array(200);
        assertEquals(2, versions.size());
        assertTrue(versions.getJsonObject(1).getBoolean("active"));

        Http.Reply back = http.admin("POST", admin(), "/apps/site/rollback");
        assertEquals(1, back.json(200).getJsonObject("app").getInteger("version"));
        assertTrue(http.get(node.port(), "/site").body().startsWith("Hello"), "version 1 is back");
        assertRefused(http.admin("POST", admin(), "/apps/site/rollback", "application/json",
                "{\"version\": 7}".getBytes()), 404, "no-such-version");
        assertEquals(200, http.admin("POST", admin(), "/apps/site/rollback", "application/json",
                "{\"version\": 2}".getBytes()).status());
        assertEquals("second\n", http.get(node.port(), "/site").body());

        assertEquals(200, http.admin("POST", admin(), "/apps/site/disable").status());
        Http.Reply disabled = http.get(node.port(), "/site");
        assertEquals(503, disabled.status());
        assertEquals("app-disabled", disabled.error());
        assertEquals(200, http.admin("POST", admin(), "/apps/site/enable").status());
        assertEquals(200, http.get(node.port(), "/site").status());

        assertEquals(200, http.admin("DELETE", admin(), "/apps/site").status());
        assertEquals(404, http.get(node.port(), "/site").status());
        assertRefused(http.admin("GET", admin(), "/apps/site"), 404, "no-such-app");
        assertRefused(http.admin("DELETE", admin(), "/apps/site"), 404, "no-such-app");
        Http.Reply again = http.deployWasm(admin(), "site", wasm(TestNodes.app("hello")));
        assertEquals(3, again.json(201).getJsonObject("app").getInteger("version"), "numbers are never reused");
    }

    @Test
    void aDeletedAppLeavesNoMetricsOrLogLinesBehind() {
        assertEquals(201, http.deployWasm(admin(), "brief", wasm(TestNodes.app("hello"))).status());
        assertEquals(200, http.get(node.port(), "/brief").status());
        assertEquals(200, http.get(node.port(), "/fixed").status());
        String before = http.admin("GET", admin(), "/metrics").body();
        assertTrue(before.contains("wedge_requests_total{app=\"brief\""), before);
        assertTrue(before.contains("wedge_compiled_modules"), before);

        assertEquals(200, http.admin("DELETE", admin(), "/apps/brief").status());
        String after = http.admin("GET", admin(), "/metrics").body();
        assertFalse(after.contains("app=\"brief\""), "the deleted app's series are gone: " + after);
        assertEquals("", http.admin("GET", admin(), "/apps/brief/logs").body(), "and its log lines");
        assertTrue(after.contains("wedge_requests_total{app=\"fixed\""), "other apps keep theirs");
    }

    @Test
    void aModuleCanComeFromAUrlWithinTheSizeCap() {
        byte[] hello = wasm(TestNodes.app("hello"));
        HttpServer files = await(vertx.createHttpServer().requestHandler(request -> {
            switch (request.path()) {
                case "/hello.wasm" -> request.response().end(Buffer.buffer(hello));
                case "/huge.wasm" -> request.response().setChunked(true)
                        .end(Buffer.buffer(new byte[(int) DeployConfig.DEFAULT_MAX_MODULE_BYTES + 1]));
                default -> request.response().setStatusCode(404).end();
            }
        }).listen(0, "127.0.0.1"));
        String base = "http://127.0.0.1:" + files.actualPort();
        try {
            Http.Reply deployed = http.deployJson(admin(), "fetched", new JsonObject()
                    .put("module-url", base + "/hello.wasm"));
            assertEquals(201, deployed.status(), deployed.body());
            assertEquals(200, http.get(node.port(), "/fetched").status());
            assertRefused(http.deployJson(admin(), "fetched", new JsonObject().put("module-url", base + "/none")),
                    502, "download-failed");
            assertRefused(http.deployJson(admin(), "fetched", new JsonObject().put("module-url", base + "/huge.wasm")),
                    413, "module-too-large");
            assertRefused(http.deployJson(admin(), "fetched", new JsonObject().put("module-url", "file:///etc/passwd")),
                    400, "bad-module-url");
            assertEquals(1, http.admin("GET", admin(), "/apps/fetched").json(200).getInteger("version"));
        } finally {
            await(files.close());
        }
    }

    @Test
    void requestsInFlightFinishOnTheVersionTheyStartedOn() {
        assertEquals(201, http.deployWasm(admin(), "echo", wasm(TestNodes.app("echo"))).status());
        var client = vertx.createHttpClient();
        // The request enters version 1 when its headers arrive; its body comes only after version 2 is active.
        // The node sends 100 Continue once the request is in: waited for, it is in before the deploy starts.
        var request = await(client.request(new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                .setPort(node.port()).setURI("/echo").putHeader("expect", "100-continue")));
        request.setChunked(true);
        Promise<Void> entered = Promise.promise();
        request.continueHandler(v -> entered.tryComplete());
        Future<TestHttp.Reply> response = request.response().compose(TestHttp::read);
        await(request.sendHead());
        await(entered.future());
        await(request.write("first half "));
        JsonObject v2 = http.deployJson(admin(), "echo", new JsonObject().put("module", "sha256:" + http.admin("POST",
                admin(), "/modules", "application/wasm", wasm(TestNodes.app("hello"))).json(201).getString("sha256"))
                .put("config", new JsonObject().put("routes", new JsonArray().add("/echo")))).json(201);
        assertTrue(v2.getBoolean("complete"), v2.encode());
        assertTrue(http.get(node.port(), "/echo").body().startsWith("Hello"), "new requests get version 2");
        await(request.end("second half"));
        String inFlight = await(response).body(200);
        assertTrue(inFlight.contains("first half second half"), "the request in flight finished on version 1: "
                + inFlight);
        await(client.close());
    }

    @Test
    void deployedAppsSurviveARestart() {
        assertEquals(201, http.deployWasm(admin(), "kept", wasm(TestNodes.app("hello"))).status());
        assertEquals(200, http.admin("POST", admin(), "/apps/kept/disable").status());
        await(node.close());
        node = startNode();
        assertEquals(503, http.get(node.port(), "/kept").status(), "came back, still disabled");
        assertEquals(200, http.admin("POST", admin(), "/apps/kept/enable").status());
        assertEquals(200, http.get(node.port(), "/kept").status());
        assertEquals(1, http.admin("GET", admin(), "/apps/kept").json(200).getInteger("version"));
    }

    @Test
    void anAppMayChooseTheOtherEngine() {
        Http.Reply deployed = http.deployJson(admin(), "wt", new JsonObject().put("module", "sha256:" + http.admin(
                "POST", admin(), "/modules", "application/wasm", wasm(TestNodes.app("hello"))).json(201)
                .getString("sha256")).put("config", new JsonObject().put("routes", new JsonArray().add("/wt"))
                .put("engine", "wasmtime")));
        assertEquals(201, deployed.status(), deployed.body());
        assertTrue(http.get(node.port(), "/wt").body().startsWith("Hello"));
    }

    @Test
    void theCliDrivesTheSameApi() {
        String adminUrl = "http://127.0.0.1:" + admin();
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        var cli = dev.wedge.cli.WedgeCli.commandLine();
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        int deployed = cli.execute("deploy", "cli-app", TestNodes.app("env").toString(), "--route", "/cli",
                "--env", "GREETING=from the cli", "--admin", adminUrl, "--token", TOKEN);
        assertEquals(0, deployed, out + "\n" + err);
        assertEquals("from the cli\n", http.get(node.port(), "/cli").body());
        assertEquals(0, cli.execute("apps", "disable", "cli-app", "--admin", adminUrl, "--token", TOKEN),
                err.toString());
        assertEquals(503, http.get(node.port(), "/cli").status());
        assertEquals(0, cli.execute("apps", "enable", "cli-app", "--admin", adminUrl, "--token", TOKEN));
        assertEquals(0, cli.execute("apps", "list", "--admin", adminUrl, "--token", TOKEN), err.toString());
        assertEquals(1, cli.execute("apps", "rollback", "cli-app", "--admin", adminUrl, "--token", TOKEN),
                "there is no version before the first");
        assertTrue(err.toString().contains("no-such-version"), err.toString());
        assertEquals(1, cli.execute("deploy", "cli-app", TestNodes.app("env").toString(), "--admin", adminUrl,
                "--token", "wrong"), "a wrong token is refused");
    }

    private static void assertRefused(Http.Reply reply, int status, String code) {
        JsonObject refusal = reply.json(status);
        assertEquals(code, refusal.getString("error"), reply.body());
        assertNull(refusal.getString("stack"));
    }
}

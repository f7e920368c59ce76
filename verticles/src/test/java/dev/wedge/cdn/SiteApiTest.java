package dev.wedge.cdn;

import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.AdminConfig;
import dev.wedge.config.ConfigLoader;
import dev.wedge.config.DeployConfig;
import dev.wedge.config.NodeConfig;
import dev.wedge.node.Node;
import dev.wedge.observe.NodeMetrics;
import dev.wedge.server.TestHttp;
import dev.wedge.server.TestNodes;
import dev.wedge.settings.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sites through the admin API on one node: put, served without a restart, listed, deleted; refused with a reason
 * (an app not deployed or not a CDN app, bad settings, a config file's site, a route taken); answered
 * {@code site-unavailable} once its app is deleted; kept across a restart; and a site's own connection pool.
 */
@ExtendWith(VertxExtension.class)
class SiteApiTest {

    private static final String TOKEN = "site-test-token";
    private static final String GUESTS = "verticles/src/test/resources/guests/";

    private Vertx vertx;
    private Path dataDir;
    private CdnOrigin origin;
    private HttpClient client;
    private Node node;

    @BeforeEach
    void start(Vertx vertx) throws Exception {
        this.vertx = vertx;
        dataDir = Files.createTempDirectory("wedge-sites");
        origin = new CdnOrigin(vertx);
        client = vertx.createHttpClient();
        node = startNode();
        deployStamp();
    }

    private void deployStamp() throws Exception {
        admin(HttpMethod.PUT, "/apps/stamp", "application/wasm",
                Buffer.buffer(Files.readAllBytes(TestNodes.REPO.resolve(GUESTS + "cdn_headers.wasm")))).json(201);
    }

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            await(node.close());
        }
        origin.close();
    }

    private Node startNode() throws ConfigException {
        String yaml = """
                server: {host: 127.0.0.1, port: 0, engine: chicory}
                apps:
                  plain: {module: apps/hello/hello.wasm, routes: [/plain]}
                  fixed-stamp: {module: %1$scdn_headers.wasm, routes: []}
                sites:
                  fixed:
                    hosts: [fixed.test]
                    origin: {urls: [%2$s], allow-private: [127.0.0.1]}
                    app: fixed-stamp
                """.formatted(GUESTS, origin.url());
        NodeConfig config = load(yaml).withAdmin(new AdminConfig("127.0.0.1", 0, TOKEN))
                .withDeploy(DeployConfig.defaults(dataDir));
        return await(Node.start(vertx, config, (app, stream, level, text) -> { }, new NodeMetrics()));
    }

    private static NodeConfig load(String yaml) throws ConfigException {
        return ConfigLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "sites.yaml",
                TestNodes.REPO, Map.of());
    }

    private TestHttp.Reply admin(HttpMethod method, String path, String type, Buffer body) {
        RequestOptions options = TestHttp.request(method, node.adminPort(), path, "authorization",
                "Bearer " + TOKEN);
        if (type != null) {
            options.addHeader("content-type", type);
        }
        return await(TestHttp.exchange(client, options, body));
    }

    private TestHttp.Reply putSite(String name, JsonObject site) {
        return admin(HttpMethod.PUT, "/sites/" + name, "application/json", Buffer.buffer(site.encode()));
    }

    private TestHttp.Reply get(String host, String path) {
        return await(TestHttp.exchange(client, TestHttp.request(HttpMethod.GET, node.port(), path, "host", host),
                null));
    }

    /** A site for {@code host} in front of {@code url} through the app {@code app}. */
    private static JsonObject site(String host, String url, String app) {
        return new JsonObject().put("hosts", new JsonArray().add(host)).put("app", app)
                .put("origin", new JsonObject().put("urls", new JsonArray().add(url))
                        .put("allow-private", new JsonArray().add("127.0.0.1")));
    }

    @Test
    void aPutSiteIsServedListedAndDeleted() {
        assertEquals(404, get("shop.test", "/page").status(), "no site yet");
        JsonObject put = putSite("shop", site("shop.test", origin.url(), "stamp")).json(200);
        assertTrue(put.getBoolean("complete"), put::encode);
        assertEquals("active", put.getJsonArray("nodes").getJsonObject(0).getString("state"), put::encode);

        TestHttp.Reply served = get("shop.test", "/page?x=1");
        String body = served.body(200);
        assertTrue(body.startsWith("origin saw GET /page?x=1"), body);
        assertTrue(body.contains("x-filter=on"), "the app filtered the request: " + body);
        assertEquals("yes", served.header("x-filtered"), "the app filtered the response");

        JsonArray listed = new JsonArray(admin(HttpMethod.GET, "/sites", null, null).body(200));
        assertEquals(1, listed.size(), "only sites put through the API: " + listed);
        JsonObject shown = admin(HttpMethod.GET, "/sites/shop", null, null).json(200);
        assertEquals(List.of("shop.test"), shown.getJsonArray("hosts").getList());
        assertEquals("stamp", shown.getString("app"));

        assertEquals(200, admin(HttpMethod.DELETE, "/sites/shop", null, null).status());
        TestHttp.Reply gone = get("shop.test", "/page");
        assertEquals(404, gone.status(), gone::toString);
        assertEquals("no-route", gone.header("x-wedge-error"));
        assertEquals(404, admin(HttpMethod.GET, "/sites/shop", null, null).status());
        assertEquals(404, admin(HttpMethod.DELETE, "/sites/shop", null, null).status(), "deleted already");
    }

    @Test
    void aBadSiteIsRefusedWithTheReason() {
        assertRefused(putSite("shop", site("shop.test", origin.url(), "nothing")), 400, "no-such-app",
                "app nothing is not deployed");
        assertRefused(putSite("shop", site("shop.test", origin.url(), "plain")), 400, "not-a-cdn-app",
                "app plain is a http app");
        JsonObject noPool = site("shop.test", origin.url(), "stamp");
        noPool.getJsonObject("origin").put("pool-size", 0);
        assertRefused(putSite("shop", noPool), 400, "invalid-config", "sites.shop.origin.pool-size must be between 1");
        assertRefused(putSite("shop", site("shop.test", origin.url(), "stamp").put("colour", "red")), 400,
                "invalid-config", "unknown key sites.shop.colour");
        assertRefused(admin(HttpMethod.PUT, "/sites/shop", "application/json", Buffer.buffer("[1]")), 400,
                "bad-json", "not a JSON object");
        assertRefused(putSite("fixed", site("other.test", origin.url(), "stamp")), 409, "site-in-config",
                "config file");
        assertRefused(admin(HttpMethod.DELETE, "/sites/fixed", null, null), 409, "site-in-config", "config file");
        assertRefused(putSite("shop", site("fixed.test", origin.url(), "stamp")), 409, "route-taken",
                "is served by site fixed");
        putSite("shop", site("shop.test", origin.url(), "stamp").put("paths", new JsonArray().add("/plain")))
                .json(200);
        assertRefused(putSite("other", site("shop.test", origin.url(), "stamp").put("paths", new JsonArray()
                .add("/plain"))), 409, "route-taken", "is served by site shop");
        assertEquals(200, get("fixed.test", "/page").status(), "the config file's site still serves");
    }

    private static void assertRefused(TestHttp.Reply reply, int status, String code, String says) {
        JsonObject error = reply.json(status);
        assertEquals(code, error.getString("error"), reply::toString);
        assertTrue(error.getString("message").contains(says), reply::toString);
    }

    @Test
    void aSiteWhoseAppWasDeletedAnswersSiteUnavailableUntilTheAppIsBack() throws Exception {
        putSite("shop", site("shop.test", origin.url(), "stamp")).json(200);
        assertEquals(200, admin(HttpMethod.DELETE, "/apps/stamp", null, null).status());
        TestHttp.Reply unavailable = get("shop.test", "/page");
        assertEquals(503, unavailable.status(), unavailable::toString);
        assertEquals("site-unavailable", unavailable.header("x-wedge-error"));
        assertTrue(unavailable.body().contains("site shop: app stamp is not deployed"), unavailable::toString);

        deployStamp();
        assertEquals("yes", get("shop.test", "/page").header("x-filtered"), "served by the app's new deploy");
    }

    @Test
    void anHttpAppAsTheOriginAnswersBetweenThePhasesAndIsCheckedLikeTheFilters() throws Exception {
        admin(HttpMethod.PUT, "/apps/echo", "application/wasm",
                Buffer.buffer(Files.readAllBytes(TestNodes.app("echo")))).json(201);
        JsonObject local = new JsonObject().put("hosts", new JsonArray().add("local.test")).put("app", "stamp")
                .put("origin", new JsonObject().put("app", "echo"));
        assertRefused(putSite("local", local.copy().put("origin", new JsonObject().put("app", "nothing"))), 400,
                "no-such-app", "origin app nothing is not deployed");
        assertRefused(putSite("local", local.copy().put("origin", new JsonObject().put("app", "stamp"))), 400,
                "not-an-http-app", "origin app stamp is a cdn app");
        assertRefused(putSite("local", local.copy().put("origin", new JsonObject().put("app", "echo")
                .put("urls", new JsonArray().add(origin.url())))), 400, "invalid-config", "either urls or app");
        putSite("local", local).json(200);

        TestHttp.Reply reply = get("local.test", "/page");
        JsonObject echoed = reply.json(200);
        assertEquals("on", echoed.getJsonObject("headers").getString("x-filter"), echoed::encode);
        assertEquals("yes", reply.header("x-filtered"));

        assertEquals(200, admin(HttpMethod.DELETE, "/apps/echo", null, null).status());
        TestHttp.Reply unavailable = get("local.test", "/page");
        assertEquals(503, unavailable.status(), unavailable::toString);
        assertEquals("site-unavailable", unavailable.header("x-wedge-error"));
        assertTrue(unavailable.body().contains("site local: origin app echo is not deployed"), unavailable::toString);
    }

    @Test
    void aSiteIsKeptAcrossARestart() throws Exception {
        putSite("shop", site("shop.test", origin.url(), "stamp")).json(200);
        await(node.close());
        node = null;
        node = startNode();
        TestHttp.Reply served = get("shop.test", "/page");
        assertTrue(served.body(200).contains("x-filter=on"), served::toString);
        assertEquals(1, new JsonArray(admin(HttpMethod.GET, "/sites", null, null).body(200)).size());
    }

    @Test
    void aSiteWithOneConnectionServesConcurrentRequestsInTurn() throws Exception {
        var connections = new AtomicInteger();
        HttpServer counted = await(vertx.createHttpServer()
                .connectionHandler(connection -> connections.incrementAndGet())
                .requestHandler(request -> request.response().end("counted " + request.path()))
                .listen(0, "127.0.0.1"));
        try {
            JsonObject site = site("pool.test", "http://127.0.0.1:" + counted.actualPort(), "stamp");
            site.getJsonObject("origin").put("pool-size", 1);
            putSite("pool", site).json(200);
            List<Future<TestHttp.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                replies.add(TestHttp.exchange(client, TestHttp.request(HttpMethod.GET, node.port(), "/r" + i,
                        "host", "pool.test"), null));
            }
            for (int i = 0; i < 8; i++) {
                assertEquals("counted /r" + i, await(replies.get(i)).body(200));
            }
            assertEquals(1, connections.get(), "one connection to the origin, taken in turn");
        } finally {
            await(counted.close());
        }
    }

    @Test
    void theCliPutsListsShowsAndDeletesSites(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String adminUrl = "http://127.0.0.1:" + node.adminPort();
        var err = new java.io.StringWriter();
        var cli = dev.wedge.cli.WedgeCli.commandLine();
        cli.setErr(new java.io.PrintWriter(err, true));
        Path file = Files.writeString(dir.resolve("shop.yaml"), """
                hosts: [shop.test]
                origin: {urls: ['%s'], allow-private: [127.0.0.1]}
                app: stamp
                """.formatted(origin.url()));
        assertEquals(0, cli.execute("sites", "put", "shop", file.toString(), "--admin", adminUrl, "--token", TOKEN),
                err::toString);
        assertTrue(get("shop.test", "/page").body(200).contains("x-filter=on"));
        assertEquals(0, cli.execute("sites", "list", "--admin", adminUrl, "--token", TOKEN), err::toString);
        assertEquals(0, cli.execute("sites", "show", "shop", "--admin", adminUrl, "--token", TOKEN), err::toString);
        Files.writeString(file, "hosts: [shop.test]\napp: nothing\norigin: {urls: ['http://example.org']}\n");
        assertEquals(1, cli.execute("sites", "put", "shop", file.toString(), "--admin", adminUrl, "--token", TOKEN));
        assertTrue(err.toString().contains("no-such-app"), err::toString);
        assertEquals(0, cli.execute("sites", "delete", "shop", "--admin", adminUrl, "--token", TOKEN), err::toString);
        assertEquals(404, get("shop.test", "/page").status());
    }

    @Test
    void aConfigFileRefusesAPoolOfNoConnections() {
        for (String size : List.of("0", "-1")) {
            String yaml = """
                    apps:
                      stamp: {module: %1$scdn_headers.wasm, routes: []}
                    sites:
                      shop: {hosts: [shop.test], origin: {urls: ['http://example.org'], pool-size: %2$s}, app: stamp}
                    """.formatted(GUESTS, size);
            var e = assertThrows(ConfigException.class, () -> load(yaml));
            assertTrue(e.getMessage().contains("sites.shop.origin.pool-size must be between 1 and 10000, not "
                    + size), e.getMessage());
        }
    }
}

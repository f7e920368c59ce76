package dev.wedge.cdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.HostServices;
import dev.wedge.host.WasmHost;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.app.AppKind;
import dev.wedge.host.client.ClientLocator;
import dev.wedge.host.client.GeoConfig;
import dev.wedge.host.dictionary.Dictionary;
import dev.wedge.host.dictionary.DictionaryCapability;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.host.kv.KvBinding;
import dev.wedge.host.kv.KvCapability;
import dev.wedge.host.limits.Limits;
import dev.wedge.host.outbound.OutboundCapability;
import dev.wedge.host.outbound.OutboundSettings;
import dev.wedge.host.proxywasm.CdnSettings;
import dev.wedge.host.proxywasm.CdnSettings.Mode;
import dev.wedge.host.proxywasm.ProxyWasmCapability;
import dev.wedge.host.proxywasm.Upstream;
import dev.wedge.host.run.App;
import dev.wedge.host.secrets.Secrets;
import dev.wedge.host.secrets.SecretsCapability;
import dev.wedge.kv.KvStore;
import dev.wedge.kv.KvStoreConfig;
import dev.wedge.kv.KvStores;
import dev.wedge.server.OriginClient;
import dev.wedge.settings.ConfigException;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CDN apps: filters built with FastEdge's AssemblyScript SDK (and the C SDK's hostile one) in front of a real
 * origin on loopback, on both engines and in both phase models.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdnAppTest {

    private static final Limits LIMITS = Limits.DEFAULT.withMemoryBytes(16 * Limits.MIB)
            .withTimeout(Duration.ofSeconds(30)).withMaxResponseBodyBytes(Limits.MIB);

    private Vertx vertx;
    private CdnOrigin origin;
    private OriginClient client;
    private KvStores stores;
    private final Map<String, WasmHost> hosts = new ConcurrentHashMap<>();
    /** Every client is in Luxembourg, as far as filters' geo properties tell. */
    private static final ClientLocator CLIENTS = clients();

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        origin = new CdnOrigin(vertx);
        client = new OriginClient(vertx);
        stores = KvStores.open(vertx, List.of(KvStoreConfig.of("default", "embedded",
                Files.createTempDirectory("cdn-kv").toString()).withTimeout(Duration.ofSeconds(30))));
        KvStore view = stores.view("default", "kv");
        join(view.set("greeting", "hello".getBytes(StandardCharsets.UTF_8), null));
        join(view.set("goodbye", "bye".getBytes(StandardCharsets.UTF_8), null));
        join(view.zadd("scores", 1.5, "alpha".getBytes(StandardCharsets.UTF_8)));
        join(view.zadd("scores", 20, "beta".getBytes(StandardCharsets.UTF_8)));
        join(view.zadd("blocked", 0, "10.0.0.1".getBytes(StandardCharsets.UTF_8)));
    }

    private static <T> T join(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    void stop() throws Exception {
        hosts.values().forEach(WasmHost::close);
        join(stores.close());
        origin.close();
        join(client.close());
        join(vertx.close());
    }

    static Stream<Arguments> enginesAndModes() {
        return WasmHost.ENGINES.stream().flatMap(engine -> Stream.of(Mode.FASTEDGE, Mode.ENVOY)
                .map(mode -> Arguments.of(engine, mode)));
    }

    private WasmHost host(String engine) {
        return hosts.computeIfAbsent(engine, name -> WasmHost.create(name, HostServices.of((app, stream, level,
                text) -> { }).with(Upstream.class, client).with(KvStores.class, stores)
                .with(ClientLocator.class, CLIENTS)));
    }

    private App load(String engine, String guest, Mode mode, AppConfig base) throws Exception {
        return load(engine, guest, mode, base, CdnOrigin.reachable());
    }

    private App load(String engine, String guest, Mode mode, AppConfig base, OutboundSettings outbound)
            throws Exception {
        byte[] wasm;
        try (InputStream in = CdnAppTest.class.getResourceAsStream("/guests/" + guest + ".wasm")) {
            wasm = in.readAllBytes();
        }
        AppConfig config = base.with(ProxyWasmCapability.SETTINGS,
                new CdnSettings(URI.create(origin.url()), mode, new byte[0]))
                .with(OutboundCapability.SETTINGS, outbound);
        App app = host(engine).load(wasm, config);
        assertEquals(AppKind.CDN, app.kind());
        return app;
    }

    private App load(String engine, String guest, Mode mode) throws Exception {
        return load(engine, guest, mode, new AppConfig(guest, null, Map.of(), LIMITS));
    }

    private static AppResponse get(App app, String target, String... headers) {
        return app.handle(AppRequest.of("GET", target, Headers.of(headers).add("host", "shop.test"), new byte[0]));
    }

    private static String text(AppResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static String ok(AppResponse response) {
        assertEquals(200, response.status(), () -> text(response));
        return text(response);
    }

    @ParameterizedTest
    @MethodSource("enginesAndModes")
    void headersAreChangedBothWays(String engine, Mode mode) throws Exception {
        AppResponse response = get(load(engine, "cdn_headers", mode), "/page?x=1", "x-replace-me", "before",
                "x-remove-me", "gone");
        String body = ok(response);
        assertTrue(body.startsWith("origin saw GET /page?x=1 host=shop.test"), body);
        assertTrue(body.contains("x-filter=on"), body);
        assertTrue(body.contains("x-replace-me=replaced"), body);
        // FastEdge's remove leaves an empty value; Envoy's deletes
        assertEquals(mode == Mode.FASTEDGE, body.contains("x-remove-me="), body);
        assertTrue(!body.contains("gone"), body);
        assertEquals("yes", response.headers().get("x-filtered"));
        assertEquals("yes", response.headers().get("x-added-early"));
        assertEquals("o+filtered", response.headers().get("x-origin-header"));
        assertEquals(mode == Mode.FASTEDGE ? "" : null, response.headers().get("x-origin-secret"));
    }

    @ParameterizedTest
    @MethodSource("enginesAndModes")
    void bodiesAreRewritten(String engine, Mode mode) throws Exception {
        App app = load(engine, "cdn_body", mode);
        AppResponse response = app.handle(AppRequest.of("POST", "/submit", Headers.of("host", "shop.test"),
                "payload".getBytes(StandardCharsets.UTF_8)));
        String body = ok(response);
        assertTrue(body.startsWith("edge saw POST /submit"), body);
        assertTrue(body.endsWith("body=filtered:payload"), body);
    }

    @ParameterizedTest
    @MethodSource("enginesAndModes")
    void aLocalResponseShortCircuits(String engine, Mode mode) throws Exception {
        var config = new AppConfig("auth", null, Map.of("STAGE", "test"), LIMITS)
                .with(SecretsCapability.SETTINGS, Secrets.plain(Map.of("API_KEY", "k-123")))
                .with(DictionaryCapability.SETTINGS, new Dictionary(Map.of("REALM", "shop")));
        App app = load(engine, "cdn_auth", mode, config);
        AppResponse refused = get(app, "/private", "x-api-key", "wrong");
        assertEquals(401, refused.status(), () -> text(refused));
        assertEquals("no entry to shop\n", text(refused));
        assertEquals("ApiKey", refused.headers().get("www-authenticate"));
        assertEquals("test", refused.headers().get("x-env"));
        String passed = ok(get(app, "/private", "x-api-key", "k-123"));
        assertTrue(passed.startsWith("origin saw GET /private"), passed);
        assertTrue(!passed.contains("k-123"), passed);
    }

    @ParameterizedTest
    @MethodSource("enginesAndModes")
    void aCalloutRunsBeforeTheOrigin(String engine, Mode mode) throws Exception {
        var config = new AppConfig("callout", null, Map.of(), LIMITS)
                .with(DictionaryCapability.SETTINGS, new Dictionary(Map.of("AUTH_HOST", "127.0.0.1:" + origin.port())));
        String body = ok(get(load(engine, "cdn_callout", mode, config), "/article"));
        assertTrue(body.contains("x-verdict=allow"), body);
        assertTrue(body.contains("x-verdict-status=200"), body);
    }

    /** The filter ignores a refused call, so the request goes on to the origin without a verdict. */
    @ParameterizedTest
    @MethodSource("enginesAndModes")
    void calloutsCountAgainstTheAppsOutboundMaxRequests(String engine, Mode mode) throws Exception {
        var config = new AppConfig("callout", null, Map.of(), LIMITS)
                .with(DictionaryCapability.SETTINGS, new Dictionary(Map.of("AUTH_HOST", "127.0.0.1:" + origin.port())));
        String body = ok(get(load(engine, "cdn_callout", mode, config, CdnOrigin.reachable(0)), "/article"));
        assertTrue(body.startsWith("origin saw GET /article"), body);
        assertTrue(!body.contains("x-verdict"), body);
    }

    @ParameterizedTest
    @MethodSource("enginesAndModes")
    void aFailedCalloutIsToldToTheFilter(String engine, Mode mode) throws Exception {
        var config = new AppConfig("callout", null, Map.of(), LIMITS)
                .with(DictionaryCapability.SETTINGS, new Dictionary(Map.of("AUTH_HOST", "127.0.0.1:1")));
        AppResponse response = get(load(engine, "cdn_callout", mode, config), "/article");
        assertEquals(502, response.status(), () -> text(response));
        assertEquals("callout failed\n", text(response));
    }

    @ParameterizedTest
    @MethodSource("enginesAndModes")
    void propertiesRewriteTheOriginRequest(String engine, Mode mode) throws Exception {
        AppResponse response = get(load(engine, "cdn_properties", mode), "/old/pic.png?w=10");
        String body = ok(response);
        assertTrue(body.startsWith("origin saw GET /new/pic.png?w=10 "), body);
        assertTrue(body.contains("x-seen-extension=png"), body);
        assertTrue(body.contains("x-seen-host=shop.test"), body);
        assertTrue(body.contains("x-seen-method=GET"), body);
        assertTrue(body.contains("x-seen-query=w=10"), body);
        assertTrue(body.contains("x-seen-url=http://shop.test/new/pic.png?w=10"), body);
        assertTrue(body.contains("x-seen-country=LU"), body);
        assertEquals("200", response.headers().get("x-status"));
        assertEquals(mode == Mode.FASTEDGE ? "absent" : "from-request", response.headers().get("x-carried"));
        AppResponse missing = get(load(engine, "cdn_properties", mode), "/missing");
        assertEquals(404, missing.status());
        assertEquals("404", missing.headers().get("x-status"));
    }

    @ParameterizedTest
    @MethodSource("enginesAndModes")
    void keyValueExtension(String engine, Mode mode) throws Exception {
        var config = new AppConfig("kv", null, Map.of(), LIMITS)
                .with(KvCapability.SETTINGS, new KvBinding(Set.of("default")));
        App app = load(engine, "cdn_kv", mode, config);
        assertEquals("hello", ok(get(app, "/get/greeting")));
        assertEquals(404, get(app, "/get/nothing").status());
        assertEquals("goodbye,greeting", ok(get(app, "/scan/g*")));
        assertEquals("alpha=1.5", ok(get(app, "/zrange/scores")));
        assertEquals("alpha=1.5", ok(get(app, "/zscan/scores")));
        assertEquals("maybe", ok(get(app, "/bf/blocked/10.0.0.1")));
        assertEquals("no", ok(get(app, "/bf/blocked/10.0.0.2")));
    }

    @ParameterizedTest
    @MethodSource("enginesAndModes")
    void sharedDataCountsAcrossRequests(String engine, Mode mode) throws Exception {
        var config = new AppConfig("shared-" + engine + "-" + mode, null, Map.of(), LIMITS);
        App app = load(engine, "cdn_shared", mode, config);
        assertEquals("1", get(app, "/").headers().get("x-hits"));
        assertEquals("2", get(app, "/").headers().get("x-hits"));
    }

    private static ClientLocator clients() {
        try {
            return GeoConfig.NONE.withFixed(Map.of("geoip-country-code", "LU")).open();
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }
}

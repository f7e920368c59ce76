package dev.wedge.cdn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wedge.host.HostServices;
import dev.wedge.host.WasmHost;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.cache.CacheBackend;
import dev.wedge.host.cache.MemoryCache;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.host.limits.Limits;
import dev.wedge.host.proxywasm.CdnSettings;
import dev.wedge.host.proxywasm.CdnSettings.Mode;
import dev.wedge.host.proxywasm.ProxyWasmCapability;
import dev.wedge.host.proxywasm.Upstream;
import dev.wedge.host.run.App;
import dev.wedge.server.OriginClient;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FastEdge's cache imports ({@code env.proxy_cache_*}, as its Rust SDK declares them) called by a C filter on
 * both engines: each one's status and result, counts kept across requests, and bad pointers answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CacheFilterTest {

    private static final Limits LIMITS = Limits.DEFAULT.withMemoryBytes(16 * Limits.MIB)
            .withTimeout(Duration.ofSeconds(30));

    private Vertx vertx;
    private CdnOrigin origin;
    private OriginClient client;
    private final Map<String, WasmHost> hosts = new ConcurrentHashMap<>();
    private int fresh;

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        origin = new CdnOrigin(vertx);
        client = new OriginClient(vertx);
    }

    @AfterAll
    void stop() throws Exception {
        hosts.values().forEach(WasmHost::close);
        origin.close();
        client.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    static java.util.stream.Stream<String> engines() {
        return WasmHost.ENGINES.stream();
    }

    private App load(String engine) throws Exception {
        byte[] wasm;
        try (InputStream in = CacheFilterTest.class.getResourceAsStream("/guests/cdn_cache.wasm")) {
            wasm = in.readAllBytes();
        }
        WasmHost host = hosts.computeIfAbsent(engine, name -> WasmHost.create(name,
                HostServices.of((app, stream, level, text) -> { }).with(Upstream.class, client)
                        .with(CacheBackend.class, new MemoryCache(Clock.systemUTC()))));
        return host.load(wasm, new AppConfig("cached" + (fresh++), null, Map.of(), LIMITS)
                .with(ProxyWasmCapability.SETTINGS, new CdnSettings(URI.create(origin.url()), Mode.FASTEDGE,
                        new byte[0])));
    }

    private static String get(App app, String path) {
        AppResponse response = app.handle(AppRequest.of("GET", path, Headers.of("host", "shop.test"), new byte[0]));
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(200, response.status(), text);
        return text;
    }

    @ParameterizedTest
    @MethodSource("engines")
    void everyImportAnswersAsFastEdgesSdkExpects(String engine) throws Exception {
        assertEquals("set=0 get=0:value exists=0:1 expire=0:1 expire-missing=0:0 delete=0 delete-again=1"
                        + " get-missing=1 incr=0:5 incr-word=2 purge-prefix=0:1 purge=0:1 empty-key=2",
                get(load(engine), "/ops"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void countsLastAcrossRequests(String engine) throws Exception {
        App app = load(engine);
        for (int i = 1; i <= 3; i++) {
            assertEquals("hits " + i + " (status 0)", get(app, "/count"));
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void badPointersGetInvalidMemoryAccess(String engine) throws Exception {
        App app = load(engine);
        assertEquals("statuses 6,6,6,6,6", get(app, "/bad"));
        assertEquals("hits 1 (status 0)", get(app, "/count"), "the refused calls changed nothing");
    }
}

package dev.wedge.cdn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.HostServices;
import dev.wedge.host.WasmHost;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.host.limits.Limits;
import dev.wedge.host.outbound.OutboundCapability;
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
import java.time.Duration;
import java.util.Map;
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
 * A hostile filter (C SDK) on both engines and in both models: each misdeed answers its defined status with the
 * phase in the reason, and the same app serves a well-behaved request right after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileFilterTest {

    private static final Limits LIMITS = Limits.DEFAULT.withMemoryBytes(16 * Limits.MIB)
            .withTimeout(Duration.ofSeconds(30)).withMaxResponseBodyBytes(Limits.MIB);
    /** Only for the filter that never returns: a deadline it surely reaches on a busy machine. */
    private static final Limits SHORT = LIMITS.withTimeout(Duration.ofMillis(500));

    private Vertx vertx;
    private CdnOrigin origin;
    private OriginClient client;
    private final Map<String, WasmHost> hosts = new ConcurrentHashMap<>();

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

    static Stream<Arguments> enginesAndModes() {
        return WasmHost.ENGINES.stream().flatMap(engine -> Stream.of(Mode.FASTEDGE, Mode.ENVOY)
                .map(mode -> Arguments.of(engine, mode)));
    }

    private App load(String engine, Mode mode, Limits limits) throws Exception {
        byte[] wasm;
        try (InputStream in = HostileFilterTest.class.getResourceAsStream("/guests/cdn_hostile.wasm")) {
            wasm = in.readAllBytes();
        }
        WasmHost host = hosts.computeIfAbsent(engine, name -> WasmHost.create(name,
                HostServices.of((app, stream, level, text) -> { }).with(Upstream.class, client)));
        return host.load(wasm, new AppConfig("hostile", null, Map.of(), limits)
                .with(ProxyWasmCapability.SETTINGS, new CdnSettings(URI.create(origin.url()), mode, new byte[0]))
                .with(OutboundCapability.SETTINGS, CdnOrigin.reachable()));
    }

    private static AppResponse post(App app, String path) {
        return app.handle(AppRequest.of("POST", path, Headers.of("host", "shop.test"),
                "body".getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(AppResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static void assertAnswer(AppResponse response, int status, String reason, String phase) {
        assertEquals(status, response.status(), () -> response.headers() + " " + text(response));
        assertEquals(reason, response.error());
        assertTrue(text(response).startsWith("in " + phase + ":"), text(response));
    }

    @ParameterizedTest
    @MethodSource("enginesAndModes")
    void aTrapInEachPhaseIs533AndTheAppServesOn(String engine, Mode mode) throws Exception {
        App app = load(engine, mode, LIMITS);
        for (String phase : new String[] {"request-headers", "request-body", "response-headers", "response-body"}) {
            assertAnswer(post(app, "/trap/" + phase), 533, "trap", phase);
            AppResponse fine = post(app, "/fine");
            assertEquals(200, fine.status(), () -> "after a trap in " + phase + ": " + text(fine));
            assertTrue(text(fine).startsWith("origin saw POST /fine"), text(fine));
        }
    }

    @ParameterizedTest
    @MethodSource("enginesAndModes")
    void badPointersGetInvalidMemoryAccess(String engine, Mode mode) throws Exception {
        AppResponse response = post(load(engine, mode, LIMITS), "/bad-pointer");
        assertEquals(200, response.status(), () -> text(response));
        assertEquals("statuses 6,6,6", text(response));
    }

    @ParameterizedTest
    @MethodSource("enginesAndModes")
    void anOversizeBodyIs533(String engine, Mode mode) throws Exception {
        assertAnswer(post(load(engine, mode, LIMITS), "/oversize"), 533, "response-too-large", "response-body");
    }

    @ParameterizedTest
    @MethodSource("enginesAndModes")
    void anExitIs533(String engine, Mode mode) throws Exception {
        AppResponse response = post(load(engine, mode, LIMITS), "/exit");
        assertEquals(533, response.status(), () -> text(response));
        assertEquals("handler-failed", response.error());
    }

    @ParameterizedTest
    @MethodSource("enginesAndModes")
    void aSpinIs532(String engine, Mode mode) throws Exception {
        assertAnswer(post(load(engine, mode, SHORT), "/spin"), 532, "timeout", "request-headers");
    }
}

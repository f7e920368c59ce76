package dev.wedge.host.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.EngineTest;
import dev.wedge.host.Guests;
import dev.wedge.host.HostServices;
import dev.wedge.host.WasmHost;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.app.AppKind;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.Headers;
import dev.wedge.host.run.App;
import dev.wedge.host.run.AppLog;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code client_info}, and the same values as request headers and CGI variables, on both engines. */
class ClientCapabilityTest extends EngineTest {

    private final Map<String, WasmHost> hosts = new ConcurrentHashMap<>();

    private WasmHost located(String engine) {
        AppLog log = (app, stream, level, text) -> logs.add(new LogLine(app, stream, level, text));
        return hosts.computeIfAbsent(engine, name -> {
            try {
                var database = GeoDatabase.read(new StringReader("127.0.0.0/8,JP,Japan,JP-13,Tokyo,AS,64500,,\n"),
                        "test");
                var locator = new ClientLocator(database, GeoDatabase.EMPTY, List.of(), Map.of("pop-city", "paris"),
                        Map.of());
                return WasmHost.create(name, HostServices.of(log).with(ClientLocator.class, locator));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @AfterAll
    void closeLocated() {
        hosts.values().forEach(WasmHost::close);
    }

    private static AppRequest spoofed(String path) {
        return AppRequest.of("GET", path, Headers.of("host", "app.test", "geoip-country-code", "XX"), new byte[0]);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void theImportAnswersWhatTheNodeFound(String engine) {
        App app = Guests.load(located(engine), "config_probe", Guests.config("client"));
        assertEquals("JP", Guests.ok(app.handle(spoofed("/client/geoip-country-code"))), "the client's is dropped");
        assertEquals("Tokyo", Guests.ok(app.handle(spoofed("/client/GEOIP-CITY"))), "names in any case");
        assertEquals("paris", Guests.ok(app.handle(spoofed("/client/pop-city"))));
        assertEquals("127.0.0.1", Guests.ok(app.handle(spoofed("/client/x-real-ip"))));
        assertEquals("localhost", Guests.ok(app.handle(spoofed("/client/server_name"))));
        assertEquals(404, app.handle(spoofed("/client/geoip-lat")).status());
        assertEquals(404, app.handle(spoofed("/client/accept")).status(), "only the node's values");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void wagiAppsGetThemAsCgiVariables(String engine) {
        AppConfig config = new AppConfig("wagi", AppKind.WAGI, Map.of(), Guests.TEST_LIMITS);
        App app = Guests.load(located(engine), "wagi_probe", config);
        String env = Guests.ok(app.handle(spoofed("/env")));
        assertTrue(env.contains("\nHTTP_GEOIP_COUNTRY_CODE=JP\n"), env);
        assertTrue(env.contains("\nHTTP_POP_CITY=paris\n"), env);
        assertTrue(env.contains("\nHTTP_X_REAL_IP=127.0.0.1\n"), env);
        assertTrue(env.contains("\nHTTP_SERVER_NAME=localhost\n"), env);
        assertTrue(env.contains("\nREMOTE_ADDR=127.0.0.1\n"), env);
    }
}

package dev.wedge.host.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.AppSettings;
import dev.wedge.host.EngineTest;
import dev.wedge.host.Guests;
import dev.wedge.host.HostServices;
import dev.wedge.host.WasmHost;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.capability.RunListener;
import dev.wedge.host.capability.SettingsContext;
import dev.wedge.host.limits.Limits;
import dev.wedge.host.run.App;
import dev.wedge.host.run.AppLog;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code set_user_diag} (the log line, the run's record) and the {@code response-headers} setting. */
class DiagAndResponseHeadersTest extends EngineTest {

    private static final AppSettings SETTINGS = new AppSettings(Limits.DEFAULT, SettingsContext.EMPTY);

    private final List<RunListener.Run> runs = new CopyOnWriteArrayList<>();
    private final Map<String, WasmHost> hosts = new ConcurrentHashMap<>();

    private WasmHost listened(String engine) {
        AppLog log = (app, stream, level, text) -> logs.add(new LogLine(app, stream, level, text));
        return hosts.computeIfAbsent(engine, name -> WasmHost.create(name,
                HostServices.of(log).withListener(runs::add)));
    }

    @AfterAll
    void closeListened() {
        hosts.values().forEach(WasmHost::close);
    }

    private static AppConfig withHeaders(String name, Map<String, Object> headers) throws ConfigException {
        return SETTINGS.read(name, new Section("", Map.of("response-headers", headers)));
    }

    private List<String> hostLines(String app) {
        return logs.stream().filter(line -> line.app().equals(app) && line.stream().equals("host"))
                .map(LogLine::text).toList();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void theLastDiagnosticIsLoggedAndCountedNotReturned(String engine) {
        App app = Guests.load(listened(engine), "config_probe", Guests.config("diag-" + engine));
        logs.clear();
        runs.clear();
        AppResponse response = app.handle(AppRequest.of("GET", "/diag?cache%20miss", new Headers(), new byte[0]));
        assertEquals("diag set", Guests.ok(response));
        assertEquals(List.of("200 [diag: cache%20miss]"), hostLines("diag-" + engine), "the last one set wins");
        assertTrue(runs.get(0).userDiag());
        app.handle(AppRequest.of("GET", "/client/pop-city", new Headers(), new byte[0]));
        assertEquals(false, runs.get(1).userDiag());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aLongDiagnosticIsCutAndKeptOnOneLine(String engine) {
        App app = Guests.load(listened(engine), "config_probe", Guests.config("long-" + engine));
        logs.clear();
        String text = "line%0Abreak" + "\u00e9".repeat(200);
        assertEquals("diag set", Guests.ok(app.handle(AppRequest.of("GET", "/diag?" + text, new Headers(),
                new byte[0]))));
        String line = hostLines("long-" + engine).get(0);
        String kept = line.substring("200 [diag: ".length(), line.length() - 1);
        assertEquals("line%0Abreak" + "\u00e9".repeat(122), kept, "256 bytes, without the split character");
    }

    @Test
    void controlCharactersBecomeSpaces() {
        assertEquals("a b c", UserDiag.text("a\nb\u0000c".getBytes(), false));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void configuredHeadersGoOnEveryAnswerTheAppsOwnWin(String engine) throws ConfigException {
        AppConfig config = withHeaders("rsp", Map.of("X-Served-By", "wedge", "Content-Type", "application/json"));
        App app = Guests.load(listened(engine), "probe", config);
        AppResponse ok = app.handle(AppRequest.of("GET", "/info", Headers.of("host", "a"), new byte[0]));
        assertEquals(200, ok.status());
        assertEquals("wedge", ok.headers().get("x-served-by"));
        assertEquals("text/plain", ok.headers().get("content-type"), "the app set its own");
        AppResponse trap = app.handle(AppRequest.of("GET", "/trap", new Headers(), new byte[0]));
        Guests.assertFailure(trap, 533, "trap");
        assertEquals("wedge", trap.headers().get("x-served-by"));
        assertEquals("text/plain; charset=utf-8", trap.headers().get("content-type"));
    }

    @Test
    void headersTheNodeOwnsOrThatAreMalformedAreRefused() {
        for (String name : List.of("Content-Length", "connection", "x-wedge-error", "bad name")) {
            var error = assertThrows(ConfigException.class, () -> withHeaders("a", Map.of(name, "1")), name);
            assertTrue(error.getMessage().startsWith("response-headers." + name + ": "), error.getMessage());
        }
        assertThrows(ConfigException.class, () -> withHeaders("a", Map.of("x-a", "one\r\ntwo")));
    }
}

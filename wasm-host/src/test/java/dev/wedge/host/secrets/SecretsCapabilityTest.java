package dev.wedge.host.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.EngineTest;
import dev.wedge.host.Guests;
import dev.wedge.host.HostServices;
import dev.wedge.host.WasmHost;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.run.App;
import dev.wedge.host.run.AppLog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code secret_get} and {@code secret_get_effective_at} on the node's clock, and secrets kept out of logs. */
class SecretsCapabilityTest extends EngineTest {

    private static final long ROTATION = 1_800_000_000L;

    /** The node's clock, moved by the tests: a rotation without waiting for it. */
    private final AtomicLong now = new AtomicLong(ROTATION - 1);
    private final Map<String, WasmHost> hosts = new ConcurrentHashMap<>();

    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(now.get());
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    private WasmHost clocked(String engine) {
        AppLog log = (app, stream, level, text) -> logs.add(new LogLine(app, stream, level, text));
        return hosts.computeIfAbsent(engine, name -> WasmHost.create(name,
                HostServices.of(log).with(Clock.class, clock)));
    }

    @AfterAll
    void closeClocked() {
        hosts.values().forEach(WasmHost::close);
    }

    private App probe(String engine) {
        var token = Secret.of(List.of(new Secret.Slot(0, "token-old"), new Secret.Slot(ROTATION, "token-new")));
        AppConfig config = Guests.config("secrets").with(SecretsCapability.SETTINGS,
                new Secrets(Map.of("TOKEN", token)));
        return Guests.load(clocked(engine), "config_probe", config);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void theValueInForceChangesAtTheRotationWithoutARedeploy(String engine) {
        App app = probe(engine);
        now.set(ROTATION - 1);
        assertEquals("token-old", Guests.ok(Guests.get(null, app, "/secret/TOKEN")));
        now.set(ROTATION);
        assertEquals("token-new", Guests.ok(Guests.get(null, app, "/secret/TOKEN")));
        assertEquals(404, Guests.get(null, app, "/secret/OTHER").status());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void anyMomentCanBeAskedAbout(String engine) {
        App app = probe(engine);
        now.set(ROTATION);
        assertEquals("token-old", Guests.ok(Guests.get(null, app, "/secret-at/" + (ROTATION - 1) + "/TOKEN")));
        assertEquals("token-new", Guests.ok(Guests.get(null, app, "/secret-at/" + ROTATION + "/TOKEN")));
        assertEquals("token-old", Guests.ok(Guests.get(null, app, "/secret-at/0/TOKEN")));
        assertEquals("status 2", Guests.text(Guests.get(null, app, "/bad-at")), "a negative time: BAD_ARGUMENT");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aSecretTheAppLogsIsHiddenInEveryStream(String engine) {
        App app = probe(engine);
        now.set(ROTATION);
        logs.clear();
        assertEquals("logged", Guests.ok(Guests.get(null, app, "/leak/TOKEN")));
        List<LogLine> lines = List.copyOf(logs);
        assertEquals(4, lines.size(), lines.toString()); // log, stdout, stderr and the diagnostic's host line
        for (LogLine line : lines) {
            assertFalse(line.text().contains("token-new"), line.toString());
            assertTrue(line.text().contains(Secrets.HIDDEN), line.toString());
        }
    }
}

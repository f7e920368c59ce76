package dev.wedge.host.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.EngineTest;
import dev.wedge.host.Guests;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.app.AppKind;
import dev.wedge.host.run.App;
import dev.wedge.host.secrets.Secrets;
import dev.wedge.host.secrets.SecretsCapability;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every import of the HTTP ABI, called by a real guest, on both engines. */
class HttpAbiTest extends EngineTest {

    private App probe(String engine) {
        var config = new AppConfig("probe", null, Map.of("FOO", "foo-value"), Guests.TEST_LIMITS)
                .with(SecretsCapability.SETTINGS, Secrets.plain(Map.of("BAR", "bar-secret")));
        return Guests.load(host(engine), "probe", config);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void requestAccessorsEnvAndSecretsReachTheGuest(String engine) {
        var headers = Headers.of("host", "example.test", "x-test", "one", "accept", "*/*");
        var request = AppRequest.of("POST", "/info?a=1&b=2", headers, "hello body, longer than seven".getBytes());

        AppResponse response = probe(engine).handle(request);

        assertEquals("""
                method=POST
                url=http://example.test/info?a=1&b=2
                path=/info
                query=a=1&b=2
                x-test=one
                header-count=5
                body-size=29
                body=hello body, longer than seven
                env.FOO=foo-value
                secret.BAR=bar-secret
                """, Guests.ok(response));
        assertEquals("yes", response.headers().get("x-probe"));
        assertEquals("a, b", response.headers().get("x-multi"));
        assertEquals(AppKind.HTTP, probe(engine).kind());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void statusIsSetAndOutOfRangeStatusIsRejected(String engine) {
        AppResponse teapot = Guests.get(host(engine), probe(engine), "/status?418");
        assertEquals(418, teapot.status(), () -> Guests.text(teapot));
        for (String code : new String[] {"99", "100", "199", "600"}) {
            AppResponse rejected = Guests.get(host(engine), probe(engine), "/status?" + code);
            assertEquals("rejected=2\n", Guests.ok(rejected), "status " + code);
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void tooSmallBufferReportsTheNeededLength(String engine) {
        AppResponse response = Guests.get(host(engine), probe(engine), "/small-buffer");
        assertEquals("status=4 needed=3\n", Guests.ok(response));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void invalidArgumentsGetBadArgument(String engine) {
        String body = Guests.ok(Guests.get(host(engine), probe(engine), "/bad-args"));
        assertEquals("""
                set_status_99=2
                set_header_badname=2
                set_header_crlf=2
                log_level_9=2
                """, body);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void largeBodiesRoundTripInChunks(String engine) {
        byte[] body = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(body);
        var request = AppRequest.of("PUT", "/body-echo", Headers.of(), body);
        AppResponse response = probe(engine).handle(request);
        assertEquals(200, response.status(), () -> Guests.text(response));
        assertArrayEquals(body, response.body());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void logCallsStdoutAndStderrReachTheAppLog(String engine) {
        logs.clear();
        assertEquals("logged\n", Guests.ok(Guests.get(host(engine), probe(engine), "/log")));
        assertTrue(logs.contains(new LogLine("probe", "log", 2, "hello log")), logs::toString);
        assertTrue(logs.contains(new LogLine("probe", "stdout", 2, "to stdout")), logs::toString);
        assertTrue(logs.contains(new LogLine("probe", "stderr", 2, "to stderr")), logs::toString);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void noStateSurvivesBetweenRequests(String engine) {
        App app = probe(engine);
        for (int i = 0; i < 5; i++) {
            assertEquals("count=1\n", Guests.ok(Guests.get(host(engine), app, "/counter")));
        }
    }
}

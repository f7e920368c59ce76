package dev.wedge.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.app.App;
import dev.wedge.host.http.AppResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Guests that attack or abuse the host get a defined answer, and the host keeps serving. */
class HostileGuestTest extends EngineTest {

    private App probe(String engine) {
        return Guests.load(host(engine), "probe", Guests.config("probe"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void everyImportRejectsOutOfRangePointersAndLengths(String engine) {
        AppResponse response = Guests.get(host(engine), probe(engine), "/hostile");
        assertEquals(200, response.status());
        List<String> lines = Arrays.asList(Guests.text(response).split("\n"));
        assertTrue(lines.size() >= 40, "expected a case per import parameter, got " + lines);
        for (String line : lines) {
            assertTrue(line.endsWith("=3"), "expected INVALID_MEMORY (3): " + line);
        }
        List<String> imports = lines.stream().map(line -> line.substring(0, line.indexOf('.'))).distinct().toList();
        assertEquals(14, imports.size(), "every import with memory arguments: " + imports);
        assertOk(engine);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void infiniteLoopTimesOutWith532(String engine) {
        long start = System.nanoTime();
        AppResponse response = Guests.get(host(engine), probe(engine), "/loop");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertFailure(response, 532, "timeout");
        assertTrue(millis >= Guests.TEST_LIMITS.timeout().toMillis(), "stopped early: " + millis + " ms");
        assertOk(engine);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void mallocBombIsOutOfMemory531(String engine) {
        assertFailure(Guests.get(host(engine), probe(engine), "/membomb"), 531, "out-of-memory");
        assertOk(engine);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void memoryGrowBombIsOutOfMemory531(String engine) {
        App bomb = Guests.load(host(engine), "grow_bomb", Guests.config("grow_bomb"));
        assertFailure(Guests.get(host(engine), bomb, "/"), 531, "out-of-memory");
        assertOk(engine);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void trapIs533(String engine) {
        assertFailure(Guests.get(host(engine), probe(engine), "/trap"), 533, "trap");
        assertOk(engine);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void handlerReportingFailureIs533(String engine) {
        assertFailure(Guests.get(host(engine), probe(engine), "/fail"), 533, "handler-failed");
        assertFailure(Guests.get(host(engine), probe(engine), "/exit"), 533, "handler-failed");
        assertOk(engine);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void oversizedResponseIs533(String engine) {
        assertFailure(Guests.get(host(engine), probe(engine), "/bigout"), 533, "response-too-large");
        assertOk(engine);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void stdoutFloodIsCappedInTheLog(String engine) {
        logs.clear();
        AppResponse response = Guests.get(host(engine), probe(engine), "/stdout-flood");
        assertEquals(200, response.status());
        long logged = logs.stream().filter(line -> line.stream().equals("stdout")).mapToLong(l -> l.text().length()).sum();
        assertTrue(logged <= Guests.TEST_LIMITS.maxLogBytes() + 200, "log not capped: " + logged);
        assertTrue(logs.stream().anyMatch(line -> line.text().startsWith("[truncated")), "no truncation mark");
    }

    private void assertOk(String engine) {
        AppResponse response = Guests.get(host(engine), probe(engine), "/counter");
        assertEquals(200, response.status(), "the host must keep serving");
        assertEquals("count=1\n", Guests.text(response));
    }

    static void assertFailure(AppResponse response, int status, String reason) {
        assertEquals(status, response.status(), () -> Guests.text(response));
        assertEquals(reason, response.headers().get("x-wedge-error"));
        assertEquals(reason, response.error());
    }
}

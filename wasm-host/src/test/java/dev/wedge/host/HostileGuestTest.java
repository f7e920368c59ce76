package dev.wedge.host;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.app.AppConfig;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.run.App;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
        List<String> lines = Arrays.asList(Guests.ok(response).split("\n"));
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
        var config = new AppConfig("probe", null, Map.of(), Guests.DEADLINE_LIMITS);
        App looping = Guests.load(host(engine), "probe", config);
        long start = System.nanoTime();
        AppResponse response = Guests.get(host(engine), looping, "/loop");
        long millis = (System.nanoTime() - start) / 1_000_000;
        Guests.assertFailure(response, 532, "timeout");
        long limit = Guests.DEADLINE_LIMITS.timeout().toMillis();
        assertTrue(millis >= limit, "stopped early: " + millis + " ms");
        // measured overshoot: a few ms; ten times the deadline still tells a stopped guest from one left running
        assertTrue(millis < 10 * limit, "stopped late: " + millis + " ms");
        assertOk(engine);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void mallocBombIsOutOfMemory531(String engine) {
        Guests.assertFailure(Guests.get(host(engine), probe(engine), "/membomb"), 531, "out-of-memory");
        assertOk(engine);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void memoryGrowBombIsOutOfMemory531(String engine) {
        App bomb = Guests.load(host(engine), "grow_bomb", Guests.config("grow_bomb"));
        Guests.assertFailure(Guests.get(host(engine), bomb, "/"), 531, "out-of-memory");
        assertOk(engine);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void endlessRecursionIs533(String engine) {
        App deep = Guests.load(host(engine), "deep_recursion", Guests.config("deep_recursion"));
        Guests.assertFailure(Guests.get(host(engine), deep, "/"), 533, "trap");
        assertOk(engine);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void tableGrowIsCapped(String engine) {
        App bomb = Guests.load(host(engine), "table_bomb", Guests.config("table_bomb"));
        for (int request = 0; request < 3; request++) { // each starts from the declared table again
            Guests.ok(Guests.get(host(engine), bomb, "/")); // the guest traps (533) on a grow past the cap
        }
        assertOk(engine);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void headersPastTheirTotalSizeSpoilTheResponse(String engine) {
        Guests.assertFailure(Guests.get(host(engine), probe(engine), "/header-bomb"), 533, "response-too-large");
        assertOk(engine);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void trapIs533(String engine) {
        Guests.assertFailure(Guests.get(host(engine), probe(engine), "/trap"), 533, "trap");
        assertOk(engine);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void handlerReportingFailureIs533(String engine) {
        Guests.assertFailure(Guests.get(host(engine), probe(engine), "/fail"), 533, "handler-failed");
        Guests.assertFailure(Guests.get(host(engine), probe(engine), "/exit"), 533, "handler-failed");
        assertOk(engine);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void oversizedResponseIs533(String engine) {
        Guests.assertFailure(Guests.get(host(engine), probe(engine), "/bigout"), 533, "response-too-large");
        assertOk(engine);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void stdoutFloodIsCappedInTheLog(String engine) {
        logs.clear();
        Guests.ok(Guests.get(host(engine), probe(engine), "/stdout-flood"));
        long logged = logs.stream().filter(line -> line.stream().equals("stdout"))
                .mapToLong(line -> line.text().length()).sum();
        assertTrue(logged <= Guests.TEST_LIMITS.maxLogBytes() + 200, "log not capped: " + logged);
        assertTrue(logs.stream().anyMatch(line -> line.text().startsWith("[truncated")), "no truncation mark");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void wasiCallsRejectOutOfRangePointers(String engine) {
        var config = new AppConfig("wasi", null, Map.of("FOO", "bar"), Guests.TEST_LIMITS);
        App app = Guests.load(host(engine), "wasi_hostile", config);
        logs.clear();
        AppResponse response = Guests.get(host(engine), app, "/");
        Guests.ok(response);
        assertArrayEquals(new byte[] {21, 21, 21, 21, 28, 21, 21, 21, 21, 21, 21, 21, 21, 21, 8}, response.body());
        assertTrue(logs.stream().noneMatch(line -> line.text().contains("oops")),
                "a write with one bad iovec must write nothing: " + logs);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void floodsOfEmptyLogLinesAreCapped(String engine) {
        // 100,000 host calls take about a second on wasmtime: the test limits' deadline leaves room for that
        var config = new AppConfig("spam", null, Map.of(), Guests.TEST_LIMITS);
        App app = Guests.load(host(engine), "log_spam", config);
        logs.clear();
        assertEquals("ok", Guests.ok(Guests.get(host(engine), app, "/")));
        assertTrue(logs.size() <= Guests.TEST_LIMITS.maxLogBytes() + 1, "kept " + logs.size() + " lines");
        assertTrue(logs.get(logs.size() - 1).text().startsWith("[truncated"), "no truncation mark");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void failingInstantiationIs530OnEveryRequest(String engine) {
        App app = Guests.load(host(engine), "start_trap", Guests.config("start_trap"));
        for (int i = 0; i < 3; i++) {
            Guests.assertFailure(Guests.get(host(engine), app, "/"), 530, "load-failed");
        }
        assertOk(engine);
    }

    private void assertOk(String engine) {
        AppResponse response = Guests.get(host(engine), probe(engine), "/counter");
        assertEquals("count=1\n", Guests.ok(response), "the host must keep serving");
    }
}

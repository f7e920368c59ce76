package dev.wedge.host.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.EngineTest;
import dev.wedge.host.Guests;
import dev.wedge.host.HostServices;
import dev.wedge.host.WasmHost;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.Headers;
import dev.wedge.host.run.App;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cache imports called by a real guest (cache_probe) on both engines, over the in-process backend on a clock
 * the tests move, so TTLs expire without waiting.
 */
class CacheAbiTest extends EngineTest {

    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    private final Map<String, WasmHost> hosts = new ConcurrentHashMap<>();
    private final AtomicLong fresh = new AtomicLong();

    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    };

    private WasmHost cached(String engine) {
        return hosts.computeIfAbsent(engine, name -> WasmHost.create(name,
                HostServices.of((app, stream, level, text) -> { }).with(CacheBackend.class, new MemoryCache(clock))));
    }

    @AfterAll
    void closeCached() {
        hosts.values().forEach(WasmHost::close);
    }

    private App probe(String engine, String name, CacheSettings settings) {
        return Guests.load(cached(engine), "cache_probe",
                Guests.config(name).with(CacheCapability.SETTINGS, settings));
    }

    private App probe(String engine) {
        return probe(engine, "probe" + fresh.incrementAndGet(), CacheSettings.DEFAULT);
    }

    private static String run(App app, String... commands) {
        var request = AppRequest.of("POST", "/", Headers.of(),
                String.join("\n", commands).getBytes(StandardCharsets.UTF_8));
        return Guests.ok(app.handle(request));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void everyOperationThroughTheGuest(String engine) {
        App probe = probe(engine);
        String long300 = "v".repeat(300);
        assertEquals(String.join("\n", "0 ", "0 hello", "1 ", "4 needed=5", "0 ", "0 " + long300, "0 ", "1 ",
                        "0 5", "0 3", "0 3", "2 ", "0 ", "1 ", "1 ", "0 ", "1 ", "0 ", "0 ")
                        + "\n",
                run(probe, "set greeting hello", "get greeting", "get missing", "small greeting",
                        "set long " + long300, "get long", "exists greeting", "exists missing",
                        "incr n 5", "incr n -2", "get n", "incr greeting 1", "del greeting", "del greeting",
                        "expire missing 1000", "expire n 1000", "get n-absent", "set empty -", "get empty"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void ttlsExpireOnTheNodesClock(String engine) {
        App probe = probe(engine);
        assertEquals("0 \n0 \n0 1\n0 \n0 2\n0 \n", run(probe, "set short v 1000", "set forever v 0",
                "incr counter 1", "expire counter 5000", "incr counter 1", "exists short"));
        now.addAndGet(1000);
        assertEquals("1 \n0 \n0 2\n", run(probe, "get short", "exists forever", "get counter"),
                "a key expires at its TTL; incr kept the counter's TTL");
        now.addAndGet(4000);
        assertEquals("1 \n0 1\n", run(probe, "get counter", "incr counter 1"), "a counter starts again at 0");
        assertEquals("0 \n1 \n", run(probe, "expire forever 0", "exists forever"), "expire 0 removes at once");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void keysAndPurgesAreTheAppsOwn(String engine) {
        App alice = probe(engine);
        App bob = probe(engine);
        assertEquals("0 \n0 \n0 \n", run(alice, "set user:1 a", "set user:2 b", "set other c"));
        assertEquals("0 \n0 \n", run(bob, "set user:1 mine", "set zzz z"));
        assertEquals("0 mine\n1 \n", run(bob, "get user:1", "get other"));
        assertEquals("0 2\n1 \n0 c\n", run(alice, "purgep user:", "get user:1", "get other"));
        assertEquals("0 mine\n", run(bob, "get user:1"), "alice's purge left bob's keys");
        assertEquals("0 1\n0 0\n", run(alice, "purge", "purge"));
        assertEquals("0 mine\n0 z\n", run(bob, "get user:1", "get zzz"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void limitsAndBadArgumentsAnswerAStatus(String engine) {
        var small = new CacheSettings(8, 10, 2, Duration.ofSeconds(30));
        App probe = probe(engine, "small" + fresh.incrementAndGet(), small);
        assertEquals(String.join("\n", "0 ", "0 ", "5 ", "0 ", "5 ", "12 ", "0 ", "2 ", "2 ", "2 ", "2 ", "2 ",
                        "2 ", "0 ", "0 x") + "\n",
                run(probe, "set k1 v", "set k2 v", "set k3 v", "set k1 again", "incr k3 1", "setbig k1 11",
                        "setbig k1 10", "set 123456789 v", "get ", "set k1 v -1", "expire k1 -5", "incr k1 1",
                        "purgep 123456789", "set k2 x", "get k2"));
        assertEquals("0 \n", run(probe, "del k2"));
        assertEquals("0 \n", run(probe, "set k3 v"), "a deleted key makes room again");
        assertEquals("0 \n5 \n", run(probe, "expire k3 1000", "set k4 v"));
        now.addAndGet(1000);
        assertEquals("0 \n", run(probe, "set k4 v"), "an expired key makes room again");
    }

    @ParameterizedTest
    @MethodSource("engines")
    void hostilePointersGetInvalidMemoryAndTheAppKeepsServing(String engine) {
        App probe = probe(engine);
        List<String> lines = List.of(run(probe, "hostile").split("\n"));
        assertEquals(13, lines.size(), lines::toString);
        for (String line : lines) {
            assertTrue(line.endsWith("=3"), "expected INVALID_MEMORY: " + line);
        }
        assertEquals("1 \n0 \n0 ok\n", run(probe, "get hostile", "set after ok", "get after"),
                "nothing was written by the refused calls, and the next request works");
    }

    /** The AssemblyScript SDK's {@code Cache}: every call once, through the same imports. */
    @ParameterizedTest
    @MethodSource("engines")
    void theAssemblyScriptSdkCallsEveryImport(String engine) {
        App app = Guests.load(cached(engine), "cache_as", Guests.config("as" + fresh.incrementAndGet()));
        assertEquals("set=ok get=hello get-missing=!NOT_FOUND exists=yes incr=5 incr-text=!BAD_ARGUMENT expire=yes"
                + " delete=yes delete-again=no set-more=ok purge-prefix=1 purge=1", Guests.ok(Guests.get(
                        cached(engine), app, "/")));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aNodeWithoutACacheAnswersUnavailable(String engine) {
        App probe = Guests.load(host(engine), "cache_probe", Guests.config("nocache"));
        assertEquals("9 \n9 \n", run(probe, "set k v", "incr k 1"));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void concurrentIncrementsFromManyRequestsAddUpExactly(String engine) throws Exception {
        App probe = probe(engine);
        int requests = 120;
        var pool = Executors.newFixedThreadPool(8);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            results.add(pool.submit(() -> run(probe, "incr hits 1")));
        }
        var seen = new TreeSet<Long>();
        for (Future<String> result : results) {
            String line = result.get(60, TimeUnit.SECONDS).strip();
            assertTrue(line.startsWith("0 "), line);
            seen.add(Long.parseLong(line.substring(2)));
        }
        pool.shutdown();
        assertEquals(requests, seen.size(), "every increment returned a distinct value");
        assertEquals(1, seen.first());
        assertEquals(requests, seen.last());
        assertEquals("0 " + requests + "\n", run(probe, "get hits"));
    }
}

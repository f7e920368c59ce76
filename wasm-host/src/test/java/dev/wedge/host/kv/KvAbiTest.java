package dev.wedge.host.kv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.host.Guests;
import dev.wedge.host.HostServices;
import dev.wedge.host.WasmHost;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.host.run.App;
import dev.wedge.kv.KvStoreConfig;
import dev.wedge.kv.KvStores;
import dev.wedge.kv.RedisFixture;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The key-value imports called by real guests, on both engines and both backends (embedded MVStore and a real
 * Redis server on loopback). Each combination has its own node-like host whose store "default" is that backend.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KvAbiTest {

    /**
     * No test here is about the store's timeout: a busy machine must not turn a slow answer into a failure. A
     * Redis that is down is refused at once, far within it.
     */
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);

    private Vertx vertx;
    private RedisFixture redis;
    private final Map<String, KvStores> stores = new ConcurrentHashMap<>();
    private final Map<String, WasmHost> hosts = new ConcurrentHashMap<>();
    private int fresh;

    @BeforeAll
    void start() {
        vertx = Vertx.vertx();
        redis = new RedisFixture();
    }

    @AfterAll
    void stop() {
        hosts.values().forEach(WasmHost::close);
        stores.values().forEach(kv -> kv.close().toCompletionStage().toCompletableFuture().join());
        redis.close();
        vertx.close();
    }

    static Stream<Arguments> combinations() {
        return WasmHost.ENGINES.stream().flatMap(engine -> Stream.of("embedded", "redis")
                .map(backend -> Arguments.of(engine, backend)));
    }

    private KvStores stores(String backend) {
        return stores.computeIfAbsent(backend, name -> {
            try {
                String location = name.equals("redis") ? redis.url() : Files.createTempDirectory("kv").toString();
                var main = KvStoreConfig.of("default", name, location).withTimeout(STORE_TIMEOUT);
                var other = KvStoreConfig.of("other", "embedded", Files.createTempDirectory("kv").toString())
                        .withTimeout(STORE_TIMEOUT);
                return KvStores.open(vertx, List.of(main, other));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private WasmHost host(String engine, String backend) {
        return hosts.computeIfAbsent(engine + "/" + backend,
                key -> WasmHost.create(engine,
                        HostServices.of((app, stream, level, text) -> { }).with(KvStores.class, stores(backend))));
    }

    /** An app bound to "default", in a namespace of its own unless a name is given. */
    private App app(String engine, String backend, String guest, String name) {
        var config = new AppConfig(name, null, Map.of(), Guests.TEST_LIMITS)
                .with(KvCapability.SETTINGS, new KvBinding(Set.of("default")));
        return Guests.load(host(engine, backend), guest, config);
    }

    private String run(String engine, String backend, App app, String commands) {
        var request = AppRequest.of("POST", "/", Headers.of(), commands.getBytes(StandardCharsets.UTF_8));
        AppResponse response = app.handle(request);
        assertEquals(200, response.status(), () -> Guests.text(response));
        return Guests.text(response);
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void everyOperationThroughTheGuest(String engine, String backend) {
        App probe = app(engine, backend, "kv_probe", "probe" + (fresh++));
        String value = "v".repeat(40);
        String out = run(engine, backend, probe, String.join("\n",
                "open default", "set greeting hello", "get greeting", "get missing", "small greeting",
                "set long " + value, "get long", "exists greeting", "exists missing", "mget greeting,missing,long",
                "incr n 5", "incr n -2", "incr greeting 1",
                "cas lock - me", "cas lock - you", "cas lock me next", "get lock", "del lock", "del lock",
                "zadd board 10 alice", "zadd board 5 bob", "zadd board inf top",
                "zrange board -inf inf 10", "zrange board 6 100 1", "zscan board *o* 1", "zadd greeting 1 x",
                "scan * 2", "scan g* 10", "setbig big 2000000", "get "));
        assertEquals(String.join("\n",
                "0 0", "0 ", "0 hello", "1 ", "4 needed=5",
                "0 ", "0 " + value, "0 ", "1 ", "0 hello,<absent>," + value,
                "0 5", "0 3", "2 ",
                "0 ", "13 ", "0 ", "0 next", "0 ", "1 ",
                "0 ", "0 ", "0 ",
                "0 bob:5,alice:10,top:inf", "0 alice:10", "0 bob:5,top:inf", "2 ",
                "0 board,greeting,long,n", "0 greeting", "12 ", "2 ") + "\n", out);
    }

    /** A guest opening stores in a loop holds one handle per store, not one per call. */
    @ParameterizedTest
    @MethodSource("combinations")
    void openingAStoreAgainGivesItsHandleAgain(String engine, String backend) {
        App probe = app(engine, backend, "kv_probe", "probe" + (fresh++));
        String script = String.join("\n", Collections.nCopies(1_000, "open default"));
        String out = run(engine, backend, probe, script);
        assertEquals("0 0\n".repeat(1_000), out);
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void storesOutsideTheAppsBindingsAreRefused(String engine, String backend) {
        App probe = app(engine, backend, "kv_probe", "probe" + (fresh++));
        assertEquals("11 \n7 \n0 \n2 \n", run(engine, backend, probe, "open nosuch\nopen other\nuse 99\nget x"));
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void hostilePointersGetInvalidMemory(String engine, String backend) {
        App probe = app(engine, backend, "kv_probe", "probe" + (fresh++));
        List<String> lines = List.of(run(engine, backend, probe, "open default\nhostile").split("\n"));
        assertEquals("0 0", lines.get(0));
        assertTrue(lines.size() > 25, lines::toString);
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(line.endsWith("=3"), "expected INVALID_MEMORY: " + line);
        }
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void appsSharingAStoreCannotReachEachOthersKeys(String engine, String backend) {
        String suffix = String.valueOf(fresh++);
        App alice = app(engine, backend, "kv_probe", "alice" + suffix);
        App bob = app(engine, backend, "kv_probe", "bob" + suffix);
        run(engine, backend, alice, "open default\nset secret a\nzadd z 1 m");
        assertEquals("0 0\n1 \n1 \n1 \n0 \n0 \n0 \n", run(engine, backend, bob, String.join("\n", "open default",
                "get secret", "exists secret", "del secret", "scan * 100", "scan *secret 100", "zrange z -inf inf 10")));
        assertEquals("0 0\n0 a\n", run(engine, backend, alice, "open default\nget secret"));
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void concurrentIncrementsFromManyRequestsAddUpExactly(String engine, String backend) throws Exception {
        App counter = app(engine, backend, "kv_counter", "counter" + (fresh++));
        var pool = Executors.newFixedThreadPool(8);
        List<Future<AppResponse>> results = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            results.add(pool.submit(() -> Guests.get(host(engine, backend), counter, "/")));
        }
        var seen = new TreeSet<Integer>();
        for (Future<AppResponse> result : results) {
            seen.add(Integer.parseInt(Guests.ok(result.get(60, TimeUnit.SECONDS)).strip()));
        }
        pool.shutdown();
        assertEquals(120, seen.size(), "every increment returned a distinct value");
        assertEquals(1, seen.first());
        assertEquals(120, seen.last());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void redisGoingDownIsUnavailableAndComingBackWorks(String engine) {
        App probe = app(engine, "redis", "kv_probe", "probe" + (fresh++));
        assertEquals("0 0\n0 \n", run(engine, "redis", probe, "open default\nset k before"));
        redis.stop();
        try {
            long start = System.nanoTime();
            assertEquals("0 0\n9 \n9 \n", run(engine, "redis", probe, "open default\nget k\nset k during"));
            assertTrue((System.nanoTime() - start) / 1_000_000 < 3_000, "unavailable must be reported promptly");
        } finally {
            redis.start();
        }
        assertEquals("0 0\n0 \n0 after\n", run(engine, "redis", probe, "open default\nset k after\nget k"));
    }

    static Stream<String> engines() {
        return WasmHost.ENGINES.stream();
    }
}

package dev.wedge.kv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The store contract, run against every backend: embedded (MVStore) and a real Redis server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KvStoreContractTest {

    /** Nothing here is about the store's timeout: a busy machine must not turn a slow answer into a failure. */
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);
    /** Longer than the store's timeout, so a store that gives up is seen failing, not the wait. */
    private static final long AWAIT_SECONDS = 60;

    private Vertx vertx;
    private RedisFixture redis;
    private Path dir;
    private KvStores stores;
    private int fresh;

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        redis = new RedisFixture();
        dir = Files.createTempDirectory("wedge-kv");
        stores = KvStores.open(vertx, List.of(
                KvStoreConfig.of("embedded", "embedded", dir.toString()).withTimeout(STORE_TIMEOUT),
                KvStoreConfig.of("redis", "redis", redis.url()).withTimeout(STORE_TIMEOUT)));
    }

    @AfterAll
    void stop() {
        await(stores.close());
        redis.close();
        vertx.close();
    }

    static Stream<String> backends() {
        return Stream.of("embedded", "redis");
    }

    /** A namespace no other test uses, so tests share one store without seeing each other. */
    private KvStore store(String backend) {
        return stores.view(backend, "t" + (fresh++));
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(AWAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void setGetExistsDelete(String backend) {
        KvStore kv = store(backend);
        assertNull(await(kv.get("a")));
        assertFalse(await(kv.exists("a")));
        await(kv.set("a", b("one"), null));
        assertArrayEquals(b("one"), await(kv.get("a")));
        assertTrue(await(kv.exists("a")));
        await(kv.set("a", new byte[] {0, (byte) 0xff, 10}, Duration.ZERO));
        assertArrayEquals(new byte[] {0, (byte) 0xff, 10}, await(kv.get("a")), "values are binary-safe");
        assertTrue(await(kv.delete("a")));
        assertFalse(await(kv.delete("a")));
        assertNull(await(kv.get("a")));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void getManyKeepsOrderAndMarksAbsentKeys(String backend) {
        KvStore kv = store(backend);
        await(kv.set("x", b("1"), null));
        await(kv.set("z", b("3"), null));
        List<byte[]> values = await(kv.getMany(List.of("z", "y", "x")));
        assertArrayEquals(b("3"), values.get(0));
        assertNull(values.get(1));
        assertArrayEquals(b("1"), values.get(2));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void keysExpireAfterTheirTtl(String backend) {
        KvStore kv = store(backend);
        await(kv.set("short", b("v"), Duration.ofMillis(20)));
        await(kv.set("long", b("v"), Duration.ofMinutes(5)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (await(kv.get("short")) != null) { // waits for the clock, not for another thread
            assertTrue(System.nanoTime() < deadline, "key did not expire");
            Thread.onSpinWait();
        }
        assertFalse(await(kv.exists("short")));
        assertArrayEquals(b("v"), await(kv.get("long")));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void scanPagesThroughEveryMatchOnce(String backend) {
        KvStore kv = store(backend);
        for (int i = 0; i < 230; i++) {
            await(kv.set("user:" + i, b("u"), null));
        }
        for (int i = 0; i < 20; i++) {
            await(kv.set("order:" + i, b("o"), null));
        }
        assertEquals(230, scanAll(kv, "user:*", 50).size());
        assertEquals(10, scanAll(kv, "user:1?", 7).size(), "user:10 .. user:19");
        assertEquals(new TreeSet<>(List.of("order:1", "order:2")), scanAll(kv, "order:[12]", 5));
        assertEquals(250, scanAll(kv, "*", 100).size());
    }

    private static TreeSet<String> scanAll(KvStore kv, String pattern, int limit) {
        var keys = new TreeSet<String>();
        String cursor = "";
        int pages = 0;
        do {
            ScanPage<String> page = await(kv.scan(pattern, cursor, limit));
            keys.addAll(page.items());
            cursor = page.nextCursor();
            assertTrue(++pages < 10_000, "scan does not end");
        } while (!cursor.isEmpty());
        return keys;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void concurrentIncrementsAddUpExactly(String backend) throws Exception {
        KvStore kv = store(backend);
        var pool = Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    await(kv.incr("hits", 1));
                }
            }));
        }
        for (var task : done) {
            task.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(805L, await(kv.incr("hits", 5)));
        await(kv.set("word", b("abc"), null));
        assertEquals(KvException.Kind.WRONG_VALUE, assertThrows(KvException.class, () -> await(kv.incr("word", 1))).kind());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void compareAndSetSwapsOnlyTheExpectedValue(String backend) {
        KvStore kv = store(backend);
        assertTrue(await(kv.compareAndSet("lock", null, b("me"))), "absent as expected");
        assertFalse(await(kv.compareAndSet("lock", null, b("you"))), "no longer absent");
        assertFalse(await(kv.compareAndSet("lock", b("you"), b("them"))));
        assertTrue(await(kv.compareAndSet("lock", b("me"), b("next"))));
        assertArrayEquals(b("next"), await(kv.get("lock")));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void sortedSetsRangeAndScanByScore(String backend) {
        KvStore kv = store(backend);
        await(kv.zadd("board", 30, b("carol")));
        await(kv.zadd("board", 10, b("alice")));
        await(kv.zadd("board", 20, b("bob")));
        await(kv.zadd("board", Double.NEGATIVE_INFINITY, b("zero")));
        await(kv.zadd("board", 5, b("bob")));
        assertEquals("[zero:-Infinity, bob:5.0, alice:10.0, carol:30.0]",
                await(kv.zrangeByScore("board", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 100)).toString());
        assertEquals("[bob:5.0, alice:10.0]", await(kv.zrangeByScore("board", 0, 10, 100)).toString());
        assertEquals("[bob:5.0]", await(kv.zrangeByScore("board", 0, 100, 1)).toString());
        assertEquals(List.of(), await(kv.zrangeByScore("nothing", 0, 100, 10)));
        List<ScoredMember> scanned = new ArrayList<>();
        String cursor = "";
        do {
            ScanPage<ScoredMember> page = await(kv.zscan("board", "*o*", cursor, 1));
            scanned.addAll(page.items());
            cursor = page.nextCursor();
        } while (!cursor.isEmpty());
        assertEquals("[bob:5.0, carol:30.0, zero:-Infinity]",
                scanned.stream().sorted((x, y) -> Arrays.compare(x.member(), y.member())).toList().toString());
        await(kv.set("plain", b("v"), null));
        assertEquals(KvException.Kind.WRONG_VALUE,
                assertThrows(KvException.class, () -> await(kv.zadd("plain", 1, b("m")))).kind());
        assertEquals(KvException.Kind.WRONG_VALUE, assertThrows(KvException.class, () -> await(kv.get("board"))).kind());
        assertTrue(await(kv.delete("board")));
        assertEquals(List.of(), await(kv.zrangeByScore("board", 0, 100, 10)));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void namespacesCannotSeeEachOther(String backend) {
        KvStore alice = stores.view(backend, "alice");
        KvStore bob = stores.view(backend, "bob");
        await(alice.set("secret", b("a"), null));
        await(alice.zadd("scores", 1, b("a")));
        assertNull(await(bob.get("secret")));
        assertFalse(await(bob.exists("secret")));
        assertFalse(await(bob.delete("secret")));
        for (String pattern : List.of("*", "*secret", "\\*", "[a-z]*", "../alice:*", "alice:*", ":*")) {
            assertTrue(scanAll(bob, pattern, 100).isEmpty(), "bob sees alice's keys with " + pattern);
        }
        assertEquals(List.of(), await(bob.zrangeByScore("scores", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 10)));
        assertEquals(new TreeSet<>(List.of("scores", "secret")), scanAll(alice, "*", 100));
        assertArrayEquals(b("a"), await(alice.get("secret")));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void globsMatchLikeRedis(String backend) {
        KvStore kv = store(backend);
        for (String key : List.of("a*b", "axb", "a?b", "a[b", "ab")) {
            await(kv.set(key, b("v"), null));
        }
        assertEquals(new TreeSet<>(List.of("a*b")), scanAll(kv, "a\\*b", 10));
        assertEquals(new TreeSet<>(List.of("a*b", "a?b", "a[b", "axb")), scanAll(kv, "a?b", 10));
        assertEquals(new TreeSet<>(List.of("a*b", "a?b", "a[b", "ab", "axb")), scanAll(kv, "a*", 10));
        assertEquals(new TreeSet<>(List.of("a?b", "a[b", "axb")), scanAll(kv, "a[^*]b", 10));
    }
}

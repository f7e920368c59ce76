package dev.wedge.kv;

import static dev.wedge.kv.KvStoreContractTest.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.kv.embedded.EmbeddedKvStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What happens when backends go away, stall or restart, and what survives a restart of the node. */
class KvResilienceTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void redisDownIsUnavailableWithinTheTimeoutAndRecoversByItself() {
        // a refused connection is reported at once; the timeout is only the bound, far above that on any machine
        Duration timeout = Duration.ofSeconds(5);
        try (var redis = new RedisFixture()) {
            var config = KvStoreConfig.of("r", "redis", redis.url()).withTimeout(timeout);
            KvStores stores = KvStores.open(vertx, List.of(config));
            KvStore kv = stores.view("r", "app");
            await(kv.set("k", b("before"), null));

            redis.stop();
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                KvException down = assertThrows(KvException.class, () -> await(kv.get("k")));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(KvException.Kind.UNAVAILABLE, down.kind(), down.getMessage());
                assertTrue(millis < timeout.toMillis(), "failing took " + millis + " ms");
            }

            redis.start(); // an empty Redis: the fixture keeps no data across restarts
            await(kv.set("k", b("after"), null));
            assertArrayEquals(b("after"), await(kv.get("k")));
            await(stores.close());
        }
    }

    @Test
    void stalledRedisTimesOutAndAnswersAgainAfterwards() throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        try (var redis = new RedisFixture();
                var admin = new Socket(InetAddress.getLoopbackAddress(), redis.port())) {
            var config = KvStoreConfig.of("r", "redis", redis.url()).withTimeout(timeout);
            KvStores stores = KvStores.open(vertx, List.of(config));
            KvStore kv = stores.view("r", "app");
            answered(() -> kv.set("k", b("v"), null));

            // writes wait until UNPAUSE (which a write pause, unlike a full one, does not hold up): the stall
            // outlasts the timeout however late the write arrives
            command(admin, "CLIENT PAUSE 600000 WRITE");
            long start = System.nanoTime();
            KvException stalled = assertThrows(KvException.class, () -> await(kv.set("k", b("stalled"), null)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(KvException.Kind.TIMEOUT, stalled.kind(), stalled.getMessage());
            assertTrue(millis < 10 * timeout.toMillis(), "timing out took " + millis + " ms");

            command(admin, "CLIENT UNPAUSE");
            answered(() -> kv.set("other", b("after"), null));
            assertArrayEquals(b("after"), answered(() -> kv.get("other")));
            await(stores.close());
        }
    }

    /**
     * The call's result, asked again while it times out (bounded): with a short store timeout, a busy machine
     * may be slower than the timeout on calls the test does not mean to stall.
     */
    private static <T> T answered(Supplier<Future<T>> call) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return await(call.get());
            } catch (KvException e) {
                if (e.kind() != KvException.Kind.TIMEOUT || System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    /** Sends one inline command and waits for its one-line reply. */
    private static void command(Socket socket, String command) throws java.io.IOException {
        socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        var reply = new StringBuilder();
        for (int c = socket.getInputStream().read(); c != '\n' && c >= 0; c = socket.getInputStream().read()) {
            reply.append((char) c);
        }
        assertTrue(reply.toString().startsWith("+OK"), command + " -> " + reply);
    }

    @Test
    void embeddedDataSurvivesARestart() throws Exception {
        Path file = Files.createTempDirectory("wedge-kv").resolve("durable.mv.db");
        var first = new EmbeddedKvStore(vertx, file);
        await(first.set("kept", b("value"), null));
        await(first.incr("count", 41));
        await(first.zadd("z", 2.5, b("m")));
        await(first.close());

        var second = new EmbeddedKvStore(vertx, file);
        assertArrayEquals(b("value"), await(second.get("kept")));
        assertEquals(42L, await(second.incr("count", 1)));
        assertEquals("[m:2.5]", await(second.zrangeByScore("z", 0, 10, 10)).toString());
        await(second.close());
    }

    @Test
    void readCacheServesRepeatedReadsAndSeesOwnWrites() throws Exception {
        Path dir = Files.createTempDirectory("wedge-kv");
        var backend = new EmbeddedKvStore(vertx, dir.resolve("c.mv.db"));
        var cached = new CachedStore(backend, 100, Duration.ofMinutes(1));
        await(backend.set("k", b("v1"), null));
        assertArrayEquals(b("v1"), await(cached.get("k")));
        await(backend.set("k", b("changed elsewhere"), null));
        assertArrayEquals(b("v1"), await(cached.get("k")), "served from the cache");
        assertArrayEquals(b("v1"), await(cached.getMany(List.of("k"))).get(0));
        await(cached.set("k", b("v2"), null));
        assertArrayEquals(b("v2"), await(cached.get("k")), "own writes invalidate");
        await(cached.delete("k"));
        assertNull(await(cached.get("k")));
        await(cached.close());
    }
}

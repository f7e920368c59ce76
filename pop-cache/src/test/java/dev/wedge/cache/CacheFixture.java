package dev.wedge.cache;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A cache in front of a {@link TestOrigin}, on a clock the test moves. */
final class CacheFixture implements AutoCloseable {

    static final String HOST = "site.test";

    final Vertx vertx = Vertx.vertx();
    final TestOrigin origin;
    final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    HttpCache cache;

    CacheFixture() throws Exception {
        origin = new TestOrigin(vertx);
        cache = await(HttpCache.open(vertx, new NodeCacheSettings(64L << 20, 0, Path.of("unused")), now::get));
    }

    /** A cache with a disk tier under {@code dir}. */
    HttpCache openWithDisk(Path dir, long diskBytes) {
        return await(HttpCache.open(vertx, new NodeCacheSettings(64L << 20, diskBytes, dir), now::get));
    }

    static CacheSettings settings(long defaultTtlSeconds, KeySpec key, long maxObjectBytes) {
        return new CacheSettings(true, Duration.ofSeconds(defaultTtlSeconds), false, key, maxObjectBytes,
                CacheSettings.ResponseApps.ON_EVERY_RESPONSE);
    }

    static CacheSettings settings() {
        return settings(0, KeySpec.DEFAULT, CacheSettings.DEFAULT_MAX_OBJECT_BYTES);
    }

    void advance(Duration by) {
        now.addAndGet(by.toMillis());
    }

    Future<Reply> start(SiteCache site, String method, String target, boolean stream, String... headerPairs) {
        return start(site, method, target, stream, Duration.ofSeconds(30), headerPairs);
    }

    /** @param wait how long a collapsed request waits for the fill in flight */
    Future<Reply> start(SiteCache site, String method, String target, boolean stream, Duration wait,
            String... headerPairs) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("host", HOST);
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(headerPairs[i], headerPairs[i + 1]);
        }
        var request = new SiteCache.Request(method, HOST, target, headers, stream, wait);
        return site.serve(request, origin.origin(target));
    }

    /** A buffered request's reply. */
    Reply get(SiteCache site, String target, String... headerPairs) {
        return await(start(site, "GET", target, false, headerPairs));
    }

    /** The body of a reply, read whole (piped when it streams). */
    String body(Reply reply) {
        if (reply.stream() == null) {
            return new String(reply.body(), StandardCharsets.UTF_8);
        }
        var sink = new Sink();
        await(reply.stream().pipeTo(sink));
        return sink.received.toString(StandardCharsets.UTF_8);
    }

    static String xCache(Reply reply) {
        return reply.headers().get(SiteCache.X_CACHE);
    }

    static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Polls until {@code condition} holds (work the cache does in the background), for at most 30 s. */
    static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("the condition did not hold within 30 s");
            }
            Thread.sleep(10);
        }
    }

    /** A client that reads a streamed body whole. */
    static final class Sink implements WriteStream<Buffer> {
        final Buffer received = Buffer.buffer();
        final Promise<Void> ended = Promise.promise();

        @Override
        public Future<Void> write(Buffer data) {
            received.appendBuffer(data);
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> end() {
            ended.tryComplete();
            return Future.succeededFuture();
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }

    @Override
    public void close() throws Exception {
        await(cache.close());
        origin.close();
        await(vertx.close());
    }
}

package dev.wedge.bench;

import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.kv.KvStoreConfig;
import dev.wedge.kv.KvStores;
import dev.wedge.kv.RedisFixture;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A request whose guest reads or writes one key, per backend: {@code HEAD} only opens the store (the baseline),
 * {@code GET} adds a {@code kv_get}, {@code PUT} a {@code kv_set}. Redis is a real server on loopback.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class KvBenchmark {

    @Param({"chicory"})
    String engine;

    @Param({"embedded", "redis"})
    String backend;

    @Param({"HEAD", "GET", "PUT"})
    String method;

    private Vertx vertx;
    private RedisFixture redis;
    private KvStores stores;
    private BenchHost bench;
    private AppRequest request;

    @Setup
    public void setUp() throws IOException {
        vertx = Vertx.vertx();
        String location;
        if (backend.equals("redis")) {
            redis = new RedisFixture();
            location = redis.url();
        } else {
            location = Files.createTempDirectory("wedge-bench-kv").toString();
        }
        stores = KvStores.open(vertx, List.of(KvStoreConfig.of("default", backend, location)));
        bench = new BenchHost(engine, "kvops", stores);
        request = AppRequest.of(method, "/", Headers.of(), new byte[0]);
        bench.handle(AppRequest.of("PUT", "/", Headers.of(), new byte[0])); // the key exists for GET
    }

    @TearDown
    public void tearDown() {
        bench.close();
        stores.close().toCompletionStage().toCompletableFuture().join();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        if (redis != null) {
            redis.close();
        }
    }

    @Benchmark
    public AppResponse kvRequest() {
        return bench.handle(request);
    }
}

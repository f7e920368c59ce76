package dev.wedge.bench;

import dev.wedge.host.engine.wasmtime.StoreReuse;
import dev.wedge.host.engine.wasmtime.WasmtimeEngine;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
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
 * The per-request cost of apps/hello (or of another app: {@code -p app=... -p path=...}): a fresh instance,
 * {@code _initialize}, the handler with its header and body calls, and the response, as the node pays it on a
 * worker thread (no HTTP). On Wasmtime, successive requests share a store (each in a fresh instance) as they do
 * in the node.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class RequestBenchmark {

    /** {@code wasmtime-store-per-request}: Wasmtime without store reuse, as it ran before, for comparison. */
    @Param({"chicory", "wasmtime", "wasmtime-store-per-request"}) // and -p engine=graal (BenchEngines)
    String engine;

    /** The app: apps/hello, or another example app copied into the guests (benchmarks/pom.xml), e.g. hello-rust. */
    @Param({"hello"})
    String app;

    /** The request's path: {@code /hello} for the conformance apps (apps/conformance-*), whose {@code /} is a 404. */
    @Param({"/"})
    String path;

    private BenchHost bench;
    private AppRequest request;

    @Setup
    public void setUp() {
        bench = engine.equals("wasmtime-store-per-request")
                ? new BenchHost(new WasmtimeEngine(StoreReuse.OFF), app)
                : new BenchHost(engine, app);
        request = AppRequest.of("GET", path, Headers.of("host", "bench.local"), new byte[0]);
    }

    @TearDown
    public void tearDown() {
        bench.close();
    }

    @Benchmark
    public AppResponse hello() {
        return bench.handle(request);
    }
}

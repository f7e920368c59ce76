package dev.wedge.bench;

import dev.wedge.host.app.AppConfig;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.host.limits.Limits;
import java.time.Duration;
import java.util.Map;
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
 * How long a guest that never stops holds its worker: a request to a spinning guest (hostile_loop) with a deadline
 * of {@link #DEADLINE_MS}, answered 532. The time past the deadline is what the engine takes to stop a guest
 * (Chicory: a thread interrupt, Wasmtime: the epoch tick, GraalWasm: a context interrupt) plus the request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class StopBenchmark {

    static final long DEADLINE_MS = 20;

    @Param({"chicory", "wasmtime"}) // and -p engine=graal, the evaluated GraalWasm (BenchEngines)
    String engine;

    private BenchHost bench;
    private AppRequest request;

    @Setup
    public void setUp() {
        var config = new AppConfig("hostile_loop", null, Map.of(),
                Limits.DEFAULT.withTimeout(Duration.ofMillis(DEADLINE_MS)));
        bench = new BenchHost(engine, BenchHost.quietServices(), "hostile_loop", config);
        request = AppRequest.of("GET", "/", Headers.of("host", "bench.local"), new byte[0]);
    }

    @TearDown
    public void tearDown() {
        bench.close();
    }

    @Benchmark
    public AppResponse stopSpinningGuest() {
        return bench.handle(request, 532);
    }
}

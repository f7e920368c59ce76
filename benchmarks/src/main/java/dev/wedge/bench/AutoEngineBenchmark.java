package dev.wedge.bench;

import dev.wedge.host.HostServices;
import dev.wedge.host.WasmHost;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import dev.wedge.host.run.App;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code engine: auto} against each engine, one guest, two workloads: wasm-host's test guest busy_loop computes
 * (request body size x 100,000) rounds, so {@code rounds=0} is a hello and {@code rounds=20} about 2 ms of Chicory
 * work. The warm-up gives auto its counted runs and the background compile; the engine it ended on is printed at
 * the end of each trial. Run from the repo root (the guest is read from wasm-host's test resources).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-XX:-DontCompileHugeMethods"})
public class AutoEngineBenchmark {

    private static final Path GUEST = Path.of("wasm-host/src/test/resources/guests/busy_loop.wasm");

    @Param({"chicory", "wasmtime", "auto"})
    String engine;

    @Param({"0", "20"})
    int rounds;

    private WasmHost host;
    private App app;
    private AppRequest request;

    @Setup
    public void setUp() throws Exception {
        host = WasmHost.create(engine, HostServices.of((app, stream, level, text) -> { }));
        app = host.load(Files.readAllBytes(GUEST), AppConfig.named("busy"));
        request = AppRequest.of("POST", "/", Headers.of("host", "bench.local"), new byte[rounds]);
    }

    @TearDown
    public void tearDown() {
        System.out.println("engine " + engine + ", rounds " + rounds + ": ended on " + app.engine());
        host.close();
    }

    @Benchmark
    public AppResponse request() {
        AppResponse response = app.handle(request);
        if (response.status() != 200) {
            throw new IllegalStateException("busy_loop answered " + response.status());
        }
        return response;
    }
}

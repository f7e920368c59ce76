package dev.wedge.bench;

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
 * The cost of one guest-to-host call through the shared marshalling ({@code HostCall}, bounds checks, status):
 * the hostcalls guest makes one {@code request_body_size} call per body byte, so the cost of a call is
 * {@code (t(calls) - t(0)) / calls} from two runs of this benchmark in the same invocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class HostCallBenchmark {

    @Param({"chicory", "wasmtime"}) // and -p engine=graal, the evaluated GraalWasm (BenchEngines)
    String engine;

    @Param({"0", "1000"})
    int calls;

    private BenchHost bench;
    private AppRequest request;

    @Setup
    public void setUp() {
        bench = new BenchHost(engine, "hostcalls");
        request = AppRequest.of("POST", "/", Headers.of(), new byte[calls]);
    }

    @TearDown
    public void tearDown() {
        bench.close();
    }

    @Benchmark
    public AppResponse hostCalls() {
        return bench.handle(request);
    }
}

package dev.wedge.bench;

import dev.wedge.host.engine.chicory.ChicoryEngine;
import dev.wedge.host.engine.chicory.ChicoryEngine.MemoryMode;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.http.Headers;
import java.util.Locale;
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
 * A whole request on Chicory (fresh instance, the handler, the response) per guest, with each instance's memory
 * copy-on-write over the module's image (the default) or Chicory's own, allocated and given its data segments
 * every time: what the image saves, in one invocation. Guests: apps/hello, apps/wagi-hello (a WASI command
 * answering through CGI) and {@code large} (benchmarks/src/main/guests/large.c: 17 MiB of memory, 960 KiB of
 * data).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ChicoryMemoryBenchmark {

    @Param({"hello", "wagi-hello", "large"})
    String guest;

    @Param({"copy_on_write", "plain"})
    String memory;

    private BenchHost bench;
    private AppRequest request;

    @Setup
    public void setUp() {
        bench = new BenchHost(new ChicoryEngine(MemoryMode.valueOf(memory.toUpperCase(Locale.ROOT))), guest);
        request = AppRequest.of("GET", "/bench?x=1", Headers.of("host", "bench.local"), new byte[0]);
    }

    @TearDown
    public void tearDown() {
        bench.close();
    }

    @Benchmark
    public AppResponse request() {
        return bench.handle(request);
    }
}

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
 * A request on Chicory with HotSpot's defaults and with the flags of the repo's jvm.options, in one invocation:
 * by default HotSpot never compiles a method of more than 8000 bytes of bytecode, and Chicory turns a large
 * guest function (and its call-indirect dispatch over a large table) into such methods, which then stay
 * interpreted by the JVM. {@code bulky} calls through a table of 1536 functions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JitFlagsBenchmark {

    @Param({"hello", "bulky", "large"})
    String guest;

    private BenchHost bench;
    private AppRequest request;

    @Setup
    public void setUp() {
        bench = new BenchHost("chicory", guest);
        request = AppRequest.of("POST", "/", Headers.of("host", "bench.local"), "some body".getBytes());
    }

    @TearDown
    public void tearDown() {
        bench.close();
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
    public AppResponse hotspotDefaults() {
        return bench.handle(request);
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-XX:-DontCompileHugeMethods"})
    public AppResponse hugeMethodsCompiled() {
        return bench.handle(request);
    }

    /** jvm.options and JDK 25's 8-byte object headers (JEP 519): less heap per request's objects. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-XX:-DontCompileHugeMethods",
        "-XX:+UseCompactObjectHeaders"})
    public AppResponse compactHeaders() {
        return bench.handle(request);
    }

    /** jvm.options and the throughput collector instead of G1: no concurrent marking, cheaper write barriers. */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-XX:-DontCompileHugeMethods",
        "-XX:+UseParallelGC"})
    public AppResponse parallelGc() {
        return bench.handle(request);
    }
}

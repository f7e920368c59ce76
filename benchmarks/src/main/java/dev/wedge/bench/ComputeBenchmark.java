package dev.wedge.bench;

import dev.wedge.bench.compute.ComputeGuest;
import dev.wedge.bench.compute.Work;
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
 * Heavy work (issue 18, item 3) on each engine and in plain Java, in one run: Markdown to HTML (md4c), SHA-256 of
 * 1 MiB, an MLP inference, an image resize alone and a JPEG thumbnail (decode, resize, encode), see {@link Work}.
 * {@code run} is the work in a live instance (input written once at setup, then the entry called and its output
 * read); {@code freshRun} is what a request pays: a fresh instance, the input written, the entry, the output.
 * {@code engine=java} is the floor, the same work in plain Java (no instance: both methods do the same). Engines
 * are taken by name through {@code BenchEngines}, so any engine wedge adds (and graal) runs with {@code -p engine=NAME}.
 * Setup checks that the guest's output is the floor's ({@link Work#mismatch}), so both sides do the same work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
// as the node runs (jvm.options): without it HotSpot never compiles Chicory's huge methods
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-XX:-DontCompileHugeMethods"})
public class ComputeBenchmark {

    @Param({"chicory", "wasmtime", "java"})
    String engine;

    @Param({"markdown", "sha256", "mlp", "resize", "thumbnail"})
    String work;

    private Work task;
    private byte[] input;
    private ComputeGuest guest;
    private ComputeGuest.Session live;
    private Thread liveOwner;

    @Setup
    public void setUp() {
        task = Work.named(work);
        input = task.input();
        if (engine.equals("java")) {
            return;
        }
        guest = ComputeGuest.load(engine, task.guest());
        byte[] expected = task.floor(input);
        try (ComputeGuest.Session session = guest.open()) {
            String wrong = task.mismatch(session.call(task.entry(), input), expected);
            if (wrong != null) {
                throw new IllegalStateException(work + " on " + engine + ": " + wrong);
            }
        }
    }

    @TearDown
    public void tearDown() {
        if (live != null && liveOwner == Thread.currentThread()) {
            live.close();
        }
        if (guest != null) {
            guest.close();
        }
    }

    @Benchmark
    public byte[] run() {
        if (guest == null) {
            return task.floor(input);
        }
        return session().run(task.entry(), input.length);
    }

    @Benchmark
    public byte[] freshRun() {
        if (guest == null) {
            return task.floor(input);
        }
        try (ComputeGuest.Session session = guest.open()) {
            return session.call(task.entry(), input);
        }
    }

    /** The live instance, made on the thread that runs the benchmark (a Wasmtime instance refuses others). */
    private ComputeGuest.Session session() {
        if (liveOwner != Thread.currentThread()) {
            live = guest.open();
            live.write(input);
            liveOwner = Thread.currentThread();
        }
        return live;
    }
}

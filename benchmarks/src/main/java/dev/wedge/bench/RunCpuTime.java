package dev.wedge.bench;

import dev.wedge.host.engine.chicory.ChicoryEngine;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.Headers;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * CPU time of one run of a guest on Chicory (a fresh instance, as a request gets), on one thread and without the
 * node's hand-offs: the calling thread's CPU time over 50,000 runs, 5 times after 200,000 runs of warm-up, the
 * median printed. Unlike ChicoryMemoryBenchmark's wall-clock time it holds on a machine shared with other work.
 *
 * <pre>java -XX:-DontCompileHugeMethods -cp benchmarks/target/benchmarks.jar dev.wedge.bench.RunCpuTime hello wagi-hello</pre>
 */
public final class RunCpuTime {

    private static final int WARMUP = 200_000;
    private static final int RUNS = 50_000;
    private static final int ROUNDS = 5;

    private RunCpuTime() {}

    public static void main(String[] guests) {
        var threads = ManagementFactory.getThreadMXBean();
        var request = AppRequest.of("GET", "/bench?x=1", Headers.of("host", "bench.local"), new byte[0]);
        for (String guest : guests) {
            var bench = new BenchHost(new ChicoryEngine(), guest);
            try {
                for (int i = 0; i < WARMUP; i++) {
                    bench.handle(request);
                }
                double[] micros = new double[ROUNDS];
                for (int round = 0; round < ROUNDS; round++) {
                    long started = threads.getCurrentThreadCpuTime();
                    for (int i = 0; i < RUNS; i++) {
                        bench.handle(request);
                    }
                    micros[round] = (threads.getCurrentThreadCpuTime() - started) / 1000.0 / RUNS;
                }
                Arrays.sort(micros);
                System.out.printf("%-12s %6.2f us of CPU per run (median; %.2f to %.2f)%n", guest,
                        micros[ROUNDS / 2], micros[0], micros[ROUNDS - 1]);
            } finally {
                bench.close();
            }
        }
    }
}

package dev.wedge.bench;

import dev.wedge.bench.compute.ComputeGuest;
import dev.wedge.bench.compute.Work;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@link ComputeBenchmark}'s cases timed by the CPU time of the thread that runs them, not the wall clock: on a
 * shared machine whose load is many times its cores, an operation of tens of milliseconds spans many scheduler
 * slices and its wall time measures the neighbours. The cases of one work take turns (round robin, a short burst
 * each), so a change of load falls on all of them alike. Run it as the node runs:
 * {@code java -XX:-DontCompileHugeMethods --enable-native-access=ALL-UNNAMED -cp benchmarks/target/benchmarks.jar
 * dev.wedge.bench.ComputeCpuTime [work...]}; {@code -Dengines=chicory,wasmtime,java}, {@code -Dwarmup=8} and
 * {@code -Drounds=6} (bursts of a second, then of half a second, per case).
 */
public final class ComputeCpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ComputeCpuTime() {
    }

    public static void main(String[] args) {
        List<String> engines = List.of(System.getProperty("engines", "chicory,wasmtime,java").split(","));
        int warmup = Integer.getInteger("warmup", 8);
        int rounds = Integer.getInteger("rounds", 6);
        List<String> works = args.length > 0 ? List.of(args) : Arrays.stream(Work.values())
                .map(work -> work.name().toLowerCase(Locale.ROOT)).toList();
        System.out.printf("%-10s %-9s %-8s %14s %8s%n", "work", "engine", "mode", "cpu p50 (us)", "samples");
        for (String name : works) {
            Work work = Work.named(name);
            List<Case> cases = new ArrayList<>();
            for (String engine : engines) {
                cases.add(Case.of(engine, work, false));
                cases.add(Case.of(engine, work, true));
            }
            for (int round = 0; round < warmup; round++) {
                cases.forEach(c -> c.burst(1_000_000_000L, false));
            }
            for (int round = 0; round < rounds; round++) {
                cases.forEach(c -> c.burst(500_000_000L, true));
            }
            for (Case c : cases) {
                System.out.printf(Locale.ROOT, "%-10s %-9s %-8s %14.1f %8d%n", name, c.engine, c.fresh ? "freshRun" : "run",
                        c.median() / 1000.0, c.samples.size());
                c.close();
            }
        }
    }

    /** One engine doing one work one way, with the CPU time of each operation it measured. */
    private static final class Case {

        final String engine;
        final boolean fresh;
        final List<Long> samples = new ArrayList<>();
        private final ComputeGuest guest;
        private final ComputeGuest.Session live;
        private final Supplier<byte[]> operation;

        private Case(String engine, boolean fresh, ComputeGuest guest, ComputeGuest.Session live,
                Supplier<byte[]> operation) {
            this.engine = engine;
            this.fresh = fresh;
            this.guest = guest;
            this.live = live;
            this.operation = operation;
        }

        static Case of(String engine, Work work, boolean fresh) {
            byte[] input = work.input();
            if (engine.equals("java")) {
                return new Case(engine, fresh, null, null, () -> work.floor(input));
            }
            ComputeGuest guest = ComputeGuest.load(engine, work.guest());
            if (fresh) {
                return new Case(engine, true, guest, null, () -> {
                    try (ComputeGuest.Session session = guest.open()) {
                        return session.call(work.entry(), input);
                    }
                });
            }
            ComputeGuest.Session live = guest.open(); // used by this thread alone, as Wasmtime requires
            live.write(input);
            String wrong = work.mismatch(live.run(work.entry(), input.length), work.floor(input));
            if (wrong != null) {
                throw new IllegalStateException(work + " on " + engine + ": " + wrong);
            }
            return new Case(engine, false, guest, live, () -> live.run(work.entry(), input.length));
        }

        /** Runs operations for {@code wallNanos} (at least one), keeping their CPU times when {@code keep}. */
        void burst(long wallNanos, boolean keep) {
            long end = System.nanoTime() + wallNanos;
            do {
                long before = THREADS.getCurrentThreadCpuTime();
                operation.get();
                long spent = THREADS.getCurrentThreadCpuTime() - before;
                if (keep) {
                    samples.add(spent);
                }
            } while (System.nanoTime() < end);
        }

        long median() {
            long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
            return sorted[sorted.length / 2];
        }

        void close() {
            if (live != null) {
                live.close();
            }
            if (guest != null) {
                guest.close();
            }
        }
    }
}

package dev.wedge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a node keeps of modules that are gone: one wedge process takes N deploys of distinct modules (apps/hello
 * plus a custom section with a counter), each app called once and deleted, then M refused deploys (mutated
 * modules), and reports heap after a full GC (the live objects a class histogram counts), RSS, loaded classes,
 * compiled modules and module files on disk before and after (each after waiting, bounded, for the node to drop
 * every module).
 * Not a timed benchmark: a bounded driver whose figures show whether module memory comes back.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.wedge.bench.ModuleChurn WEDGE_JAR [N] [M] [--engine=E]
 * [--module=FILE.wasm] [--cluster] [--histogram]}, from the repo root. N defaults to 300, M to N, the engine to
 * chicory, the module to apps/hello/hello.wasm. {@code --cluster} makes the node a one-member Hazelcast cluster;
 * {@code --histogram} prints the classes whose instances grew most (for finding a retention).
 */
public final class ModuleChurn {

    private static final String TOKEN = "module-churn";
    private static final int WARMUP = 20;
    /**
     * How long the node may take to drop what its sweep collects: a deploy keeps its module for 30 s
     * ({@code AppControl.IN_FLIGHT}), and the sweep runs every second here.
     */
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(90);

    private WedgeProcess node;

    /** @param compiled the node's compiled modules; -1 from a node that does not report them */
    private record Sample(long heapKiB, long rssKiB, long classes, long compiled, long moduleFiles,
            Map<String, long[]> histogram) {}

    public static void main(String[] args) throws Exception {
        List<String> plain = Stream.of(args).filter(arg -> !arg.startsWith("--")).toList();
        List<String> flags = Stream.of(args).filter(arg -> arg.startsWith("--")).toList();
        Path jar = Path.of(plain.size() > 0 ? plain.get(0) : "verticles/target/wedge.jar");
        int deploys = plain.size() > 1 ? Integer.parseInt(plain.get(1)) : 300;
        int refused = plain.size() > 2 ? Integer.parseInt(plain.get(2)) : deploys;
        String engine = flags.stream().filter(flag -> flag.startsWith("--engine=")).map(flag -> flag.substring(9))
                .findFirst().orElse("chicory");
        Path module = Path.of(flags.stream().filter(flag -> flag.startsWith("--module="))
                .map(flag -> flag.substring(9)).findFirst().orElse("apps/hello/hello.wasm"));
        new ModuleChurn().run(jar, module, deploys, refused, engine, flags.contains("--cluster"),
                flags.contains("--histogram"));
    }

    private void run(Path jar, Path module, int deploys, int refused, String engine, boolean cluster,
            boolean histogram) throws Exception {
        byte[] hello = Files.readAllBytes(module);
        Path root = Files.createTempDirectory("wedge-module-churn");
        List<String> clustering = new ArrayList<>();
        if (cluster) {
            int clusterPort = WedgeProcess.freePort();
            clustering.addAll(List.of("--cluster", "--cluster-name", "wedge-churn-" + ProcessHandle.current().pid(),
                    "--cluster-port", Integer.toString(clusterPort), "--cluster-member", "127.0.0.1:" + clusterPort));
        }
        node = WedgeProcess.start(jar, root, TOKEN, "engine: " + engine,
                "deploy: {data-dir: data, sync-interval-ms: 1000}\n", List.of(), clustering);
        try {
            System.out.printf("node pid %d, %s, %s; module %s (%d bytes); %d warm-up deploys, then %d deploys "
                    + "+ calls + deletes and %d refused deploys%n", node.pid(), engine,
                    cluster ? "clustered (one member)" : "not clustered", module.getFileName(), hello.length, WARMUP,
                    deploys, refused);
            churn(hello, "warm", WARMUP);
            Sample before = settled(histogram);
            long started = System.nanoTime();
            churn(hello, "app", deploys);
            int[] answers = refuse(hello, refused);
            System.out.printf("churn took %.1f s; refused deploys answered: %d x 400, %d accepted (deleted)%n",
                    (System.nanoTime() - started) / 1e9, answers[0], answers[1]);
            Sample after = settled(histogram);
            print(before, after);
            if (histogram) {
                printGrowth(before.histogram(), after.histogram());
            }
        } finally {
            node.close();
        }
    }

    /** Deploys, calls and deletes {@code count} distinct modules under distinct app names. */
    private void churn(byte[] hello, String prefix, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            String app = prefix + "-" + i;
            WedgeProcess.expect(201, node.admin("PUT", "/apps/" + app, WedgeProcess.withCustomSection(hello, app)), "deploy");
            WedgeProcess.expect(200, node.get("/" + app), "call");
            WedgeProcess.expect(200, node.admin("DELETE", "/apps/" + app, null), "delete");
        }
    }

    /** Deploys hello with one byte changed (and a distinct custom section); counts [refused, accepted]. */
    private int[] refuse(byte[] hello, int count) throws Exception {
        int[] answers = new int[2];
        for (int i = 0; i < count; i++) {
            byte[] mutated = hello.clone();
            int at = 8 + (int) ((i * 7919L) % (mutated.length - 8));
            mutated[at] ^= (byte) (1 + i % 255);
            String app = "bad-" + i;
            int status = node.admin("PUT", "/apps/" + app, WedgeProcess.withCustomSection(mutated, app)).statusCode();
            if (status == 201) {
                answers[1]++;
                node.admin("DELETE", "/apps/" + app, null);
            } else if (status / 100 == 4) {
                answers[0]++;
            } else {
                throw new IllegalStateException("refused deploy " + i + " answered " + status);
            }
        }
        return answers;
    }

    /**
     * Waits (bounded) until the node has no module file and no compiled module left, as every app is deleted by
     * then, then samples: the node's periodic sweep has had its turns. A node that keeps its modules is waited for
     * in vain.
     */
    private Sample settled(boolean histogram) throws Exception {
        long started = System.nanoTime();
        long[] left = leftovers();
        while ((left[0] > 0 || left[1] > 0) && System.nanoTime() - started < SETTLE_NANOS) {
            Thread.sleep(2_000); // a driver, not a test: gives the node's periodic sweep time to run
            left = leftovers();
        }
        System.out.printf("settled after %.0f s with %d module files, %s compiled modules%n",
                (System.nanoTime() - started) / 1e9, left[0], left[1] < 0 ? "n/a" : Long.toString(left[1]));
        return sample(histogram);
    }

    /** Module files on the node's disk, and its compiled modules (-1 when it does not report them). */
    private long[] leftovers() throws Exception {
        return new long[] {moduleFiles(), node.metric("wedge_compiled_modules")};
    }

    private long moduleFiles() throws IOException {
        Path modules = node.dir().resolve("data/modules");
        try (Stream<Path> list = Files.isDirectory(modules) ? Files.list(modules) : Stream.empty()) {
            return list.filter(path -> path.toString().endsWith(".wasm")).count();
        }
    }

    private Sample sample(boolean histogram) throws Exception {
        Map<String, long[]> classes = histogram ? node.histogram() : null;
        long heap = node.heapAfterGcKiB();
        long rssKiB = node.settledRssKiB();
        return new Sample(heap, rssKiB, node.metric("jvm_classes_loaded_classes"),
                node.metric("wedge_compiled_modules"), moduleFiles(), classes);
    }

    private static void print(Sample before, Sample after) {
        System.out.printf("%-22s %12s %12s%n", "", "before", "after");
        System.out.printf("%-22s %12.1f %12.1f%n", "heap after GC, MiB", before.heapKiB() / 1024.0,
                after.heapKiB() / 1024.0);
        System.out.printf("%-22s %12.1f %12.1f%n", "RSS, MiB", before.rssKiB() / 1024.0, after.rssKiB() / 1024.0);
        System.out.printf("%-22s %12d %12d%n", "classes loaded", before.classes(), after.classes());
        System.out.printf("%-22s %12s %12s%n", "compiled modules", count(before.compiled()), count(after.compiled()));
        System.out.printf("%-22s %12d %12d%n", "module files on disk", before.moduleFiles(), after.moduleFiles());
    }

    private static String count(long value) {
        return value < 0 ? "n/a" : Long.toString(value);
    }

    /** The 15 classes whose instances took the most additional bytes. */
    private static void printGrowth(Map<String, long[]> before, Map<String, long[]> after) {
        System.out.println("growth by class (instances, bytes):");
        after.entrySet().stream()
                .map(entry -> {
                    long[] was = before.getOrDefault(entry.getKey(), new long[2]);
                    return Map.entry(entry.getKey(), new long[] {entry.getValue()[0] - was[0],
                            entry.getValue()[1] - was[1]});
                })
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(15)
                .forEach(entry -> System.out.printf("  %+9d %+12d  %s%n", entry.getValue()[0], entry.getValue()[1],
                        entry.getKey()));
    }
}

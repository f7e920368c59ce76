package dev.wedge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Time from a deploy on node A to the first 200 from node B, two wedge processes clustered on loopback. Each
 * round deploys a module never seen before (the benchmark module plus a custom section with the round number),
 * so every round pays for the transfer, the checks and the load on both nodes. The small hello app, measured
 * the same way in the same run, is the baseline.
 *
 * <p>The nodes run with the repository's {@code jvm.options}, as {@code ./wedge} runs a node: without its
 * {@code -XX:-DontCompileHugeMethods}, HotSpot never compiles Chicory's validator (one method of over 8000
 * bytes of bytecode), which then validates a megabyte of code several times slower. {@code --no-jvm-options}
 * starts them as this benchmark did before, for comparisons with earlier figures.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.wedge.bench.DeployLatency WEDGE_JAR [ROUNDS] [--no-jvm-options]},
 * from the repository's root.
 */
public final class DeployLatency {

    private static final String TOKEN = "deploy-latency";
    private static final int WARMUP = 5;
    private static final long MAX_WAIT_NANOS = 30_000_000_000L;

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "verticles/target/wedge.jar");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        boolean nodeOptions = !List.of(args).contains("--no-jvm-options");
        new DeployLatency().run(jar, rounds, nodeOptions ? List.of("@" + jvmOptions()) : List.of());
    }

    /** The node's JVM options file, passed as {@code ./wedge} does ({@code java @jvm.options}). */
    private static Path jvmOptions() {
        Path options = Path.of("jvm.options").toAbsolutePath();
        if (!Files.isRegularFile(options)) {
            throw new IllegalStateException("run from the repository's root: no " + options);
        }
        return options;
    }

    private void run(Path jar, int rounds, List<String> jvmOptions) throws Exception {
        Path root = Files.createTempDirectory("wedge-deploy-latency");
        int[] clusterPorts = {WedgeProcess.freePort(), WedgeProcess.freePort()};
        String name = "wedge-bench-" + ProcessHandle.current().pid();
        List<WedgeProcess> nodes = new ArrayList<>();
        try {
            for (int index = 0; index < 2; index++) {
                nodes.add(WedgeProcess.start(jar, root.resolve(index == 0 ? "a" : "b"), TOKEN, "",
                        "deploy: {data-dir: data}\n", jvmOptions, List.of("--cluster", "--cluster-name", name,
                                "--cluster-port", Integer.toString(clusterPorts[index]), "--cluster-member",
                                "127.0.0.1:" + clusterPorts[0] + ",127.0.0.1:" + clusterPorts[1])));
            }
            byte[] bulky = resource("/guests/bulky.wasm");
            byte[] hello = Files.readAllBytes(Path.of("apps/hello/hello.wasm"));
            System.out.printf("modules: bulky %d bytes, hello %d bytes; %d rounds after %d warm-up; node JVM options: %s%n",
                    bulky.length, hello.length, rounds, WARMUP, jvmOptions.isEmpty() ? "none" : jvmOptions);
            double[] bulkyMs = measure(nodes, "bulky", bulky, rounds);
            double[] helloMs = measure(nodes, "hello", hello, rounds);
            report("hello (baseline)", helloMs, WedgeProcess.median(helloMs));
            report("bulky (1 MB)", bulkyMs, WedgeProcess.median(helloMs));
        } finally {
            for (WedgeProcess node : nodes) {
                node.close();
            }
        }
    }

    private double[] measure(List<WedgeProcess> nodes, String app, byte[] module, int rounds) throws Exception {
        double[] millis = new double[rounds];
        for (int round = -WARMUP; round < rounds; round++) {
            byte[] fresh = WedgeProcess.withCustomSection(module, app + "-" + round);
            long start = System.nanoTime();
            int status = nodes.get(0).admin("PUT", "/apps/" + app, fresh).statusCode();
            if (status != 201) {
                throw new IllegalStateException("deploy answered " + status);
            }
            while (nodes.get(1).get("/" + app).statusCode() != 200) {
                if (System.nanoTime() - start > MAX_WAIT_NANOS) {
                    throw new IllegalStateException("node B never served " + app);
                }
            }
            if (round >= 0) {
                millis[round] = (System.nanoTime() - start) / 1e6;
            }
        }
        return millis;
    }

    private static void report(String label, double[] millis, double baseline) {
        double median = WedgeProcess.median(millis);
        System.out.printf("%-18s deploy on A -> first 200 on B: median %.1f ms (min %.1f, max %.1f), %.2fx baseline%n",
                label, median, Arrays.stream(millis).min().orElse(0), Arrays.stream(millis).max().orElse(0),
                median / baseline);
    }


    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DeployLatency.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is missing from the class path");
            }
            return in.readAllBytes();
        }
    }
}

package dev.wedge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Many apps on one node: N deploys of distinct modules (apps/hello plus a custom section naming the app) to one
 * wedge process with a bounded heap, then every app called once, then the first request of apps whose compiled
 * module the node has let go of (cold) against a second request (warm). Reports heap after GC and RSS per app,
 * compiled modules kept, deploy and request latencies (medians).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.wedge.bench.AppFleet WEDGE_JAR [N] [--heap=2g] [--engine=E]
 * [--module=FILE.wasm] [--cold=K] [--cache=C]}, from the repo root. N defaults to 10,000, K to 50; C, the node's
 * {@code deploy.compiled-cache}, to its default.
 */
public final class AppFleet {

    private static final String TOKEN = "app-fleet";

    private WedgeProcess node;

    public static void main(String[] args) throws Exception {
        List<String> plain = Stream.of(args).filter(arg -> !arg.startsWith("--")).toList();
        Path jar = Path.of(plain.size() > 0 ? plain.get(0) : "verticles/target/wedge.jar");
        int apps = plain.size() > 1 ? Integer.parseInt(plain.get(1)) : 10_000;
        String heap = flag(args, "--heap=", "2g");
        String engine = flag(args, "--engine=", "chicory");
        Path module = Path.of(flag(args, "--module=", "apps/hello/hello.wasm"));
        int cold = Integer.parseInt(flag(args, "--cold=", "50"));
        String cache = flag(args, "--cache=", "");
        new AppFleet().run(jar, module, apps, heap, engine, cold, cache);
    }

    private static String flag(String[] args, String prefix, String fallback) {
        return Stream.of(args).filter(arg -> arg.startsWith(prefix)).map(arg -> arg.substring(prefix.length()))
                .findFirst().orElse(fallback);
    }

    private void run(Path jar, Path module, int apps, String heap, String engine, int cold, String cache)
            throws Exception {
        byte[] wasm = Files.readAllBytes(module);
        Path root = Files.createTempDirectory("wedge-app-fleet");
        node = WedgeProcess.start(jar, root, TOKEN, "engine: " + engine, "deploy: {data-dir: data"
                + (cache.isEmpty() ? "" : ", compiled-cache: " + cache) + "}\n", List.of("-Xmx" + heap), List.of());
        try {
            System.out.printf("node pid %d, %s, -Xmx%s; module %s (%d bytes); %d apps%n", node.pid(), engine, heap,
                    module.getFileName(), wasm.length, apps);
            long heapBefore = node.heapAfterGcKiB();
            long rssBefore = node.settledRssKiB();
            double[] deploys = deployAll(wasm, apps);
            report("after deploys", heapBefore, rssBefore, apps);
            double[] firstCalls = callAll(apps);
            report("after one call each", heapBefore, rssBefore, apps);
            // The first apps were called longest ago: if the node bounds its compiled modules, theirs are gone.
            int sample = Math.min(cold, apps);
            double[] coldMs = new double[sample];
            double[] warmMs = new double[sample];
            for (int i = 0; i < sample; i++) {
                coldMs[i] = timedCall(i);
                warmMs[i] = timedCall(i);
            }
            System.out.printf("deploy: median %.1f ms; first call of each app: median %.2f ms%n", WedgeProcess.median(deploys),
                    WedgeProcess.median(firstCalls));
            System.out.printf("%d least recently called apps: first request median %.2f ms (max %.2f), the next "
                    + "median %.2f ms%n", sample, WedgeProcess.median(coldMs), Arrays.stream(coldMs).max().orElse(0),
                    WedgeProcess.median(warmMs));
        } finally {
            node.close();
        }
    }

    private double[] deployAll(byte[] wasm, int apps) throws Exception {
        double[] millis = new double[apps];
        long started = System.nanoTime();
        for (int i = 0; i < apps; i++) {
            byte[] fresh = WedgeProcess.withCustomSection(wasm, "fleet-" + i);
            long start = System.nanoTime();
            WedgeProcess.expect(201, node.admin("PUT", "/apps/fleet-" + i, fresh), "deploy fleet-" + i);
            millis[i] = (System.nanoTime() - start) / 1e6;
            if ((i + 1) % 1000 == 0) {
                System.out.printf("  %d deployed in %.0f s%n", i + 1, (System.nanoTime() - started) / 1e9);
            }
        }
        return millis;
    }

    private double[] callAll(int apps) throws Exception {
        double[] millis = new double[apps];
        for (int i = 0; i < apps; i++) {
            millis[i] = timedCall(i);
        }
        return millis;
    }

    private double timedCall(int app) throws Exception {
        long start = System.nanoTime();
        WedgeProcess.expect(200, node.get("/fleet-" + app), "call fleet-" + app);
        return (System.nanoTime() - start) / 1e6;
    }

    private void report(String stage, long heapBeforeKiB, long rssBeforeKiB, int apps) throws Exception {
        long heap = node.heapAfterGcKiB();
        long rss = node.settledRssKiB();
        System.out.printf("%s: heap after GC %.1f MiB (%.1f KiB per app), RSS %.1f MiB (%.1f KiB per app), "
                + "compiled modules %d%n", stage, heap / 1024.0, (heap - heapBeforeKiB) / (double) apps,
                rss / 1024.0, (rss - rssBeforeKiB) / (double) apps, node.metric("wedge_compiled_modules"));
    }
}

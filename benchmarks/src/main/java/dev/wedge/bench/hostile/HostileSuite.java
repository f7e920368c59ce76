package dev.wedge.bench.hostile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The hostile suite (scripts/hostile.sh): a node in a process of its own, attacked by hostile guests on both
 * engines, mutated uploads, malformed HTTP and security probes, every case checked for its defined answer; then the
 * node must still be alive and its memory bounded. The neighbour ratio is measured and reported. Bounded in count
 * and time; only loopback. {@code --quick} is the form CI runs. Figures go to docs/security.md.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.wedge.bench.hostile.HostileSuite [--quick] [WEDGE_JAR]}, from the
 * repository's root.
 */
public final class HostileSuite {

    private static final long MIB = 1024 * 1024;
    /** Heap after a full collection may grow by this much over the whole run (a leak grows it by gigabytes). */
    private static final long MAX_HEAP_GROWTH = 256 * MIB;
    private static final long MAX_RSS = 3072 * MIB;

    private record Size(int guestRounds, int uploads, Duration phase, List<String> hostileRoutes) {}

    private static final Size QUICK = new Size(2, 200, Duration.ofSeconds(3),
            List.of("probe-chicory.test/loop", "probe-wasmtime.test/membomb"));
    private static final Size FULL = new Size(10, 3000, Duration.ofSeconds(10), List.of(
            "probe-chicory.test/loop", "probe-chicory.test/membomb", "deep-chicory.test/",
            "probe-chicory.test/header-bomb", "probe-wasmtime.test/loop", "probe-wasmtime.test/membomb",
            "deep-wasmtime.test/", "grow-wasmtime.test/"));

    public static void main(String[] args) throws Exception {
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host"); // apps are routed by host name
        boolean quick = List.of(args).contains("--quick");
        List<String> rest = new ArrayList<>(List.of(args));
        rest.remove("--quick");
        Path jar = Path.of(rest.isEmpty() ? "verticles/target/wedge.jar" : rest.get(0)).toAbsolutePath();
        Report report = new Report();
        boolean passed = run(jar, quick ? QUICK : FULL, report);
        System.out.print(report.text());
        System.out.println("hostile: " + report.cases() + " cases (" + (quick ? "quick" : "full") + "), "
                + (passed ? "passed" : "FAILED"));
        System.exit(passed ? 0 : 1);
    }

    private static boolean run(Path jar, Size size, Report report) throws Exception {
        Path dir = Files.createTempDirectory("wedge-hostile");
        Path config = Files.writeString(dir.resolve("node.yaml"), config(Path.of("").toAbsolutePath()));
        try (NodeUnderTest node = NodeUnderTest.start(jar, config, dir.resolve("node.log"))) {
            for (int i = 0; i < 200; i++) { // warm up before the baseline, so compilation is not counted as growth
                node.get("neighbour.test", "/");
            }
            long heapBefore = node.heapAfterGcBytes();
            long rssBefore = node.rssBytes();
            GuestCases.run(node, report, size.guestRounds());
            new NeighbourLoad(node, report, size.phase()).run(size.hostileRoutes());
            UploadMutations.run(node, report, Files.readAllBytes(Path.of("apps/hello/hello.wasm")), size.uploads(),
                    42);
            MalformedHttp.run(node, report);
            SecurityProbes.run(node, report);
            report.record("node", node.alive() ? "alive" : "DEAD", node.alive(), "the node survived");
            long heapAfter = node.heapAfterGcBytes();
            long rssAfter = node.rssBytes();
            report.figure(String.format("memory: heap after GC %d -> %d MiB, RSS %d -> %d MiB", heapBefore / MIB,
                    heapAfter / MIB, rssBefore / MIB, rssAfter / MIB));
            report.record("memory", "heap +" + (heapAfter - heapBefore) / MIB + " MiB",
                    heapAfter - heapBefore < MAX_HEAP_GROWTH, "heap growth under " + MAX_HEAP_GROWTH / MIB + " MiB");
            report.record("memory", "rss " + rssAfter / MIB + " MiB", rssAfter < MAX_RSS,
                    "RSS under " + MAX_RSS / MIB + " MiB");
        } catch (Exception e) {
            report.record("node", "error", false, e.toString());
        }
        return report.passed();
    }

    /** Every app the suite calls, on both engines where it is a hostile one, routed by host name. */
    private static String config(Path repo) {
        var apps = new StringBuilder();
        app(apps, "neighbour", repo.resolve("apps/hello/hello.wasm"), "");
        app(apps, "control", repo.resolve("apps/hello/hello.wasm"), "");
        app(apps, "kv", repo.resolve("apps/kv-api/kv-api.wasm"),
                "kv-stores: [local], env: {STORE: local}, timeout-ms: 10000");
        Path guests = repo.resolve("wasm-host/src/test/resources/guests");
        for (String engine : GuestCases.ENGINES) {
            String limits = "engine: " + engine + ", timeout-ms: 2000, memory-limit-mb: 32";
            app(apps, "probe-" + engine, guests.resolve("probe.wasm"), limits);
            app(apps, "grow-" + engine, guests.resolve("grow_bomb.wasm"), limits);
            app(apps, "table-" + engine, guests.resolve("table_bomb.wasm"), limits);
            app(apps, "deep-" + engine, guests.resolve("deep_recursion.wasm"), limits);
            app(apps, "spam-" + engine, guests.resolve("log_spam.wasm"), limits);
        }
        return """
                server: {host: 127.0.0.1, port: 0, workers: 8, header-timeout-ms: 2000}
                admin: {host: 127.0.0.1, port: 0, token: %s}
                deploy: {data-dir: deploy}
                kv-stores: {local: {dir: kv}}
                apps:
                %s""".formatted(NodeUnderTest.TOKEN, apps);
    }

    private static void app(StringBuilder apps, String name, Path module, String more) {
        apps.append("  ").append(name).append(": {module: \"").append(module).append("\", routes: [\"")
                .append(name).append(".test/\"]").append(more.isEmpty() ? "" : ", " + more).append("}\n");
    }
}

package dev.wedge.bench;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Node node;

    private record Node(Process process, Path dir, int port, int adminPort) {}

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
        node = start(jar, root, engine, cluster);
        try {
            System.out.printf("node pid %d, %s, %s; module %s (%d bytes); %d warm-up deploys, then %d deploys "
                    + "+ calls + deletes and %d refused deploys%n", node.process().pid(), engine,
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
            node.process().destroy();
            node.process().waitFor(60, TimeUnit.SECONDS);
        }
    }

    /** Deploys, calls and deletes {@code count} distinct modules under distinct app names. */
    private void churn(byte[] hello, String prefix, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            String app = prefix + "-" + i;
            expect(201, send("PUT", node.adminPort(), "/apps/" + app, withCustomSection(hello, app)), "deploy");
            expect(200, send("GET", node.port(), "/" + app, null), "call");
            expect(200, send("DELETE", node.adminPort(), "/apps/" + app, null), "delete");
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
            int status = send("PUT", node.adminPort(), "/apps/" + app, withCustomSection(mutated, app)).statusCode();
            if (status == 201) {
                answers[1]++;
                send("DELETE", node.adminPort(), "/apps/" + app, null);
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
        return new long[] {moduleFiles(), metric(send("GET", node.adminPort(), "/metrics", null).body(),
                "wedge_compiled_modules")};
    }

    private long moduleFiles() throws IOException {
        Path modules = node.dir().resolve("data/modules");
        try (Stream<Path> list = Files.isDirectory(modules) ? Files.list(modules) : Stream.empty()) {
            return list.filter(path -> path.toString().endsWith(".wasm")).count();
        }
    }

    /**
     * Heap after GC is what a class histogram counts: taking one runs a full collection and then counts only live
     * objects, so it is not blurred by what the node's threads allocate between a collection and a heap report.
     * RSS is read after an explicit full collection, which shrinks the heap to what it needs (the histogram's
     * collection does not).
     */
    private Sample sample(boolean histogram) throws Exception {
        long pid = node.process().pid();
        String counted = jcmd(pid, "GC.class_histogram");
        Matcher total = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)").matcher(counted);
        long heap = total.find() ? Long.parseLong(total.group(1)) / 1024 : -1;
        Map<String, long[]> classes = histogram ? histogram(counted) : null;
        jcmd(pid, "GC.run"); // System.gc(): a full collection that also gives unused heap back, which RSS shows
        long rssKiB = settledRss(pid);
        String metrics = send("GET", node.adminPort(), "/metrics", null).body();
        long classCount = metric(metrics, "jvm_classes_loaded_classes");
        long compiled = metric(metrics, "wedge_compiled_modules");
        long files = moduleFiles();
        return new Sample(heap, rssKiB, classCount, compiled, files, classes);
    }

    /**
     * RSS once it stops falling: G1 gives the memory of a shrunk heap back in the background after the collection,
     * so a reading taken at once still counts it.
     */
    private static long settledRss(long pid) throws Exception {
        long last = rss(pid);
        for (int reading = 0; reading < 20; reading++) {
            Thread.sleep(500);
            long next = rss(pid);
            if (next > last - 1024) {
                return next;
            }
            last = next;
        }
        return last;
    }

    private static long rss(long pid) throws IOException {
        Matcher rss = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(Files.readString(Path.of("/proc/" + pid
                + "/status")));
        return rss.find() ? Long.parseLong(rss.group(1)) : -1;
    }

    private static long metric(String metrics, String name) {
        Matcher value = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)").matcher(metrics);
        return value.find() ? (long) Double.parseDouble(value.group(1)) : -1;
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

    private static Map<String, long[]> histogram(String text) {
        Map<String, long[]> classes = new HashMap<>();
        Matcher row = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)").matcher(text);
        while (row.find()) {
            classes.merge(row.group(3), new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))},
                    (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
        }
        return classes;
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(120, TimeUnit.SECONDS);
        return out;
    }

    private static void expect(int status, HttpResponse<String> response, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** A custom section changes the module's sha256 and nothing it does. */
    private static byte[] withCustomSection(byte[] module, String label) throws IOException {
        byte[] name = "wedge-bench".getBytes(StandardCharsets.UTF_8);
        byte[] payload = label.getBytes(StandardCharsets.UTF_8);
        var body = new ByteArrayOutputStream();
        body.write(name.length);
        body.write(name);
        body.write(payload);
        var out = new ByteArrayOutputStream();
        out.write(module);
        out.write(0);
        out.write(body.size()); // under 128 bytes: one LEB128 byte
        body.writeTo(out);
        return out.toByteArray();
    }

    private HttpResponse<String> send(String method, int port, String path, byte[] body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("authorization", "Bearer " + TOKEN).header("content-type", "application/wasm");
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Node start(Path jar, Path dir, String engine, boolean cluster) throws Exception {
        int port = freePort();
        int adminPort = freePort();
        Files.writeString(dir.resolve("node.yaml"), "server: {host: 127.0.0.1, port: " + port + ", engine: " + engine
                + "}\n" + "admin: {host: 127.0.0.1, port: " + adminPort + ", token: " + TOKEN + "}\n"
                + "deploy: {data-dir: data, sync-interval-ms: 1000}\n");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--enable-native-access=ALL-UNNAMED", "-Xss4m", "-jar", jar.toAbsolutePath().toString(),
                "serve", "--config", dir.resolve("node.yaml").toString()));
        if (cluster) {
            int clusterPort = freePort();
            command.addAll(List.of("--cluster", "--cluster-name", "wedge-churn-" + ProcessHandle.current().pid(),
                    "--cluster-port", Integer.toString(clusterPort), "--cluster-member", "127.0.0.1:" + clusterPort));
        }
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(dir.resolve("node.log").toFile()).start();
        boolean ready = CompletableFuture.supplyAsync(() -> awaitLine(process.getInputStream(), "wedge: admin API on"))
                .get(120, TimeUnit.SECONDS);
        if (!ready) {
            throw new IllegalStateException("the node did not start; see " + dir.resolve("node.log"));
        }
        return new Node(process, dir, port, adminPort);
    }

    private static boolean awaitLine(InputStream output, String prefix) {
        var lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(prefix)) {
                    Thread.ofVirtual().start(() -> drain(lines));
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Keeps reading the node's output so it never blocks on a full pipe; ends when the node does. */
    private static void drain(BufferedReader lines) {
        try {
            while (lines.readLine() != null) {
                // discarded
            }
        } catch (IOException e) {
            // the node stopped
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

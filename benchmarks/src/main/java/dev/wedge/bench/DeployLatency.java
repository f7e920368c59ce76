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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Time from a deploy on node A to the first 200 from node B, two wedge processes clustered on loopback. Each
 * round deploys a module never seen before (the benchmark module plus a custom section with the round number),
 * so every round pays for the transfer, the checks and the load on both nodes. The small hello app, measured
 * the same way in the same run, is the baseline.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.wedge.bench.DeployLatency WEDGE_JAR [ROUNDS]}.
 */
public final class DeployLatency {

    private static final String TOKEN = "deploy-latency";
    private static final int WARMUP = 5;
    private static final long MAX_WAIT_NANOS = 30_000_000_000L;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "verticles/target/wedge.jar");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        new DeployLatency().run(jar, rounds);
    }

    private record Node(Process process, int port, int adminPort) {}

    private void run(Path jar, int rounds) throws Exception {
        Path root = Files.createTempDirectory("wedge-deploy-latency");
        int[] clusterPorts = {freePort(), freePort()};
        String name = "wedge-bench-" + ProcessHandle.current().pid();
        List<Node> nodes = new ArrayList<>();
        try {
            nodes.add(start(jar, root.resolve("a"), clusterPorts, 0, name));
            nodes.add(start(jar, root.resolve("b"), clusterPorts, 1, name));
            byte[] bulky = resource("/guests/bulky.wasm");
            byte[] hello = Files.readAllBytes(Path.of("apps/hello/hello.wasm"));
            System.out.printf("modules: bulky %d bytes, hello %d bytes; %d rounds after %d warm-up%n",
                    bulky.length, hello.length, rounds, WARMUP);
            double[] bulkyMs = measure(nodes, "bulky", bulky, rounds);
            double[] helloMs = measure(nodes, "hello", hello, rounds);
            report("hello (baseline)", helloMs, median(helloMs));
            report("bulky (1 MB)", bulkyMs, median(helloMs));
        } finally {
            for (Node node : nodes) {
                node.process().destroy();
                node.process().waitFor(60, TimeUnit.SECONDS);
            }
        }
    }

    private double[] measure(List<Node> nodes, String app, byte[] module, int rounds) throws Exception {
        double[] millis = new double[rounds];
        for (int round = -WARMUP; round < rounds; round++) {
            byte[] fresh = withCustomSection(module, app + "-" + round);
            long start = System.nanoTime();
            int status = send("PUT", nodes.get(0).adminPort(), "/apps/" + app, fresh).statusCode();
            if (status != 201) {
                throw new IllegalStateException("deploy answered " + status);
            }
            while (send("GET", nodes.get(1).port(), "/" + app, null).statusCode() != 200) {
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
        double median = median(millis);
        System.out.printf("%-18s deploy on A -> first 200 on B: median %.1f ms (min %.1f, max %.1f), %.2fx baseline%n",
                label, median, Arrays.stream(millis).min().orElse(0), Arrays.stream(millis).max().orElse(0),
                median / baseline);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
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

    private static Node start(Path jar, Path dir, int[] clusterPorts, int index, String clusterName)
            throws Exception {
        Files.createDirectories(dir);
        int port = freePort();
        int adminPort = freePort();
        Files.writeString(dir.resolve("node.yaml"), "server: {host: 127.0.0.1, port: " + port + "}\n"
                + "admin: {host: 127.0.0.1, port: " + adminPort + ", token: " + TOKEN + "}\n"
                + "deploy: {data-dir: data}\n");
        var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xss4m", "-jar", jar.toAbsolutePath().toString(), "serve",
                "--config", dir.resolve("node.yaml").toString(), "--cluster", "--cluster-name", clusterName,
                "--cluster-port", Integer.toString(clusterPorts[index]), "--cluster-member",
                "127.0.0.1:" + clusterPorts[0] + ",127.0.0.1:" + clusterPorts[1]);
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(dir.resolve("node.log").toFile()).start();
        boolean ready = CompletableFuture.supplyAsync(() -> awaitLine(process.getInputStream(), "wedge: admin API on"))
                .get(120, TimeUnit.SECONDS);
        if (!ready) {
            throw new IllegalStateException("node " + dir + " did not start; see " + dir.resolve("node.log"));
        }
        return new Node(process, port, adminPort);
    }

    private static boolean awaitLine(InputStream output, String prefix) {
        var lines = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8));
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(prefix)) {
                    Thread.ofVirtual().start(() -> lines.lines().forEach(rest -> { }));
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DeployLatency.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is missing from the class path");
            }
            return in.readAllBytes();
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

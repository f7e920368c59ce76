package dev.wedge.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A wedge node in a process of its own ({@code wedge serve --cluster}), as on a PoP machine: its own ports,
 * data directory and Hazelcast member. Ready once it prints its admin line (after joining the cluster and
 * syncing its apps); its output goes to a log file under target/ for post-mortems.
 */
final class NodeProcess {

    static final String TOKEN = "cluster-test-token";
    private static final long START_SECONDS = 120;

    final String name;
    final int port;
    final int adminPort;
    final int clusterPort;
    private final Path dir;
    private Process process;

    NodeProcess(String name, Path root) throws IOException {
        this.name = name;
        this.port = freePort();
        this.adminPort = freePort();
        this.clusterPort = freePort();
        this.dir = Files.createDirectories(root.resolve(name));
        Files.writeString(dir.resolve("node.yaml"), """
                server: {host: 127.0.0.1, port: %d, workers: 4}
                admin: {host: 127.0.0.1, port: %d, token: %s}
                deploy: {data-dir: data, ack-timeout-ms: 5000, sync-interval-ms: 1000}
                """.formatted(port, adminPort, TOKEN));
    }

    /** Starts the process; {@link #awaitReady} waits for it. */
    void start(List<NodeProcess> members, String clusterName) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xss4m", "-Xmx384m",
                "-cp", System.getProperty("java.class.path"),
                "dev.wedge.cli.WedgeCli", "serve", "--config", dir.resolve("node.yaml").toString(),
                "--cluster", "--cluster-name", clusterName, "--cluster-port", Integer.toString(clusterPort),
                "--cluster-member", String.join(",", members.stream()
                        .map(member -> "127.0.0.1:" + member.clusterPort).toList())));
        Path log = Path.of("target", "cluster-test-" + name + ".log");
        process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /** Reads the node's output until it says its admin API is up (the last line of a start). */
    void awaitReady() throws Exception {
        var ready = CompletableFuture.supplyAsync(() -> {
            try {
                var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("wedge: admin API on")) {
                        drain(lines);
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!ready.get(START_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("node " + name + " exited before it was ready (exit "
                    + process.waitFor() + "); see target/cluster-test-" + name + ".log");
        }
    }

    /** SIGKILL: no shutdown hook, no goodbye to the cluster. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    /** SIGTERM: the node stops cleanly. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static void drain(BufferedReader lines) {
        Thread.ofVirtual().start(() -> {
            try {
                while (lines.readLine() != null) {
                    // the route listing and anything later: read so the node never blocks on a full pipe
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

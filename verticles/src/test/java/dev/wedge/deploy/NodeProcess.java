package dev.wedge.deploy;

import dev.wedge.server.TestNodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A wedge node in a process of its own ({@code wedge serve --cluster}), as on a PoP machine: its own ports,
 * data directory and Hazelcast member. Its app and admin servers listen on port 0, and the ports it got are read
 * from the lines it prints once started; then its readiness endpoint is polled. Its other output goes to a log
 * file under target/ for post-mortems.
 *
 * <p>The Hazelcast port cannot be left to the node: its peers are told it on their command lines. It is picked
 * free, and another process may take it before the node binds it. So the node runs the bundled cluster.xml with
 * auto-increment off: a taken port then fails the start (rather than moving the member to a port no peer knows),
 * and the start is tried again with another port. Peers always join through a running member, so one with an
 * outdated port in its list still joins.
 */
final class NodeProcess {

    static final String TOKEN = "cluster-test-token";
    /** These bound a start (a JVM, a cluster join, an app sync) on a busy machine; no test is about its speed. */
    private static final long START_SECONDS = 120;
    private static final long READY_SECONDS = 60;
    private static final long POLL_MILLIS = 200;
    private static final int MAX_STARTS = 5;
    private static final Pattern NODE_LINE = Pattern.compile("^wedge: node listening on http://[^ ]+:(\\d+)");
    private static final Pattern ADMIN_LINE = Pattern.compile("^wedge: admin API on http://[^ ]+:(\\d+)");

    final String name;
    private final Path dir;
    private final Path log;
    private List<NodeProcess> members = List.of();
    private String clusterName;
    private Process process;
    private CompletableFuture<int[]> ports;
    private volatile int clusterPort;
    private volatile int port = -1;
    private volatile int adminPort = -1;

    NodeProcess(String name, Path root) throws IOException {
        this(name, root, "");
    }

    /** @param moreConfig YAML appended to the node's config file (apps, sites) */
    NodeProcess(String name, Path root, String moreConfig) throws IOException {
        this.name = name;
        this.dir = Files.createDirectories(root.resolve(name));
        this.log = Path.of("target", "cluster-test-" + name + ".log").toAbsolutePath();
        // Deploys wait up to ack-timeout-ms for every node: generous, as no test here is about that deadline. An
        // unused module goes 20 s after its last upload or deploy, so the last step sees every module collected.
        Files.writeString(dir.resolve("node.yaml"), """
                server: {host: 127.0.0.1, port: 0, workers: 4}
                admin: {host: 127.0.0.1, port: 0, token: %s}
                deploy: {data-dir: data, ack-timeout-ms: 30000, sync-interval-ms: 1000, module-grace-ms: 20000}
                """.formatted(TOKEN) + moreConfig);
        Files.writeString(dir.resolve("cluster.xml"), clusterXml());
    }

    /** The repo's cluster.xml (the one in the jar) with auto-increment off: see the class comment. */
    private static String clusterXml() throws IOException {
        String bundled = Files.readString(TestNodes.REPO.resolve("cluster.xml"));
        String fixed = bundled.replace("auto-increment=\"true\"", "auto-increment=\"false\"");
        if (fixed.equals(bundled)) {
            throw new IllegalStateException("cluster.xml no longer sets auto-increment=\"true\"; update NodeProcess");
        }
        return fixed;
    }

    /** Where the node keeps its modules ({@code deploy.data-dir}/modules). */
    Path modulesDir() {
        return dir.resolve("data").resolve("modules");
    }

    /** The app port of the running process (a restart gets new ones). */
    int port() {
        return port;
    }

    int adminPort() {
        return adminPort;
    }

    /** Starts the process, to join {@code members} (their ports as they are now); {@link #awaitReady} waits. */
    void start(List<NodeProcess> members, String clusterName) throws IOException {
        this.members = members;
        this.clusterName = clusterName;
        launch();
    }

    private void launch() throws IOException {
        clusterPort = freePort();
        port = -1;
        adminPort = -1;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xss4m", "-Xmx384m", "-Dwedge.relaunch=false",
                "-cp", System.getProperty("java.class.path"),
                "dev.wedge.cli.WedgeCli", "serve", "--config", dir.resolve("node.yaml").toString(),
                "--cluster", "--cluster-name", clusterName, "--cluster-port", Integer.toString(clusterPort),
                "--cluster-config", dir.resolve("cluster.xml").toString(),
                "--cluster-member", String.join(",", members.stream().filter(member -> member.clusterPort > 0)
                        .map(member -> "127.0.0.1:" + member.clusterPort).toList())));
        process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ports = readPorts(process);
    }

    /**
     * Waits for the ports the node prints once started, starting it again on another cluster port if that one
     * was taken, then polls its readiness endpoint until it says ready.
     */
    void awaitReady() throws Exception {
        for (int start = 1; ; start++) {
            int[] printed = ports.get(START_SECONDS, TimeUnit.SECONDS);
            if (printed != null) {
                port = printed[0];
                adminPort = printed[1];
                pollReady();
                return;
            }
            String exit = process.waitFor(START_SECONDS, TimeUnit.SECONDS) ? "exit " + process.exitValue()
                    : "still running";
            if (start == MAX_STARTS || !clusterPortWasTaken()) {
                throw new AssertionError("node " + name + " closed its output before it was ready (" + exit
                        + ", start " + start + "); see " + log);
            }
            launch();
        }
    }

    private boolean clusterPortWasTaken() throws IOException {
        return Files.readString(log).contains("Port [" + clusterPort + "] is already in use");
    }

    /** Ready is what the node's readiness endpoint says, asked until it says so (bounded). */
    private void pollReady() throws Exception {
        var http = new Http(null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
        Http.Reply ready = http.get(adminPort, "/ready");
        while (ready.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS); // the pace of the polling, not a wait for anything
            ready = http.get(adminPort, "/ready");
        }
        if (ready.status() != 200) {
            throw new TimeoutException("node " + name + " not ready after " + READY_SECONDS + " s: " + ready);
        }
    }

    /**
     * Reads the node's output on a thread of its own, for as long as there is any (so the node never blocks
     * on a full pipe): completes with {app port, admin port} once both are printed, with null if the output
     * ends first (the process exited).
     */
    private static CompletableFuture<int[]> readPorts(Process process) {
        var ports = new CompletableFuture<int[]>();
        Thread.ofVirtual().start(() -> {
            int[] found = {-1, -1};
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    found[0] = portIn(NODE_LINE, line, found[0]);
                    found[1] = portIn(ADMIN_LINE, line, found[1]);
                    if (found[0] > 0 && found[1] > 0) {
                        ports.complete(found.clone());
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            } finally {
                ports.complete(null); // no-op once the ports were found
            }
        });
        return ports;
    }

    private static int portIn(Pattern pattern, String line, int otherwise) {
        Matcher matcher = pattern.matcher(line);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : otherwise;
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

    /** Only for the Hazelcast port, which peers must know up front; a lost race is retried (see above). */
    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

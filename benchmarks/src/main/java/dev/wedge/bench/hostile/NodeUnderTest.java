package dev.wedge.bench.hostile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A wedge node in a process of its own ({@code wedge serve --config}), so that what the suite does to it shows in
 * that process alone: whether it is still alive, its resident memory and its heap after a full collection.
 */
final class NodeUnderTest implements AutoCloseable {

    static final String TOKEN = "hostile-suite-token";
    private static final Pattern LISTENING = Pattern.compile("wedge: node listening on http://[^:]+:(\\d+)");
    private static final Pattern ADMIN = Pattern.compile("wedge: admin API on http://[^:]+:(\\d+)");

    final int port;
    final int adminPort;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private NodeUnderTest(Process process, int port, int adminPort) {
        this.process = process;
        this.port = port;
        this.adminPort = adminPort;
    }

    /** Starts {@code java -jar wedge.jar serve --config CONFIG} and waits until it prints both of its ports. */
    static NodeUnderTest start(Path jar, Path config, Path log) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xss4m", "-Xmx1g", "-Dwedge.relaunch=false", "-jar", jar.toString(),
                "serve", "--config", config.toString());
        Process process = new ProcessBuilder(command).directory(config.getParent().toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        var ports = CompletableFuture.supplyAsync(() -> readPorts(process));
        try {
            int[] found = ports.get(120, TimeUnit.SECONDS);
            return new NodeUnderTest(process, found[0], found[1]);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the node did not start; see " + log, e);
        }
    }

    private static int[] readPorts(Process process) {
        int[] ports = {-1, -1};
        var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Matcher node = LISTENING.matcher(line);
                Matcher admin = ADMIN.matcher(line);
                if (node.find()) {
                    ports[0] = Integer.parseInt(node.group(1));
                } else if (admin.find()) {
                    ports[1] = Integer.parseInt(admin.group(1));
                    Thread.ofVirtual().start(() -> lines.lines().forEach(rest -> { })); // keep the pipe drained
                    return ports;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("the node exited");
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Resident memory, from /proc. */
    long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return -1;
    }

    /** The heap in use right after a full collection, from the node's own metrics. */
    long heapAfterGcBytes() throws Exception {
        Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), "GC.run").redirectErrorStream(true).start();
        gc.getInputStream().readAllBytes();
        gc.waitFor(60, TimeUnit.SECONDS);
        String metrics = admin("GET", "/metrics", null).body();
        double used = 0;
        for (String line : metrics.lines().toList()) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                used += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) used;
    }

    HttpResponse<String> admin(String method, String path, byte[] body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path))
                .timeout(Duration.ofSeconds(60)).header("authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("content-type", "application/wasm");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET to an app, routed by host name. */
    HttpResponse<String> get(String host, String path) throws Exception {
        return get(http, host, path);
    }

    /**
     * The same on a connection of its own: a pooled connection idle for the node's header timeout is answered 408
     * and closed, and a client that sends on it as that happens reads the 408 as its answer.
     */
    HttpResponse<String> getFresh(String host, String path) throws Exception {
        try (HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            return get(fresh, host, path);
        }
    }

    private HttpResponse<String> get(HttpClient client, String host, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("host", host)
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpClient client() {
        return http;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

package dev.wedge.bench;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A wedge node run as a process of its own, for the drivers: started from {@code wedge.jar serve} with a config
 * the driver writes (its ports and admin token filled in), called over loopback, and measured from outside
 * (heap after a full collection, RSS, its metrics).
 */
final class WedgeProcess implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int port;
    private final int adminPort;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private WedgeProcess(Process process, Path dir, int port, int adminPort, String token) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.adminPort = adminPort;
        this.token = token;
    }

    /**
     * Starts a node in {@code dir} and waits (bounded) for its admin API.
     *
     * @param config the config file after its {@code server} and {@code admin} lines (e.g. a {@code deploy:}
     *     section); {@code serverExtras} goes inside {@code server: {...}}, such as {@code "engine: wasmtime"}
     * @param jvmOptions before {@code -jar}, such as {@code -Xmx2g}
     * @param serveArguments after {@code serve --config FILE}, such as {@code --cluster ...}
     */
    static WedgeProcess start(Path jar, Path dir, String token, String serverExtras, String config,
            List<String> jvmOptions, List<String> serveArguments) throws Exception {
        Files.createDirectories(dir);
        int port = freePort();
        int adminPort = freePort();
        Files.writeString(dir.resolve("node.yaml"), "server: {host: 127.0.0.1, port: " + port
                + (serverExtras.isEmpty() ? "" : ", " + serverExtras) + "}\n"
                + "admin: {host: 127.0.0.1, port: " + adminPort + ", token: " + token + "}\n" + config);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--enable-native-access=ALL-UNNAMED", "-Xss4m",
                "-Dwedge.relaunch=false")); // the process started is the node its figures are about
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "serve", "--config",
                dir.resolve("node.yaml").toString()));
        command.addAll(serveArguments);
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(dir.resolve("node.log").toFile()).start();
        boolean ready = CompletableFuture.supplyAsync(() -> awaitLine(process.getInputStream(), "wedge: admin API on"))
                .get(300, TimeUnit.SECONDS);
        if (!ready) {
            throw new IllegalStateException("the node in " + dir + " did not start; see " + dir.resolve("node.log"));
        }
        return new WedgeProcess(process, dir, port, adminPort, token);
    }

    Path dir() {
        return dir;
    }

    long pid() {
        return process.pid();
    }

    /** A request to the node's serving port. */
    HttpResponse<String> get(String path) throws Exception {
        return send("GET", port, path, null);
    }

    /** A request to the admin API, with the token and a module's content type. */
    HttpResponse<String> admin(String method, String path, byte[] body) throws Exception {
        return send(method, adminPort, path, body);
    }

    private HttpResponse<String> send(String method, int to, String path, byte[] body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("authorization", "Bearer " + token).header("content-type", "application/wasm");
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A metric's first value from the admin API's Prometheus page; -1 when the node does not report it. */
    long metric(String name) throws Exception {
        Matcher value = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*\\})? (\\S+)")
                .matcher(admin("GET", "/metrics", null).body());
        return value.find() ? (long) Double.parseDouble(value.group(1)) : -1;
    }

    /**
     * The live heap, as a class histogram counts it: taking one runs a full collection and then counts only live
     * objects, so what the node's threads allocate meanwhile does not blur it.
     */
    long heapAfterGcKiB() throws Exception {
        Matcher total = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)").matcher(jcmd("GC.class_histogram"));
        return total.find() ? Long.parseLong(total.group(1)) / 1024 : -1;
    }

    /** Bytes and instances by class, from a class histogram (which runs a full collection first). */
    Map<String, long[]> histogram() throws Exception {
        Map<String, long[]> classes = new HashMap<>();
        Matcher row = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)").matcher(jcmd("GC.class_histogram"));
        while (row.find()) {
            classes.merge(row.group(3), new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))},
                    (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
        }
        return classes;
    }

    /**
     * RSS after an explicit full collection (which gives unused heap back), once it stops falling: G1 returns the
     * memory of a shrunk heap in the background, so a reading taken at once still counts it.
     */
    long settledRssKiB() throws Exception {
        jcmd("GC.run");
        long last = rss();
        for (int reading = 0; reading < 20; reading++) {
            Thread.sleep(500); // a driver, not a test: lets the collector return memory
            long next = rss();
            if (next > last - 1024) {
                return next;
            }
            last = next;
        }
        return last;
    }

    private long rss() throws IOException {
        Matcher rss = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(Files.readString(Path.of("/proc/" + pid()
                + "/status")));
        return rss.find() ? Long.parseLong(rss.group(1)) : -1;
    }

    private String jcmd(String command) throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid()), command).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor(120, TimeUnit.SECONDS);
        return out;
    }

    /** The response, once its status is the one expected. */
    static HttpResponse<String> expect(int status, HttpResponse<String> response, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }

    /** A custom section changes a module's sha256 and nothing it does. */
    static byte[] withCustomSection(byte[] module, String label) throws IOException {
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

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Waits for a line starting with {@code prefix}; then keeps draining, so the node never blocks on its pipe. */
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

    private static void drain(BufferedReader lines) {
        try {
            while (lines.readLine() != null) {
                // discarded
            }
        } catch (IOException e) {
            // the node stopped
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(60, TimeUnit.SECONDS);
    }
}

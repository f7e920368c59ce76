package dev.wedge.templates;

import static org.junit.jupiter.api.Assertions.fail;

import dev.wedge.server.TestNodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real S3-compatible server, s3proxy 4.1.0 (resolved by scripts/install-s3proxy.sh), run as a child process on
 * 127.0.0.1 with a port the system picks, storing buckets as folders of {@code dir}. Ready once its connector
 * reports the port: the process's output is read line by line until then (no sleeping).
 */
final class S3Proxy implements AutoCloseable {

    static final String ACCESS_KEY = "AKIDWEDGETEST";
    static final String SECRET_KEY = "wedge-test-secret";

    private static final Path CLASSPATH = TestNodes.REPO.resolve("scripts/s3proxy/target/classpath.txt");
    /** Jetty's line when its connector listens, e.g. {@code Started ...{HTTP/1.1, (http/1.1)}{127.0.0.1:42329}}. */
    private static final Pattern LISTENING = Pattern.compile("Started \\S*ServerConnector.*\\{127\\.0\\.0\\.1:(\\d+)}");

    private final Process process;
    private final Path dir;
    private final int port;

    /** Starts the server with the given buckets (empty folders) under {@code dir}. */
    S3Proxy(Path dir, String... buckets) throws IOException {
        if (!Files.isRegularFile(CLASSPATH)) {
            fail("s3proxy is not resolved: run scripts/install-s3proxy.sh (scripts/test.sh does)");
        }
        this.dir = dir;
        Path data = Files.createDirectories(dir.resolve("data"));
        for (String bucket : buckets) {
            Files.createDirectories(data.resolve(bucket));
        }
        Path properties = Files.writeString(dir.resolve("s3proxy.conf"), String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:0", "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY, "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem-nio2", "jclouds.filesystem.basedir=" + data, ""));
        // Without a configuration logback logs everything at DEBUG; only warnings and the connector's start here.
        Path logback = Files.writeString(dir.resolve("logback.xml"), """
                <configuration>
                  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>s3proxy: %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.gaul.shaded.org.eclipse.jetty.server.AbstractConnector" level="INFO"/>
                  <root level="WARN"><appender-ref ref="out"/></root>
                </configuration>
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Dlogback.configurationFile=" + logback, "-cp",
                Files.readString(CLASSPATH).strip(), "org.gaul.s3proxy.Main", "--properties", properties.toString())
                .redirectErrorStream(true).start();
        port = awaitPort();
    }

    private int awaitPort() throws IOException {
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                drain(reader);
                return Integer.parseInt(matcher.group(1));
            }
            seen.add(line);
        }
        process.destroyForcibly();
        return fail("s3proxy ended before listening:\n" + String.join("\n", seen));
    }

    /** Keeps reading the server's output (into the test's), so a full pipe never blocks it; ends with it. */
    private static void drain(BufferedReader reader) {
        Thread.ofVirtual().start(() -> {
            try {
                reader.lines().forEach(System.out::println);
            } catch (UncheckedIOException closed) {
                // the process was stopped: its output is closed
            }
        });
    }

    /** {@code http://127.0.0.1:PORT}, the S3 endpoint. */
    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Where the server keeps an object (the filesystem backend stores KEY as a file of the bucket's folder). */
    Path file(String bucket, String key) {
        return dir.resolve("data").resolve(bucket).resolve(key);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}

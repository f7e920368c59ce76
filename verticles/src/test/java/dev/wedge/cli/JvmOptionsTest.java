package dev.wedge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.server.TestNodes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The jar's JVM options and the relaunch of {@code java -jar wedge.jar} without them. */
class JvmOptionsTest {

    private static final Map<String, String> HOTSPOT_DEFAULTS = Map.of("DontCompileHugeMethods", "true");

    private static Optional<String> defaults(String name) {
        return Optional.ofNullable(HOTSPOT_DEFAULTS.get(name));
    }

    @Test
    void theJarCarriesTheReposJvmOptions() throws IOException {
        List<String> repo = JvmOptions.parse(Files.readString(Path.of("..", "jvm.options")));
        assertEquals(repo, JvmOptions.packaged().options());
        assertTrue(repo.contains("-XX:-DontCompileHugeMethods"), repo::toString);
        assertTrue(repo.stream().noneMatch(line -> line.startsWith("#")));
    }

    @Test
    void aFlagIsMissingUnlessTheJvmHasItOrTheUserChoseIt() {
        var options = new JvmOptions(List.of("--enable-native-access=ALL-UNNAMED", "-XX:-DontCompileHugeMethods",
                "-XX:+NoSuchFlag", "-XX:ReservedCodeCacheSize=256m"));
        Map<String, String> values = Map.of("DontCompileHugeMethods", "true", "ReservedCodeCacheSize", "240m");
        assertEquals(List.of("-XX:-DontCompileHugeMethods", "-XX:ReservedCodeCacheSize=256m"),
                options.missing(name -> Optional.ofNullable(values.get(name)), List.of()),
                "a flag this JVM lacks; never a non -XX option or a flag the JVM does not know");
        Map<String, String> set = Map.of("DontCompileHugeMethods", "false", "ReservedCodeCacheSize", "256m");
        assertEquals(List.of(), options.missing(name -> Optional.ofNullable(set.get(name)),
                List.of("-XX:ReservedCodeCacheSize=256m")), "all set");
        assertEquals(List.of("-XX:ReservedCodeCacheSize=256m"), options.missing(name -> Optional.ofNullable(
                values.get(name)), List.of("-Xmx1g", "-XX:+DontCompileHugeMethods")), "the user's choice stands");
    }

    @Test
    void theRelaunchKeepsTheJvmArgumentsAndAddsTheFile() {
        var options = new JvmOptions(List.of("-XX:-DontCompileHugeMethods"));
        assertEquals(List.of("/jdk/bin/java", "-Xmx1g", "-XX:-DontCompileHugeMethods", "-Dwedge.relaunched=true",
                "-cp", "wedge.jar", "dev.wedge.cli.WedgeCli", "serve", "--config", "node.yaml"),
                options.relaunchCommand("/jdk/bin/java", List.of("-Xmx1g"), "wedge.jar", "dev.wedge.cli.WedgeCli",
                        new String[] {"serve", "--config", "node.yaml"}));
        assertEquals(List.of("-XX:-DontCompileHugeMethods"), options.missing(JvmOptionsTest::defaults, List.of()));
    }

    /**
     * A real JVM without the options, as {@code java -jar wedge.jar call} starts: it relaunches itself with them (the
     * flags each JVM prints at its start show both), the second JVM answers on the same terminal and the first exits
     * with its code. With {@code -Dwedge.relaunch=false} there is one JVM, with HotSpot's default.
     */
    @Test
    void aJvmWithoutTheOptionsRelaunchesItselfForACommandThatRunsGuests() throws Exception {
        String out = call();
        assertTrue(out.contains("Hello from wedge!"), out);
        assertEquals(List.of("true", "false"), hugeMethodsFlags(out), "the first JVM's default, then the relaunch's");

        String notRelaunched = call("-Dwedge.relaunch=false");
        assertTrue(notRelaunched.contains("Hello from wedge!"), notRelaunched);
        assertEquals(List.of("true"), hugeMethodsFlags(notRelaunched));
    }

    /**
     * A node relaunched with the options stops when the JVM that started it is killed (SIGKILL forwards nothing):
     * no node lives on unseen, holding its ports.
     */
    @Test
    void aRelaunchedNodeEndsWhenItsParentIsKilled() throws Exception {
        Path dir = Files.createTempDirectory("wedge-relaunch");
        Path config = Files.writeString(dir.resolve("node.yaml"), "server: {host: 127.0.0.1, port: 0}\n"
                + "admin: {host: 127.0.0.1, port: 0}\n");
        Process parent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WedgeCli.class.getName(), "serve", "--config",
                config.toString()).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String out = CompletableFuture.supplyAsync(() -> readUntil(parent, "wedge: admin API on"))
                    .get(2, TimeUnit.MINUTES);
            assertTrue(out.contains("wedge: admin API on"), "the relaunched node came up:\n" + out);
            ProcessHandle node = parent.toHandle().children().findFirst().orElseThrow();
            parent.destroyForcibly();
            node.onExit().get(2, TimeUnit.MINUTES);
            assertFalse(node.isAlive(), "the node ended too");
        } finally {
            parent.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }
    }

    /** The process's output up to the first line containing {@code marker} (null: all of it). */
    private static String readUntil(Process process, String marker) {
        var out = new StringBuilder();
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                out.append(line).append('\n');
                if (marker != null && line.contains(marker)) {
                    break;
                }
            }
        } catch (IOException e) {
            out.append(e);
        }
        return out.toString();
    }

    /** Runs {@code wedge call} on the hello app in a new JVM that prints its flags; its output. */
    private static String call(String... properties) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:+PrintFlagsFinal"));
        command.addAll(List.of(properties));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), WedgeCli.class.getName(), "call",
                TestNodes.app("hello").toString(), "/"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try {
            out = CompletableFuture.supplyAsync(() -> readUntil(process, null)).get(2, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw e;
        }
        assertTrue(process.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    private static List<String> hugeMethodsFlags(String out) {
        return out.lines().filter(line -> line.matches("\\s*bool DontCompileHugeMethods\\s+=.*"))
                .map(line -> line.replaceAll(".*= *(\\w+).*", "$1")).toList();
    }
}

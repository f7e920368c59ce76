package dev.wedge.cli;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * The JVM options a node runs with (the repo's jvm.options, packaged in the jar) and the relaunch that gives them to
 * {@code java -jar wedge.jar} started without them. A jar's manifest can grant native access (it does) but cannot
 * set a HotSpot flag, and {@code -XX:-DontCompileHugeMethods} makes large guests run several times faster on
 * Chicory (benchmarks/README.md). So a command that runs guests, in a JVM lacking one of the file's {@code -XX}
 * flags, starts a second JVM with the same arguments plus the file's options, passes it the terminal, forwards
 * its own stop to it and exits with its code. A flag the user set either way on the command line is theirs;
 * {@code -Dwedge.relaunch=false} turns the relaunch off.
 */
final class JvmOptions {

    private static final String RESOURCE = "jvm.options";
    private static final String RELAUNCHED = "wedge.relaunched";
    private static final String RELAUNCH = "wedge.relaunch";
    private static final Set<String> GUEST_COMMANDS = Set.of("run", "serve", "call", "test");

    private final List<String> options;

    JvmOptions(List<String> options) {
        this.options = List.copyOf(options);
    }

    /** The options packaged in the jar. */
    static JvmOptions packaged() {
        try (InputStream in = JvmOptions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks its " + RESOURCE);
            }
            return new JvmOptions(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code java @file} options file: one option a line, {@code #} comments and blank lines skipped. */
    static List<String> parse(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    List<String> options() {
        return options;
    }

    /**
     * The file's {@code -XX} flags this JVM runs without, given the value of each VM option by name (empty when the
     * JVM has no such option: it could not take the flag either) and the JVM's own arguments (a flag named there is
     * the user's choice). A boolean flag is missing when its value differs; a sized or numbered one (whose value
     * the JVM reports in its own units) when the arguments do not name it.
     */
    List<String> missing(Function<String, Optional<String>> vmOption, List<String> jvmArguments) {
        List<String> missing = new ArrayList<>();
        for (String option : options) {
            if (!option.startsWith("-XX:")) {
                continue;
            }
            String flag = option.substring(4);
            boolean bool = flag.startsWith("+") || flag.startsWith("-");
            String name = bool ? flag.substring(1) : flag.substring(0, Math.max(0, flag.indexOf('=')));
            String wanted = Boolean.toString(flag.startsWith("+"));
            boolean usersChoice = jvmArguments.stream().anyMatch(argument -> argument.equals("-XX:+" + name)
                    || argument.equals("-XX:-" + name) || argument.startsWith("-XX:" + name + "="));
            if (!usersChoice && vmOption.apply(name).filter(value -> !bool || !value.equals(wanted)).isPresent()) {
                missing.add(option);
            }
        }
        return missing;
    }

    /** The command that runs {@code mainClass} again with the same JVM arguments, then the file's options. */
    List<String> relaunchCommand(String java, List<String> jvmArguments, String classPath, String mainClass,
            String[] args) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmArguments);
        command.addAll(options);
        command.add("-D" + RELAUNCHED + "=true");
        command.addAll(List.of("-cp", classPath, mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Relaunches this JVM with the packaged options when {@code args} name a command that runs guests and one of
     * them is missing; the relaunched JVM's exit code, or empty to go on in this one.
     */
    static OptionalInt relaunchIfMissing(String[] args, Class<?> mainClass) {
        if (Boolean.getBoolean(RELAUNCHED)) {
            exitWithParent();
            return OptionalInt.empty();
        }
        if (args.length == 0 || !GUEST_COMMANDS.contains(args[0]) || "false".equals(System.getProperty(RELAUNCH))) {
            return OptionalInt.empty();
        }
        JvmOptions packaged = packaged();
        List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        List<String> missing = packaged.missing(JvmOptions::vmOption, jvmArguments);
        if (missing.isEmpty()) {
            return OptionalInt.empty();
        }
        if (jvmArguments.stream().anyMatch(JvmOptions::holdsAResource)) {
            // a second JVM would find the debugger's or JMX's port taken, or load the agent twice
            System.err.println("wedge: running without " + missing + " (a debugger, agent or JMX port is set):"
                    + " start java with @jvm.options for them");
            return OptionalInt.empty();
        }
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        try {
            return OptionalInt.of(run(packaged.relaunchCommand(java, jvmArguments,
                    System.getProperty("java.class.path"), mainClass.getName(), args)));
        } catch (IOException e) { // cannot start a JVM: run without the flags rather than not at all
            System.err.println("wedge: cannot relaunch with " + RESOURCE + " (" + e.getMessage() + "); going on");
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.of(1);
        }
    }

    /**
     * A relaunched JVM ends when the JVM that started it is gone: a parent stopped by SIGKILL cannot forward the
     * stop, and its node must not live on unseen, holding its ports.
     */
    private static void exitWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("wedge: the JVM that relaunched this one is gone; stopping");
            Runtime.getRuntime().halt(137);
        }));
    }

    private static Optional<String> vmOption(String name) {
        try {
            return Optional.of(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).getVMOption(name)
                    .getValue());
        } catch (IllegalArgumentException | NullPointerException e) { // no such option, or not HotSpot
            return Optional.empty();
        }
    }

    private static boolean holdsAResource(String argument) {
        return argument.startsWith("-agentlib") || argument.startsWith("-agentpath")
                || argument.startsWith("-javaagent") || argument.startsWith("-Dcom.sun.management.jmxremote");
    }

    /** Runs the command on this terminal until it ends; a stop of this JVM (SIGTERM, Ctrl-C) stops it too. */
    private static int run(List<String> command) throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command).inheritIO();
        // their options are among this JVM's arguments, which the command repeats: read twice they would apply twice
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        Process child = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            child.destroy(); // SIGTERM: a node drains its running guests first
            try {
                child.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "wedge-relaunch-stop"));
        return child.waitFor();
    }
}

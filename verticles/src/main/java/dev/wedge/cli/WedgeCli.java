package dev.wedge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalInt;
import java.util.logging.LogManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wedge}: serve a PoP, or run and call single apps locally. */
@Command(name = "wedge", mixinStandardHelpOptions = true, version = "wedge 0.1.0",
        description = "WebAssembly edge runtime on the JVM.",
        subcommands = {RunCommand.class, CallCommand.class, ServeCommand.class, LogsCommand.class, DeployCommand.class,
            AppsCommand.class, SitesCommand.class, TemplatesCommand.class, CacheCommand.class, TestCommand.class})
public final class WedgeCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        OptionalInt relaunched = JvmOptions.relaunchIfMissing(args, WedgeCli.class);
        if (relaunched.isPresent()) {
            System.exit(relaunched.getAsInt());
        }
        quietLogging();
        System.exit(commandLine().execute(args));
    }

    /** wedge's own logging defaults, unless the user configured java.util.logging. */
    private static void quietLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        try (InputStream in = WedgeCli.class.getResourceAsStream("/dev/wedge/logging.properties")) {
            if (in != null) {
                LogManager.getLogManager().readConfiguration(in);
            }
        } catch (IOException e) {
            System.err.println("wedge: cannot read logging defaults: " + e);
        }
    }

    /** The command line with wedge's error handling: bad options and bad input print one clear line. */
    public static CommandLine commandLine() {
        var commandLine = new CommandLine(new WedgeCli());
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println("wedge: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        return commandLine;
    }
}

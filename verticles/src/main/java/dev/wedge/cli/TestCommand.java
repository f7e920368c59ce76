package dev.wedge.cli;

import dev.wedge.host.WasmHost;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs an app author's fixtures locally, for their CI (docs/templates.md, "Fixtures"). */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run fixtures (FastEdge's fastedge-config.test.json plus expect) against",
            "their apps: a proxy-wasm app in front of a loopback origin that answers the",
            "fixture's response, an http-wasm app on its own. Prints PASS or FAIL per",
            "fixture, what differed, and a summary. Exits 0 when all passed, 1 when some",
            "failed, 2 when a fixture is malformed."})
final class TestCommand implements Callable<Integer> {

    private static final long JOIN_SECONDS = 60;
    private static final String SUFFIX = ".test.json";
    private static final String INDENT = "      ";

    @Parameters(arity = "1..*", paramLabel = "FILE.json|DIR",
            description = "A fixture file (one fixture or an array), or a directory: every *.test.json under it.")
    List<Path> paths;

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "Wasm engine: chicory (default), wasmtime or auto.")
    String engine;

    private int passed;
    private int failed;
    private int malformed;
    private int ran;

    @Override
    public Integer call() throws Exception {
        if (engine != null && !WasmHost.ENGINE_SETTINGS.contains(engine)) {
            throw new IllegalArgumentException("unknown engine '" + engine + "' (one of " + WasmHost.ENGINE_SETTINGS
                    + ")");
        }
        List<Path> files = files(paths);
        PrintStream out = System.out;
        Vertx vertx = Vertx.vertx();
        try {
            var runner = new FixtureRunner(vertx, engine);
            for (Path file : files) {
                List<Fixture> fixtures;
                try {
                    fixtures = FixtureReader.read(file);
                } catch (FixtureReader.Malformed e) {
                    error(out, e.getMessage());
                    continue;
                }
                for (Fixture fixture : fixtures) {
                    FixtureRunner.Outcome outcome;
                    try {
                        outcome = runner.run(fixture);
                    } catch (IllegalArgumentException e) { // the settings reader refused the fixture's values
                        error(out, fixture.where() + ": " + e.getMessage());
                        continue;
                    }
                    report(out, fixture, outcome);
                }
            }
        } finally {
            Futures.join(vertx.close(), JOIN_SECONDS);
        }
        out.println(passed + " passed, " + failed + " failed, " + malformed + " malformed"
                + (ran > 0 ? ", " + ran + " without expect" : ""));
        out.flush();
        return malformed > 0 ? 2 : failed > 0 ? 1 : 0;
    }

    /** The files named, and every {@code *.test.json} under the directories named, each directory's sorted. */
    static List<Path> files(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isRegularFile(path)) {
                files.add(path);
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    List<Path> found = walk.filter(file -> file.getFileName().toString().endsWith(SUFFIX))
                            .filter(Files::isRegularFile).sorted().toList();
                    if (found.isEmpty()) {
                        throw new IllegalArgumentException("no *" + SUFFIX + " under " + path);
                    }
                    files.addAll(found);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot list " + path + ": " + e.getMessage(), e);
                }
            } else {
                throw new IllegalArgumentException("no such file or directory: " + path);
            }
        }
        return files;
    }

    private void report(PrintStream out, Fixture fixture, FixtureRunner.Outcome outcome) {
        String line = fixture.title() + "  (" + fixture.where() + ")";
        if (outcome.failure() != null) {
            failed++;
            out.println("FAIL  " + line);
            out.println(INDENT + outcome.failure());
            return;
        }
        if (fixture.expect() == null) {
            ran++;
            out.println("RAN   " + line);
            happened(out, fixture, outcome);
            return;
        }
        List<String> differences = FixtureCheck.differences(fixture.expect(), outcome.origin(), outcome.response());
        if (differences.isEmpty()) {
            passed++;
            out.println("PASS  " + line);
            return;
        }
        failed++;
        out.println("FAIL  " + line);
        differences.forEach(difference -> out.println(INDENT + difference));
        if (!outcome.log().isEmpty()) {
            out.println(INDENT + "app log:");
            outcome.log().lines().forEach(logLine -> out.println(INDENT + "  " + logLine));
        }
    }

    /** A fixture without {@code expect}: what the origin received and what the client got. */
    private static void happened(PrintStream out, Fixture fixture, FixtureRunner.Outcome outcome) {
        FixtureOrigin.Received origin = outcome.origin();
        if (!fixture.http()) {
            out.println(INDENT + "origin: " + (origin == null ? "not called" : origin.method() + " " + origin.uri()
                    + " " + origin.headers() + " body " + FixtureCheck.quoted(new String(origin.body(),
                            StandardCharsets.UTF_8))));
        }
        FixtureCheck.Observed response = outcome.response();
        out.println(INDENT + "response: " + response.status() + " " + response.headers() + " body "
                + FixtureCheck.quoted(response.text()));
        outcome.log().lines().forEach(logLine -> out.println(INDENT + "  " + logLine));
    }

    private void error(PrintStream out, String message) {
        malformed++;
        out.println("ERROR " + message);
    }
}

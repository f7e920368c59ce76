package dev.wedge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.cli.CliTest.Run;
import dev.wedge.server.TestNodes;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every fixture shipped under apps/ (example apps and templates, docs/templates.md) passes with {@code wedge test}:
 * what an app's README promises is checked on each merge.
 */
class ShippedFixturesTest {

    private static final Path APPS = TestNodes.REPO.resolve("apps");

    @Test
    void everyShippedFixturePasses() {
        List<Path> files = TestCommand.files(List.of(APPS));
        assertTrue(files.contains(APPS.resolve("geo-block/geo-block.test.json"))
                && files.contains(APPS.resolve("templates/api-key/api-key.test.json")), "found " + files);
        Run run = CliTest.run("test", APPS.toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        for (Path file : files) {
            assertTrue(run.out().contains("(" + file), "ran " + file + ": " + run.out());
        }
        List<String> verdicts = run.out().lines().filter(line -> !line.startsWith(" ")).toList();
        List<String> fixtures = verdicts.subList(0, verdicts.size() - 1);
        assertTrue(fixtures.size() >= 6, run.out());
        assertTrue(fixtures.stream().allMatch(line -> line.startsWith("PASS  ")), "a fixture without expect, or "
                + "one that failed: " + run.out());
    }
}

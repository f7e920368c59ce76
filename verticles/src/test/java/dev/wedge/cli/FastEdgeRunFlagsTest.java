package dev.wedge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.AppSpec;
import dev.wedge.host.http.HttpCapability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** fastedge-run's command line and dotenv files, taken by {@code wedge run} (docs/fastedge-compat.md). */
class FastEdgeRunFlagsTest {

    private static RunCommand run(String... args) {
        var command = new RunCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private static AppSpec spec(RunCommand run) {
        Path module = run.module();
        return run.app.toSpec("app", module.toAbsolutePath(), List.of("/"), run.triggers());
    }

    @Test
    void theHttpSubcommandAndItsFlagsWork() {
        RunCommand run = run("http", "-p", "8181", "-w", "app.wasm", "-e", "A=1", "-s", "TOKEN=t0k",
                "-m", "10000000", "--max-duration", "250", "--kv-stores", "cache=embedded");
        AppSpec spec = spec(run);
        assertEquals(Path.of("app.wasm"), run.module());
        assertEquals(8181, run.port);
        assertEquals(Map.of("A", "1"), spec.config().env());
        assertEquals(Duration.ofMillis(250), spec.config().limits().timeout());
        assertEquals(10L << 20, spec.config().limits().memoryBytes(), "10,000,000 bytes round up to 10 MiB");
        assertEquals("cache", run.app.kvStoreConfigs().get(0).name());

        assertEquals(Path.of("x.wasm"), run("http", "x.wasm").module());
        assertEquals(Path.of("x.wasm"), run("x.wasm").module());
        assertEquals(Path.of("http"), run("http").module(), "a module may be called http");
    }

    @Test
    void conflictingOrMissingModulesAreRefused() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run("a.wasm", "-w", "b.wasm").module())
                .getMessage().startsWith("give one module"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run().module())
                .getMessage().startsWith("no module"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> run("http", "-w", "a.wasm", "--wasi-http", "true").module())
                .getMessage().contains("not supported"));
        assertEquals(Path.of("a.wasm"), run("http", "-w", "a.wasm", "--wasi-http", "false").module());
        RunCommand both = run("-m", "1000", "--memory-limit-mb", "1", "a.wasm");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> spec(both)).getMessage()
                .contains("same limit"));
    }

    @Test
    void dotenvFilesComeAfterTheFlagsAndDotEnvBeforeTheCategoryFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), """
                # a comment line
                PLAIN=from-dotenv   # a comment after the value
                FLAGGED=from-dotenv
                BOTH="dotenv wins"
                FASTEDGE_VAR_ENV_PREFIXED='prefixed'
                FASTEDGE_VAR_SECRET_TOKEN=s3cret
                FASTEDGE_VAR_KV_STORE_cache=embedded
                FASTEDGE_VAR_UNKNOWN_X=ignored
                not a setting
                EQUALS==starts with equals
                """);
        Files.writeString(dir.resolve(".env.variables"), """
                BOTH=category file loses
                ONLY_FILE=from-variables
                FASTEDGE_VAR_ENV_SNEAKY=prefixed keys belong in .env only
                """);
        Files.writeString(dir.resolve(".env.secrets"), "TOKEN=loses\nOTHER=from-secrets\n");
        Files.writeString(dir.resolve(".env.rsp_headers"), "x-from-file=1\nx-empty=\n");
        Files.writeString(dir.resolve(".env.req_headers"), "x-pop=file\n");
        RunCommand run = run("--dotenv", dir.toString(), "-e", "FLAGGED=from-flag", "--rsp-headers", "x-flag=2",
                "--headers", "x-pop=flag", "app.wasm");
        AppSpec spec = spec(run);
        assertEquals(Map.of("PLAIN", "from-dotenv", "FLAGGED", "from-flag", "BOTH", "dotenv wins", "PREFIXED",
                "prefixed", "ONLY_FILE", "from-variables", "EQUALS", "=starts with equals"), spec.config().env());
        assertEquals(List.of("cache"), run.app.kvStoreConfigs().stream().map(store -> store.name()).toList());
        assertEquals(Map.of("TOKEN", "s3cret", "OTHER", "from-secrets"), run.app.settings.secrets);
        var http = spec.config().settings().get(HttpCapability.SETTINGS);
        assertEquals(List.of(Map.entry("x-flag", "2"), Map.entry("x-from-file", "1")), http.responseHeaders(),
                "an empty value is skipped, as fastedge-run does");
        assertEquals(Map.of("x-pop", "flag"), http.requestHeaders());
    }

    @Test
    void aDotenvThatIsNoDirectoryIsRefused(@TempDir Path dir) {
        RunCommand run = run("--dotenv", dir.resolve("missing").toString(), "app.wasm");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> spec(run)).getMessage()
                .contains("not a directory"));
    }
}

package dev.wedge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.AppSpec;
import dev.wedge.config.TriggerSpec;
import dev.wedge.host.queue.QueueCapability;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How flags become an app's settings: for run (through the config file's reader) and for deploy (a manifest). */
class AppFlagsTest {

    private static <T> T parse(T command, String... args) {
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void runReadsItsFlagsLikeAConfigFilesApp(@TempDir Path dir) {
        RunCommand run = parse(new RunCommand(), "--queue", "bus=embedded:" + dir, "--trigger", "bus/orders@workers",
                "--kv-data", "default=" + dir.resolve("seed.json"), "--namespace", "shop", "--timeout-ms", "2500",
                "app.wasm");
        AppSpec spec = run.app.toSpec("app", Path.of("app.wasm").toAbsolutePath(), List.of("/"), run.triggers());
        assertEquals(Path.of("app.wasm").toAbsolutePath(), spec.module());
        assertEquals(List.of(new TriggerSpec("bus", "orders", "workers", TriggerSpec.DEFAULT_MAX_ATTEMPTS,
                TriggerSpec.DEFAULT_BACKOFF)), spec.triggers());
        assertEquals(Map.of("default", dir.resolve("seed.json")), spec.kvData());
        assertEquals(Duration.ofMillis(2500), spec.config().limits().timeout());
        var queues = spec.config().settings().get(QueueCapability.SETTINGS);
        assertEquals("shop", queues.namespaceOf("app"));
        assertTrue(queues.mayPublish("bus", "anything"), "a --queue may be published to on any topic");
        assertEquals("chicory", AppOptions.engine(spec));

        RunCommand noQueue = parse(new RunCommand(), "--trigger", "bus/orders", "app.wasm");
        var error = assertThrows(IllegalArgumentException.class, noQueue::triggers);
        assertTrue(error.getMessage().contains("--trigger bus/orders: no --queue bus"), error.getMessage());
    }

    @Test
    void deployMergesTheFileAndTheFlags(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("app.yaml"), """
                routes: [/shop]
                env: {A: "1", B: "file"}
                secrets:
                timeout-ms: 1000
                """);
        DeployCommand deploy = parse(new DeployCommand(), "shop", "shop.wasm", "--config", file.toString(),
                "--env", "B=flag", "--memory-limit-mb", "64", "--set", "dictionary={k: v}");
        JsonObject manifest = deploy.manifest();
        assertEquals(new JsonObject().put("A", "1").put("B", "flag"), manifest.getJsonObject("env"));
        assertEquals(64, manifest.getInteger("memory-limit-mb"));
        assertEquals(1000, manifest.getInteger("timeout-ms"));
        assertEquals(new JsonObject().put("k", "v"), manifest.getJsonObject("dictionary"));
        assertEquals("/shop", manifest.getJsonArray("routes").getString(0));

        assertEquals(null, parse(new DeployCommand(), "shop", "shop.wasm").manifest(), "nothing to change");
    }
}

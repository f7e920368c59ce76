package dev.wedge.deploy;

import static dev.wedge.server.TestNodes.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.config.ConfigLoader;
import dev.wedge.config.NodeConfig;
import dev.wedge.node.Node;
import dev.wedge.observe.NodeMetrics;
import dev.wedge.server.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret values never leave the node but through the app that reads them: not in its logs (even when it logs them
 * itself), the node's errors, metrics, any admin API answer, the deploy records on disk, or a config's text.
 */
@ExtendWith(VertxExtension.class)
class SecretLeakTest {

    private static final String TOKEN = "Pzq7-file-secret-value";
    private static final String ROTATED = "Kx93-node-secret-next";
    private static final String OLD = "Kx93-node-secret-first";
    private static final List<String> VALUES = List.of(TOKEN, ROTATED, OLD);
    private static final String ADMIN_TOKEN = "leak-test-token";

    private static String config(Path dir) {
        return """
                server: {port: 0}
                admin: {port: 0, token: %s}
                deploy: {data-dir: %s}
                secrets:
                  shared:
                    - {effective-from: 0, value: %s}
                    - {effective-from: 1000000000, env: ROTATED_TOKEN}
                apps:
                  fixed:
                    module: %s
                    routes: [/fixed]
                    secrets: {TOKEN: {file: token.txt}}
                """.formatted(ADMIN_TOKEN, dir.resolve("deploy"), OLD, TestNodes.guest("config_probe"));
    }

    private static void assertClean(String where, String text) {
        for (String value : VALUES) {
            assertFalse(text.contains(value), where + " shows a secret value: " + text);
        }
    }

    @Test
    void secretsStayOutOfLogsErrorsMetricsTheApiAndTheDisk(Vertx vertx, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("token.txt"), TOKEN + "\n");
        NodeConfig config = ConfigLoader.load(new ByteArrayInputStream(config(dir).getBytes(StandardCharsets.UTF_8)),
                "test config", dir, Map.of("ROTATED_TOKEN", ROTATED));
        assertClean("the config's text", config.toString());
        List<String> logged = Collections.synchronizedList(new ArrayList<>());
        Node node = await(Node.start(vertx, config, (app, stream, level, text) -> logged.add(text),
                new NodeMetrics()));
        try {
            var http = new Http(ADMIN_TOKEN);
            int admin = node.adminPort();
            assertEquals(TOKEN, http.get(node.port(), "/fixed/secret/TOKEN").body(), "the app reads it");
            assertEquals("logged", http.get(node.port(), "/fixed/leak/TOKEN").body());

            byte[] probe = Files.readAllBytes(TestNodes.guest("config_probe"));
            String module = "sha256:" + http.admin("POST", admin, "/modules", "application/wasm", probe).json(201)
                    .getString("sha256");
            JsonObject manifest = new JsonObject().put("module", module).put("config", new JsonObject()
                    .put("routes", new JsonArray().add("/deployed"))
                    .put("secrets", new JsonObject().put("TOKEN", "shared")));
            assertEquals(201, http.deployJson(admin, "deployed", manifest).status());
            assertEquals(ROTATED, http.get(node.port(), "/deployed/secret/TOKEN").body(), "the slot in force now");
            assertEquals(OLD, http.get(node.port(), "/deployed/secret-at/999999999/TOKEN").body());
            assertEquals("logged", http.get(node.port(), "/deployed/leak/TOKEN").body());
            Http.Reply refused = http.deployJson(admin, "other", new JsonObject().put("module", module)
                    .put("config", new JsonObject().put("routes", new JsonArray().add("/other"))
                            .put("secrets", new JsonObject().put("TOKEN", Map.of("env", "ROTATED_TOKEN")))));
            assertEquals(400, refused.status(), "a deploy cannot carry values nor read the node's environment");
            assertClean("a refused deploy", refused.body());

            assertTrue(logged.stream().anyMatch(line -> line.contains("the secret is ***")), logged.toString());
            assertClean("the app logs", String.join("\n", logged));
            for (String path : List.of("/apps", "/apps/deployed", "/apps/deployed/versions", "/apps/deployed/logs",
                    "/apps/fixed/logs", "/apps/deployed/health", "/metrics", "/openapi.yaml", "/health")) {
                Http.Reply reply = http.admin("GET", admin, path);
                assertEquals(200, reply.status(), path + ": " + reply.body());
                assertClean(path, reply.body());
            }
            assertClean("the metrics", http.admin("GET", admin, "/metrics").body());
            assertTrue(http.admin("GET", admin, "/apps/deployed").body().contains("shared"), "the reference shows");
        } finally {
            await(node.close());
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir.resolve("deploy"))) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertFalse(files.isEmpty(), "the deploy was recorded on disk");
        for (Path file : files) {
            assertClean(file.toString(), read(file));
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

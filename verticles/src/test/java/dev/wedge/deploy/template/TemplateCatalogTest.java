package dev.wedge.deploy.template;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.deploy.DeployException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Template manifests read and checked (docs/templates.md), and template deploys turned into app settings. */
class TemplateCatalogTest {

    private static final String CDN = """
            {"name": "gate", "title": "Gate", "summary": "Lets some requests through.", "kind": "cdn",
             "phases": ["request-headers"], "module": "gate.wasm",
             "parameters": [
               {"name": "KEY", "type": "string", "secret": true, "required": true, "help": "The key."},
               {"name": "LIMIT", "type": "integer", "default": 10, "help": "How many."},
               {"name": "MODE", "type": "enum", "values": ["allow", "deny"], "default": "allow", "help": "How."},
               {"name": "LOG", "type": "boolean", "help": "Whether to log."},
               {"name": "HOME", "type": "url", "help": "Where to send them."},
               {"name": "PATHS", "type": "list", "default": ["/a", "/b"], "help": "Which paths."}
             ]}""";

    @Test
    void everyShippedTemplateIsWellFormed() {
        Template hello = TemplateCatalog.shipped().get("hello-page"); // a malformed one fails the whole read
        assertNotNull(hello, "apps/templates/hello-page is copied into the build's classes");
        assertEquals("http", hello.kind());
        assertEquals("GREETING", hello.parameters().get(0).name());
        assertTrue(hello.readme().startsWith("# Hello page"), hello.readme());
        assertEquals(0x0061736d, java.nio.ByteBuffer.wrap(hello.wasm(), 0, 4).getInt(), "the module's magic");
    }

    @Test
    void aWellFormedManifestIsRead(@TempDir Path dir) throws IOException {
        Template gate = catalog(dir, "gate", CDN).get("gate");
        assertEquals(List.of("request-headers"), gate.phases());
        assertEquals("10", gate.parameter("LIMIT").defaultValue());
        assertEquals("/a,/b", gate.parameter("PATHS").defaultValue(), "a list default given as a JSON list");
        assertArrayEquals(new byte[] {0, 'a', 's', 'm'}, gate.wasm());
        JsonObject shown = gate.summaryJson();
        assertEquals(new JsonArray().add("allow").add("deny"),
                shown.getJsonArray("parameters").getJsonObject(2).getJsonArray("values"));
        assertTrue(!shown.containsKey("readme") && gate.toJson().containsKey("readme"));
    }

    @Test
    void aMalformedManifestIsAClearError(@TempDir Path dir) throws IOException {
        assertBad(dir, CDN.replace("\"kind\": \"cdn\"", "\"kind\": \"wagi\""), "kind must be http or cdn, not wagi");
        assertBad(dir, CDN.replace("\"help\": \"The key.\"", "\"help\": \"The key.\", \"secrte\": true"),
                "parameters[0].secrte is not a field of a template manifest");
        assertBad(dir, CDN.replace("\"default\": 10", "\"default\": \"ten\""), "parameters[1].default must be a whole number");
        assertBad(dir, CDN.replace("\"secret\": true,", "\"secret\": true, \"default\": \"k\","), "a secret has no default");
        assertBad(dir, CDN.replace("\"values\": [\"allow\", \"deny\"], ", ""), "an enum lists its values");
        assertBad(dir, CDN.replace("\"request-headers\"]", "\"request-hedaers\"]"), "phases: request-hedaers is not one of");
        assertBad(dir, CDN.replace("\"name\": \"gate\"", "\"name\": \"other\""), "name must be the folder's name, gate");
        assertBad(dir, CDN.replace("gate.wasm", "../gate.wasm"), "module ../gate.wasm is not a file of its folder");
        assertBad(dir, CDN.replace("\"title\": \"Gate\", ", ""), "title is missing");
        assertBad(dir, "{not json", "not a JSON object");
    }

    @Test
    void parametersBecomeEnvAndSecretsByReference(@TempDir Path dir) throws IOException {
        Template gate = catalog(dir, "gate", CDN).get("gate");
        TemplateDeploy deploy = TemplateDeploy.of(gate, new JsonObject().put("app", "front")
                .put("routes", new JsonArray().add("cdn.example.com/")).put("origin", "http://10.0.0.5:8080")
                .put("params", new JsonObject().put("KEY", "gate-key").put("LOG", true)));
        JsonObject config = deploy.request().manifest();
        assertEquals("front", deploy.app());
        assertEquals("cdn", config.getString("kind"));
        assertEquals("http://10.0.0.5:8080", config.getString("origin"));
        assertEquals(new JsonObject().put("KEY", "gate-key"), config.getJsonObject("secrets"), "a reference only");
        assertEquals(new JsonObject().put("LIMIT", "10").put("MODE", "allow").put("LOG", "true").put("PATHS", "/a,/b"),
                config.getJsonObject("env"), "defaults filled in; secrets never in env");
        assertArrayEquals(gate.wasm(), deploy.request().wasm());
    }

    @Test
    void badValuesAreRefusedAllAtOnce(@TempDir Path dir) throws IOException {
        Template gate = catalog(dir, "gate", CDN).get("gate");
        JsonObject body = new JsonObject().put("app", "front").put("origin", "http://10.0.0.5")
                .put("params", new JsonObject().put("LIMIT", "many").put("MODE", "maybe").put("LOG", "yes")
                        .put("HOME", "ftp://x").put("EXTRA", "1"));
        DeployException refused = assertThrows(DeployException.class, () -> TemplateDeploy.of(gate, body));
        assertEquals("invalid-params", refused.code());
        assertEquals("EXTRA: gate has no such parameter; KEY: required; LIMIT: must be a whole number; "
                + "MODE: must be one of allow, deny; LOG: must be true or false; "
                + "HOME: must be an http or https URL with a host", refused.getMessage());
        assertEquals("bad-template-deploy", assertThrows(DeployException.class, () -> TemplateDeploy.of(gate,
                new JsonObject().put("app", "front").put("params", new JsonObject().put("KEY", "k")))).code(),
                "a cdn template needs its origin");
        assertEquals("bad-template-deploy", assertThrows(DeployException.class, () -> TemplateDeploy.of(gate,
                new JsonObject().put("params", new JsonObject()))).code(), "the app's name is needed");
    }

    private static TemplateCatalog catalog(Path dir, String name, String manifest) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.writeString(folder.resolve("template.json"), manifest);
        Files.write(folder.resolve(name + ".wasm"), new byte[] {0, 'a', 's', 'm'});
        return TemplateCatalog.read(dir);
    }

    private static void assertBad(Path dir, String manifest, String expected) throws IOException {
        TemplateException bad = assertThrows(TemplateException.class, () -> catalog(dir, "gate", manifest));
        assertTrue(bad.getMessage().startsWith("template gate"), bad.getMessage());
        assertTrue(bad.getMessage().contains(expected), bad.getMessage());
    }
}

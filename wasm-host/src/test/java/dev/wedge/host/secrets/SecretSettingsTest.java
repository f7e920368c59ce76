package dev.wedge.host.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets and their slots: which value is in force when, the forms a secret is written in, and its errors. */
class SecretSettingsTest {

    private static final String VALUE = "correct-horse-battery";

    private static Secrets read(Map<String, Object> secrets, SecretSource source) throws ConfigException {
        return SecretSettings.readAll(new Section("apps.a.secrets", secrets), source);
    }

    private static Map<String, Object> slot(long from, String key, String value) {
        return Map.of("effective-from", from, key, value);
    }

    @Test
    void theSlotInForceIsTheLatestThatHasBegun() {
        Secret secret = Secret.of(List.of(new Secret.Slot(2000, "new"), new Secret.Slot(1000, "old"),
                new Secret.Slot(3000, "staged")));
        assertNull(secret.at(999), "before its first slot a secret has no value");
        assertEquals("old", secret.at(1000));
        assertEquals("old", secret.at(1999));
        assertEquals("new", secret.at(2000), "a slot takes over at its effective-from, not after");
        assertEquals("staged", secret.at(Long.MAX_VALUE));
        assertEquals("v", Secret.of("v").at(0), "a plain value is in force since ever");
        assertThrows(IllegalArgumentException.class, () -> Secret.of(List.of(new Secret.Slot(5, "a"),
                new Secret.Slot(5, "b"))));
    }

    @Test
    void valuesComeFromTheFileTheEnvironmentOrAFilePerSecret(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("token.txt"), "from-a-file\n");
        var source = new SecretSource.Written(Map.of("VAULT_TOKEN", "from-the-env"), dir);
        Secrets secrets = read(Map.of("plain", "text", "env", Map.of("env", "VAULT_TOKEN"),
                "file", Map.of("file", "token.txt"), "rotating", List.of(slot(0, "value", "v1"),
                        slot(100, "env", "VAULT_TOKEN"), slot(200, "file", "token.txt"))), source);
        assertEquals("text", secrets.get("plain").at(0));
        assertEquals("from-the-env", secrets.get("env").at(0));
        assertEquals("from-a-file", secrets.get("file").at(0), "one line end is dropped");
        assertEquals("v1", secrets.get("rotating").at(99));
        assertEquals("from-the-env", secrets.get("rotating").at(150));
        assertEquals("from-a-file", secrets.get("rotating").at(250));
    }

    @Test
    void aDeployNamesTheNodesSecretsAndCarriesNoValues() throws Exception {
        var node = new SecretSource.ByReference(new Secrets(Map.of("shared", Secret.of(VALUE))));
        assertEquals(VALUE, read(Map.of("TOKEN", "shared"), node).get("TOKEN").at(0));
        var missing = assertThrows(ConfigException.class, () -> read(Map.of("TOKEN", "other"), node));
        assertEquals("apps.a.secrets.TOKEN: the node has no secret 'other' (define it under secrets: in the node's "
                + "config)", missing.getMessage());
        var value = assertThrows(ConfigException.class, () -> read(Map.of("TOKEN", Map.of("env", "HOME")), node));
        assertTrue(value.getMessage().contains("must name one of the node's secrets"), value.getMessage());
    }

    @Test
    void errorsNameTheKeyAndNeverTheValue(@TempDir Path dir) {
        var source = new SecretSource.Written(Map.of(), dir);
        List<Map<String, Object>> bad = List.of(
                Map.of("T", List.of(Map.of("value", VALUE))),
                Map.of("T", List.of(slot(1, "value", VALUE), slot(1, "value", VALUE + "2"))),
                Map.of("T", List.of(Map.of("effective-from", 1, "value", VALUE, "env", "X"))),
                Map.of("T", List.of(Map.of("effective-from", "soon", "value", VALUE))),
                Map.of("T", Map.of("env", "NOT_SET")),
                Map.of("T", Map.of("file", "missing.txt")),
                Map.of("T", Map.of("value", VALUE, "file", "x")),
                Map.of("T", List.of()));
        for (Map<String, Object> secrets : bad) {
            var error = assertThrows(ConfigException.class, () -> read(secrets, source), secrets.toString());
            assertTrue(error.getMessage().startsWith("apps.a.secrets.T"), error.getMessage());
            assertFalse(error.getMessage().contains(VALUE), error.getMessage());
        }
    }

    @Test
    void nothingPrintsAValueAndLogsHideThem() {
        var secrets = new Secrets(Map.of("T", Secret.of(List.of(new Secret.Slot(0, VALUE),
                new Secret.Slot(9, VALUE + "-next"))), "short", Secret.of("abc")));
        assertFalse(secrets.toString().contains(VALUE), secrets.toString());
        assertFalse(secrets.get("T").toString().contains(VALUE));
        assertEquals("token *** then ***, abc", secrets.hide("token " + VALUE + " then " + VALUE + "-next, abc"),
                "the longer value is hidden whole; values under four characters are not hidden");
    }
}

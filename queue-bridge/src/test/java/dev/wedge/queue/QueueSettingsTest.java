package dev.wedge.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Queue definitions: the short forms each backend parses, and sections read partly by the backend. */
class QueueSettingsTest {

    @Test
    void shortFormsAreParsedByTheirBackend() throws ConfigException {
        var kafka = QueueSettings.parse("bus", "kafka://127.0.0.1:9092,127.0.0.1:9093", Path.of(""));
        assertEquals("kafka", kafka.backend());
        assertEquals("127.0.0.1:9092,127.0.0.1:9093", kafka.location());
        assertEquals(".wedge/queues", QueueSettings.parse("bus", "embedded", Path.of("")).location());
        var error = assertThrows(ConfigException.class, () -> QueueSettings.parse("bus", "amqp://h", Path.of("")));
        assertTrue(error.getMessage().contains("expected kafka://HOST:PORT or embedded[:DIR]"), error.getMessage());
    }

    @Test
    void sectionsTakeTheCommonKeysAndTheirBackendsOwn() throws ConfigException {
        Path base = Path.of("/etc/wedge");
        var queues = QueueSettings.read(new Section("queues", Map.of(
                "local", Map.of("prefix", "pop1."),
                "shared", Map.of("backend", "kafka", "url", "kafka://h:9092", "timeout-ms", 250))), base);
        assertEquals(base.resolve(".wedge/queues").toString(), named(queues, "local").location(), "beside the config file");
        assertEquals("pop1.", named(queues, "local").prefix());
        assertEquals("h:9092", named(queues, "shared").location());
        assertEquals(Duration.ofMillis(250), named(queues, "shared").timeout());
        var missing = assertThrows(ConfigException.class, () -> QueueSettings.read(new Section("queues",
                Map.of("k", Map.of("backend", "kafka"))), base));
        assertTrue(missing.getMessage().contains("queues.k.url is missing"), missing.getMessage());
        for (var bad : List.of(
                Map.entry(Map.of("backend", "amqp"), "queues.q.backend: unknown backend 'amqp' (one of [kafka, embedded])"),
                Map.entry(Map.of("url", "kafka://h:1"), "unknown key queues.q.url"),
                Map.entry(Map.of("prefix", "no spaces"), "queues.q.prefix: use at most 20"))) {
            var error = assertThrows(ConfigException.class, () -> QueueSettings.read(new Section("queues",
                    Map.of("q", bad.getKey())), base));
            assertTrue(error.getMessage().contains(bad.getValue()), error.getMessage());
        }
    }

    private static QueueConfig named(List<QueueConfig> all, String name) {
        return all.stream().filter(config -> config.name().equals(name)).findFirst().orElseThrow();
    }
}

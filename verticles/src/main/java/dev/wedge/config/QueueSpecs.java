package dev.wedge.config;

import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;

import dev.wedge.queue.QueueConfig;
import dev.wedge.queue.Queues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads queue definitions and app triggers: the config file's form and the CLI's short form. */
public final class QueueSpecs {

    private static final String EMBEDDED = "embedded";
    private static final String KAFKA = "kafka";
    private static final Set<String> QUEUE_KEYS = Set.of("backend", "url", "dir", "prefix", "timeout-ms");
    private static final Set<String> TRIGGER_KEYS = Set.of("queue", "topic", "group", "max-attempts", "backoff-ms");

    private QueueSpecs() {}

    /** {@code kafka://HOST:PORT[,HOST:PORT]} or {@code embedded[:DIR]}, as {@code --queue NAME=SPEC} takes it. */
    public static QueueConfig parse(String name, String spec) throws ConfigException {
        if (spec.equals(EMBEDDED) || spec.startsWith(EMBEDDED + ":")) {
            return QueueConfig.of(name, EMBEDDED, spec.length() > EMBEDDED.length()
                    ? spec.substring(EMBEDDED.length() + 1) : null);
        }
        if (spec.startsWith("kafka://") && spec.length() > "kafka://".length()) {
            return QueueConfig.of(name, KAFKA, spec.substring("kafka://".length()));
        }
        throw new ConfigException("queue " + name + ": expected kafka://HOST:PORT or embedded[:DIR], not '" + spec + "'");
    }

    /** A {@code queues.NAME} section; relative directories are resolved against the config file's folder. */
    static QueueConfig read(String name, Section section, Path baseDir) throws ConfigException {
        section.allowOnly(QUEUE_KEYS);
        String backend = section.string("backend", EMBEDDED);
        String location;
        if (backend.equals(KAFKA)) {
            location = section.string("url", null);
            if (location == null) {
                throw new ConfigException(section.key("url") + " is missing: e.g. kafka://127.0.0.1:9092");
            }
            location = location.startsWith("kafka://") ? location.substring("kafka://".length()) : location;
        } else {
            String dir = section.string("dir", null);
            location = dir == null ? null : baseDir.resolve(dir).toString();
        }
        String prefix = section.string("prefix", "");
        if (!Queues.validPrefix(prefix)) {
            throw new ConfigException(section.key("prefix") + ": use at most 20 of A-Z a-z 0-9 . _ -");
        }
        return QueueConfig.of(name, backend, location)
                .withPrefix(prefix)
                .withTimeout(Duration.ofMillis(section.number("timeout-ms", 5_000, 1, 600_000)));
    }

    static List<TriggerSpec> triggers(Section app, String appName, Set<String> queueNames) throws ConfigException {
        List<TriggerSpec> triggers = new ArrayList<>();
        List<Section> sections = app.sections("triggers");
        for (Section trigger : sections) {
            trigger.allowOnly(TRIGGER_KEYS);
            String queue = trigger.string("queue", null);
            String topic = trigger.string("topic", null);
            if (queue == null || topic == null) {
                throw new ConfigException(trigger.key("queue") + " and topic are both needed for a trigger");
            }
            requireQueue(trigger.key("queue"), queue, queueNames);
            if (!Queues.validTopic(topic)) {
                throw new ConfigException(trigger.key("topic") + ": bad topic name '" + topic + "'");
            }
            String group = trigger.string("group", Queues.namespaceOf(appName));
            if (!Queues.validNamespace(group)) {
                throw new ConfigException(trigger.key("group") + ": use 1..64 of A-Z a-z 0-9 _ -");
            }
            triggers.add(new TriggerSpec(queue, topic, group,
                    (int) trigger.number("max-attempts", TriggerSpec.DEFAULT_MAX_ATTEMPTS, 1, 1000),
                    Duration.ofMillis(trigger.number("backoff-ms", TriggerSpec.DEFAULT_BACKOFF.toMillis(), 1,
                            3_600_000))));
        }
        return triggers;
    }

    private static void requireQueue(String key, String queue, Set<String> queueNames) throws ConfigException {
        if (!queueNames.contains(queue)) {
            throw new ConfigException(key + ": no queue '" + queue + "' under queues");
        }
    }
}

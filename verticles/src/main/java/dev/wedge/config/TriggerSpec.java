package dev.wedge.config;

import dev.wedge.queue.Queues;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs an app's {@code wedge_on_message} for every message of a topic (of the app's namespace) in a consumer
 * group; failures are retried {@code maxAttempts - 1} times with backoff doubling from {@code backoff}, then
 * dead-lettered.
 */
public record TriggerSpec(String queue, String topic, String group, int maxAttempts, Duration backoff) {

    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(200);
    private static final Set<String> KEYS = Set.of("queue", "topic", "group", "max-attempts", "backoff-ms");

    /** An app's {@code triggers:}, each naming one of {@code queueNames}. */
    static List<TriggerSpec> read(Section app, String appName, Set<String> queueNames) throws ConfigException {
        List<TriggerSpec> triggers = new ArrayList<>();
        for (Section trigger : app.sections("triggers")) {
            trigger.allowOnly(KEYS);
            String queue = trigger.string("queue", null);
            String topic = trigger.string("topic", null);
            if (queue == null || topic == null) {
                throw new ConfigException(trigger.key("queue") + " and topic are both needed for a trigger");
            }
            if (!queueNames.contains(queue)) {
                throw new ConfigException(trigger.key("queue") + ": no queue '" + queue + "' under queues");
            }
            if (!Queues.validTopic(topic)) {
                throw new ConfigException(trigger.key("topic") + ": bad topic name '" + topic + "'");
            }
            String group = trigger.string("group", Queues.namespaceOf(appName));
            if (!Queues.validNamespace(group)) {
                throw new ConfigException(trigger.key("group") + ": use 1..64 of A-Z a-z 0-9 _ -");
            }
            triggers.add(new TriggerSpec(queue, topic, group,
                    (int) trigger.number("max-attempts", DEFAULT_MAX_ATTEMPTS, 1, 1000),
                    Duration.ofMillis(trigger.number("backoff-ms", DEFAULT_BACKOFF.toMillis(), 1, 3_600_000))));
        }
        return triggers;
    }
}

package dev.wedge.host.queue;

import dev.wedge.queue.Queues;
import java.util.Map;
import java.util.Set;

/**
 * What an app may do with the node's queues.
 *
 * @param namespace the namespace of the app's topics, or null for the app's own name
 * @param publishTopics by queue name, the topics the app may publish to; {@code *} allows any topic
 */
public record QueueBinding(String namespace, Map<String, Set<String>> publishTopics) {

    public static final String ANY_TOPIC = "*";
    public static final QueueBinding NONE = new QueueBinding(null, Map.of());

    public QueueBinding {
        publishTopics = Map.copyOf(publishTopics);
    }

    public String namespaceOf(String appName) {
        return namespace == null ? Queues.namespaceOf(appName) : namespace;
    }

    public boolean mayPublish(String queue, String topic) {
        Set<String> topics = publishTopics.get(queue);
        return topics != null && (topics.contains(ANY_TOPIC) || topics.contains(topic));
    }
}

package dev.wedge.queue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The queues of one node, by name, opened from their configurations; and the topic naming rules. */
public final class Queues {

    /** An opened queue with its configuration. */
    public record Entry(QueueConfig config, MessageQueue queue) {}

    /** Room for a 20-character queue prefix, a namespace, the topic and ".dlq" within Kafka's 249 characters. */
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,160}");
    /** No dots: the first dot of a backend topic ends the namespace, so no topic can reach into another one. */
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]{0,20}");

    private final Map<String, Entry> queues;

    private Queues(Map<String, Entry> queues) {
        this.queues = queues;
    }

    public static Queues none() {
        return new Queues(Map.of());
    }

    /** @throws IllegalArgumentException naming an unknown backend */
    public static Queues open(Vertx vertx, List<QueueConfig> configs) {
        Map<String, QueueBackend> backends = QueueSettings.backends();
        Map<String, Entry> queues = new LinkedHashMap<>();
        for (QueueConfig config : configs) {
            QueueBackend backend = backends.get(config.backend());
            if (backend == null) {
                queues.values().forEach(entry -> entry.queue().close());
                throw new IllegalArgumentException("queue " + config.name() + ": unknown backend '" + config.backend()
                        + "' (one of " + backends.keySet() + ")");
            }
            queues.put(config.name(), new Entry(config, backend.open(vertx, config)));
        }
        return new Queues(queues);
    }

    /** The queue, or null. */
    public Entry get(String name) {
        return queues.get(name);
    }

    public Set<String> names() {
        return queues.keySet();
    }

    public static boolean validTopic(String topic) {
        return TOPIC.matcher(topic).matches();
    }

    public static boolean validNamespace(String namespace) {
        return NAMESPACE.matcher(namespace).matches();
    }

    public static boolean validPrefix(String prefix) {
        return PREFIX.matcher(prefix).matches();
    }

    /** An app name as a namespace: every character outside the namespace alphabet becomes {@code _}. */
    public static String namespaceOf(String appName) {
        String namespace = appName.replaceAll("[^A-Za-z0-9_-]", "_");
        return namespace.length() > 64 ? namespace.substring(0, 64) : namespace;
    }

    /** The backend topic of an app's topic: every app topic lives in a namespace (by default the app's name). */
    public static String inNamespace(String namespace, String topic) {
        return namespace + "." + topic;
    }

    public Future<Void> close() {
        List<Future<Void>> closing = new ArrayList<>();
        queues.values().forEach(entry -> closing.add(entry.queue().close()));
        return Future.join(closing).mapEmpty();
    }
}

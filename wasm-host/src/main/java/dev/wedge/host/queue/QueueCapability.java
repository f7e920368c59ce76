package dev.wedge.host.queue;

import dev.wedge.host.abi.AbiFunction;
import dev.wedge.host.app.SettingsKey;
import dev.wedge.host.capability.Capability;
import dev.wedge.host.capability.Scope;
import dev.wedge.host.capability.SettingsContext;
import dev.wedge.queue.Message;
import dev.wedge.queue.Queues;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Queues: publishing ({@code wedge.queue_*}) to the topics an app is bound to, and reading the message a
 * triggered run handles ({@code wedge.message_*}).
 */
public final class QueueCapability implements Capability<QueueBinding, QueueGuestContext> {

    public static final SettingsKey<QueueBinding> SETTINGS = new SettingsKey<>("queues", QueueBinding.NONE);
    /** The kind of node resource an app's {@code publish} names. */
    public static final String QUEUES = "queues";

    @Override
    public SettingsKey<QueueBinding> settingsKey() {
        return SETTINGS;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of("namespace", "publish");
    }

    @Override
    public QueueBinding readSettings(Section app, SettingsContext context) throws ConfigException {
        String namespace = app.string("namespace", null);
        if (namespace != null && !Queues.validNamespace(namespace)) {
            throw new ConfigException(app.key("namespace") + ": use 1..64 of A-Z a-z 0-9 _ - (no dots)");
        }
        return new QueueBinding(namespace, publishTopics(app.section("publish"), context.names(QUEUES)));
    }

    /** An app's {@code publish: {QUEUE: [TOPIC, ...]}}; every queue must exist, every topic be a valid name. */
    private static Map<String, Set<String>> publishTopics(Section publish, Set<String> queueNames)
            throws ConfigException {
        Map<String, Set<String>> topics = new LinkedHashMap<>();
        for (String queue : publish.keys()) {
            if (!queueNames.contains(queue)) {
                throw new ConfigException(publish.key(queue) + ": no queue '" + queue + "' under queues");
            }
            Set<String> names = new LinkedHashSet<>(publish.list(queue));
            for (String topic : names) {
                if (!topic.equals(QueueBinding.ANY_TOPIC) && !Queues.validTopic(topic)) {
                    throw new ConfigException(publish.key(queue) + ": bad topic name '" + topic + "'");
                }
            }
            topics.put(queue, names);
        }
        return topics;
    }

    @Override
    public List<AbiFunction<QueueGuestContext>> imports() {
        return QueueImports.functions();
    }

    @Override
    public QueueGuestContext newState(Scope scope) {
        return forMessage(scope, null);
    }

    /** The state of a run that handles {@code message} (null for an HTTP request). */
    public QueueGuestContext forMessage(Scope scope, Message message) {
        var access = new QueueAccess(scope.node().get(Queues.class, Queues.none()), scope.settings(this),
                scope.app().name(), scope.deadline(), scope.node().listener());
        return new QueueRequest(access, message);
    }

    private record QueueRequest(QueueAccess queues, Message message) implements QueueGuestContext {}
}

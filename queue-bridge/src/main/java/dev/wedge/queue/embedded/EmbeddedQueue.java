package dev.wedge.queue.embedded;

import dev.wedge.queue.MessageQueue;
import dev.wedge.queue.OutboundMessage;
import dev.wedge.queue.QueueConfig;
import dev.wedge.queue.QueueException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The default queue: a durable log per topic in one MVStore file, for a single node. A publish resolves once the
 * message is committed to the file; consumers resume from their group's committed offset after a restart.
 */
public final class EmbeddedQueue implements MessageQueue {

    private final Vertx vertx;
    private final QueueConfig config;
    private final TopicLog log;
    private final Map<String, List<EmbeddedSubscription>> subscribers = new ConcurrentHashMap<>();
    private final Set<String> liveGroups = ConcurrentHashMap.newKeySet();

    public EmbeddedQueue(Vertx vertx, QueueConfig config, Path file) {
        this.vertx = vertx;
        this.config = config;
        this.log = new TopicLog(file);
    }

    @Override
    public Future<String> publish(String topic, OutboundMessage message) {
        if (message.payload().length > config.maxMessageBytes()) {
            return Future.failedFuture(new QueueException(QueueException.Kind.TOO_LARGE,
                    "messages are limited to " + config.maxMessageBytes() + " bytes", null));
        }
        String stored = config.prefix() + topic;
        return vertx.executeBlocking(() -> log.append(stored, message), false)
                .recover(failure -> Future.failedFuture(new QueueException(QueueException.Kind.UNAVAILABLE,
                        "the queue file cannot be written: " + failure.getMessage(), failure)))
                .map(offset -> {
                    subscribers.getOrDefault(stored, List.of()).forEach(EmbeddedSubscription::wake);
                    return Long.toString(offset);
                });
    }

    /** One live subscription per topic and group: two would deliver every message twice, out of order. */
    @Override
    public Future<Subscription> subscribe(String topic, String group, MessageHandler handler) {
        String stored = config.prefix() + topic;
        if (!liveGroups.add(stored + "\0" + group)) {
            return Future.failedFuture(new IllegalStateException("group " + group + " already consumes " + topic
                    + " on this node"));
        }
        var subscription = new EmbeddedSubscription(vertx, log, topic, stored, group, handler);
        subscribers.computeIfAbsent(stored, key -> new CopyOnWriteArrayList<>()).add(subscription);
        subscription.wake(); // deliver what was published before
        return Future.succeededFuture(() -> {
            subscribers.getOrDefault(stored, List.of()).remove(subscription);
            liveGroups.remove(stored + "\0" + group);
            return subscription.stop();
        });
    }

    @Override
    public Future<Void> close() {
        subscribers.values().forEach(list -> list.forEach(EmbeddedSubscription::stop));
        return vertx.executeBlocking(() -> {
            log.close();
            return null;
        }, false);
    }
}

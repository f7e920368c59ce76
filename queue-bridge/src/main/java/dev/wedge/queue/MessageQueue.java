package dev.wedge.queue;

import io.vertx.core.Future;

/**
 * A durable message queue, asynchronous. Failures are {@link QueueException}s.
 * Implementations never block an event loop.
 */
public interface MessageQueue {

    /** Resolves with the message id only once the message is durable (it will be delivered). */
    Future<String> publish(String topic, OutboundMessage message);

    /**
     * Delivers the topic's messages to {@code handler}, at least once, one at a time in publish order (per key for
     * partitioned backends). A message counts as consumed by {@code group} only when the handler's future
     * succeeds; a failed future stops delivery for this subscription (retries are the handler's business, see
     * {@link RetryingHandler}). A new subscription of the same group continues after the last consumed message.
     */
    Future<Subscription> subscribe(String topic, String group, MessageHandler handler);

    Future<Void> close();

    @FunctionalInterface
    interface MessageHandler {
        Future<Void> handle(Message message);
    }

    /** A running subscription. */
    interface Subscription {
        Future<Void> stop();
    }
}

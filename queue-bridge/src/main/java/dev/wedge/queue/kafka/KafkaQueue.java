package dev.wedge.queue.kafka;

import dev.wedge.queue.MessageQueue;
import dev.wedge.queue.OutboundMessage;
import dev.wedge.queue.QueueConfig;
import dev.wedge.queue.QueueException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A {@link MessageQueue} on Kafka: one idempotent producer (acks=all) for all publishes, one consumer per
 * subscription. Topics in Kafka are the queue's prefix followed by the topic name.
 */
public final class KafkaQueue implements MessageQueue {

    /**
     * The producer's own timeouts normally fail a publish in time; this margin only bounds sends that queued
     * behind others on the producer's worker while the broker was away.
     */
    private static final Duration DEADLINE_MARGIN = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final QueueConfig config;
    private final KafkaProducer<String, byte[]> producer;
    private final Set<KafkaSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Connects lazily: an unreachable broker shows up as failed publishes, not here. */
    public KafkaQueue(Vertx vertx, QueueConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.producer = KafkaProducer.create(vertx, KafkaSettings.producer(config), new StringSerializer(),
                new ByteArraySerializer());
        // every send failure already fails its publish future; without a handler Vert.x logs it again as unhandled
        producer.exceptionHandler(failure -> { });
    }

    @Override
    public Future<String> publish(String topic, OutboundMessage message) {
        if (closed.get()) {
            return Future.failedFuture(closedFailure());
        }
        if (message.payload().length > config.maxMessageBytes()) {
            return Future.failedFuture(new QueueException(QueueException.Kind.TOO_LARGE, "a message of "
                    + message.payload().length + " bytes exceeds the limit of " + config.maxMessageBytes(), null));
        }
        // the producer sends from its own worker, so a wait for metadata never blocks the caller's event loop
        return producer.send(KafkaRecords.outbound(config.prefix() + topic, message))
                .map(KafkaRecords::id)
                .timeout(config.timeout().plus(DEADLINE_MARGIN).toMillis(), TimeUnit.MILLISECONDS)
                .recover(failure -> Future.failedFuture(KafkaFailures.publish(topic, failure)));
    }

    @Override
    public Future<Subscription> subscribe(String topic, String group, MessageHandler handler) {
        if (closed.get()) {
            return Future.failedFuture(closedFailure());
        }
        return KafkaSubscription.open(vertx, config, topic, group, handler, subscriptions::remove)
                .compose(this::keepUnlessClosed);
    }

    private Future<Subscription> keepUnlessClosed(KafkaSubscription subscription) {
        subscriptions.add(subscription);
        if (!closed.get()) {
            return Future.succeededFuture(subscription);
        }
        // close() ran while this subscription was opening, so it did not stop it
        return subscription.stop().transform(ignored -> Future.failedFuture(closedFailure()));
    }

    private QueueException closedFailure() {
        return new QueueException(QueueException.Kind.UNAVAILABLE, "queue " + config.name() + " is closed", null);
    }

    /** Stops every subscription, then lets the producer finish what it has in flight (bounded by the timeout). */
    @Override
    public Future<Void> close() {
        if (!closed.compareAndSet(false, true)) {
            return Future.succeededFuture();
        }
        List<Future<Void>> stops = subscriptions.stream().map(KafkaSubscription::stop).toList();
        return Future.join(stops).transform(ignored -> producer.close(config.timeout().toMillis()));
    }
}

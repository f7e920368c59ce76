package dev.wedge.queue.kafka;

import dev.wedge.queue.MessageQueue;
import dev.wedge.queue.QueueConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecords;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One consumer of a group: polls a batch, hands its records to the handler one at a time, commits each record's
 * offset once the handler succeeded, then polls again. Every step runs on one Vert.x context, so the state below
 * needs no locks; the consumer itself polls and commits on its own thread.
 */
final class KafkaSubscription implements MessageQueue.Subscription {

    private static final System.Logger LOG = System.getLogger(KafkaSubscription.class.getName());
    /** How long one poll waits for records on the consumer's thread; stop() wakes it up early. */
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);
    private static final long POLL_RETRY_MS = 1000;

    private final Vertx vertx;
    private final Context context;
    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final String backendTopic;
    private final String group;
    private final MessageQueue.MessageHandler handler;
    private final Consumer<KafkaSubscription> onClosed;
    private final Set<TopicPartition> owned = new HashSet<>();
    private final long commitWaitMillis;
    private boolean stopped;
    private Future<Boolean> committing = Future.succeededFuture(false);
    private Future<Void> closing;

    private KafkaSubscription(Vertx vertx, Context context, QueueConfig config, String topic, String group,
            MessageQueue.MessageHandler handler, Consumer<KafkaSubscription> onClosed) {
        this.vertx = vertx;
        this.context = context;
        this.topic = topic;
        this.backendTopic = config.prefix() + topic;
        this.group = group;
        this.handler = handler;
        this.onClosed = onClosed;
        this.commitWaitMillis = Math.max(1, config.timeout().toMillis());
        this.consumer = KafkaConsumer.create(vertx, KafkaSettings.consumer(config, group), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    /**
     * Creates the consumer on the context that will run the delivery loop (the caller's, or a new one), so the
     * consumer's callbacks and the loop share one thread.
     */
    static Future<KafkaSubscription> open(Vertx vertx, QueueConfig config, String topic, String group,
            MessageQueue.MessageHandler handler, Consumer<KafkaSubscription> onClosed) {
        Context context = vertx.getOrCreateContext();
        Promise<KafkaSubscription> opened = Promise.promise();
        context.runOnContext(v -> {
            var subscription = new KafkaSubscription(vertx, context, config, topic, group, handler, onClosed);
            subscription.start().map(subscription).onComplete(opened);
        });
        return opened.future();
    }

    @Override
    public Future<Void> stop() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(v -> close().onComplete(done));
        return done.future();
    }

    private Future<Void> start() {
        consumer.partitionsAssignedHandler(owned::addAll);
        consumer.partitionsRevokedHandler(owned::removeAll);
        return consumer.subscribe(backendTopic)
                .onSuccess(v -> pollNext())
                .recover(failure -> close().transform(ignored -> Future.failedFuture(failure)));
    }

    /**
     * Closing commits nothing new: whatever was not handled yet is delivered again to the group. A commit under
     * way is for a record already handled, so it may land first (closing would wake it up and fail it), within
     * the queue's timeout.
     */
    private Future<Void> close() {
        if (closing == null) {
            stopped = true;
            closing = committing.timeout(commitWaitMillis, TimeUnit.MILLISECONDS)
                    .transform(ignored -> consumer.close())
                    .onComplete(ignored -> onClosed.accept(this));
        }
        return closing;
    }

    /** The delivery loop: each turn polls, delivers the batch, and starts the next turn once it is done. */
    private void pollNext() {
        if (stopped) {
            return;
        }
        consumer.poll(POLL_TIMEOUT)
                .map(KafkaSubscription::batchOf)
                .recover(this::pollAgainLater)
                .compose(batch -> deliverFrom(batch, 0))
                .onSuccess(v -> pollNext())
                .onFailure(this::broken);
    }

    private static List<ConsumerRecord<String, byte[]>> batchOf(KafkaConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.size());
        records.records().forEach(batch::add);
        return batch;
    }

    /** A failed poll is not the handler's fault: log it and try again after a pause, with nothing to deliver. */
    private Future<List<ConsumerRecord<String, byte[]>>> pollAgainLater(Throwable failure) {
        LOG.log(Level.WARNING, "polling " + backendTopic + " for group " + group + " failed, retrying", failure);
        Promise<List<ConsumerRecord<String, byte[]>>> paused = Promise.promise();
        vertx.setTimer(POLL_RETRY_MS, id -> context.runOnContext(v -> paused.complete(List.of())));
        return paused.future();
    }

    /**
     * Delivers the records from {@code index} on, one at a time; fails only when the handler failed. A commit
     * that failed makes the rest of the batch come again.
     */
    private Future<Void> deliverFrom(List<ConsumerRecord<String, byte[]>> batch, int index) {
        if (stopped || index == batch.size()) {
            return Future.succeededFuture();
        }
        ConsumerRecord<String, byte[]> record = batch.get(index);
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        if (!owned.contains(partition)) {
            // revoked since the poll: the partition's new owner reads it from the last committed offset
            return deliverFrom(batch, index + 1);
        }
        return onContext(handle(record))
                .compose(v -> commitAfter(partition, record))
                .compose(committed -> committed
                        ? deliverFrom(batch, index + 1)
                        : rewind(batch, index));
    }

    /** The handler's outcome, with a thrown exception or a null future counted as a failure. */
    private Future<Void> handle(ConsumerRecord<String, byte[]> record) {
        try {
            Future<Void> handled = handler.handle(KafkaRecords.inbound(topic, record));
            return handled != null ? handled : Future.failedFuture("the handler returned no future");
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /**
     * Commits the offset after {@code record} unless the subscription stopped or lost the partition meanwhile;
     * resolves with whether it did. A failed commit (a rebalance, the broker away) is not the handler's fault.
     */
    private Future<Boolean> commitAfter(TopicPartition partition, ConsumerRecord<String, byte[]> record) {
        if (stopped || !owned.contains(partition)) {
            return Future.succeededFuture(false);
        }
        committing = consumer.commit(Map.of(partition, new OffsetAndMetadata(record.offset() + 1, null)))
                .map(true)
                .otherwise(failure -> {
                    LOG.log(Level.INFO, "cannot commit " + backendTopic + " for group " + group
                            + ", delivering again: " + failure);
                    return false;
                });
        return committing;
    }

    /**
     * The consumer has already fetched past the records not yet committed; moving each partition back to its
     * first uncommitted record makes the next poll deliver them again instead of skipping them.
     */
    private Future<Void> rewind(List<ConsumerRecord<String, byte[]>> batch, int from) {
        if (stopped) {
            return Future.succeededFuture();
        }
        Map<TopicPartition, Long> firstUncommitted = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : batch.subList(from, batch.size())) {
            firstUncommitted.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.offset());
        }
        List<Future<Void>> seeks = new ArrayList<>();
        firstUncommitted.forEach((partition, offset) -> {
            if (owned.contains(partition)) {
                seeks.add(consumer.seek(partition, offset));
            }
        });
        // a partition revoked meanwhile restarts from its committed offset anyway
        return Future.join(seeks).transform(ignored -> onContext(Future.succeededFuture()));
    }

    private void broken(Throwable failure) {
        LOG.log(Level.ERROR, "handler failed on " + backendTopic + " for group " + group
                + "; this subscription delivers nothing more", failure);
        close();
    }

    /** Handlers may complete on any thread; the loop continues on its own context. */
    private <T> Future<T> onContext(Future<T> work) {
        Promise<T> back = Promise.promise();
        work.onComplete(outcome -> context.runOnContext(v -> back.handle(outcome)));
        return back.future();
    }
}

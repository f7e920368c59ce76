package dev.wedge.queue.kafka;

import dev.wedge.queue.MessageQueue;
import dev.wedge.queue.QueueBackend;
import dev.wedge.queue.QueueConfig;
import io.vertx.core.Vertx;

/** The {@code kafka} backend: {@link QueueConfig#location()} lists the bootstrap servers. */
public final class KafkaQueueBackend implements QueueBackend {

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public MessageQueue open(Vertx vertx, QueueConfig config) {
        return new KafkaQueue(vertx, config);
    }
}

package dev.wedge.queue.kafka;

import dev.wedge.queue.QueueConfig;
import java.util.Map;

/** Translates a {@link QueueConfig} into Kafka client settings. */
final class KafkaSettings {

    /** Room for a record's key, headers and batch framing on top of the payload limit. */
    private static final int RECORD_OVERHEAD_BYTES = 64 * 1024;
    private static final long LINGER_MS = 1;
    private static final long MAX_POLL_INTERVAL_MS = 3_600_000;
    /** Below this the producer's own timers cannot be ordered sensibly. */
    private static final long MIN_TIMEOUT_MS = 100;

    private KafkaSettings() {
    }

    /**
     * One timeout budget for a publish: the broker's acknowledgement (acks=all) must arrive within the queue's
     * timeout, so delivery and metadata waits are bounded by it and a single request attempt by less, which
     * leaves the idempotent producer time to retry.
     */
    static Map<String, String> producer(QueueConfig config) {
        long timeout = Math.max(MIN_TIMEOUT_MS, config.timeout().toMillis());
        long request = timeout * 3 / 4;
        return Map.of(
                "bootstrap.servers", config.location(),
                "acks", "all",
                "enable.idempotence", "true",
                "linger.ms", Long.toString(LINGER_MS),
                "delivery.timeout.ms", Long.toString(timeout),
                "request.timeout.ms", Long.toString(request),
                "max.block.ms", Long.toString(timeout),
                "max.request.size", Integer.toString(config.maxMessageBytes() + RECORD_OVERHEAD_BYTES));
    }

    /**
     * Offsets are committed by hand, one record at a time, after the handler succeeded. A record may take all
     * its retries (attempts x app deadline, in place, to keep per-key order) before the next poll, so records are
     * taken one per poll and the group tolerates an hour between polls rather than expelling the consumer.
     */
    static Map<String, String> consumer(QueueConfig config, String group) {
        return Map.of(
                "bootstrap.servers", config.location(),
                "group.id", group,
                "enable.auto.commit", "false",
                "auto.offset.reset", "earliest",
                "max.poll.records", "1",
                "max.poll.interval.ms", Long.toString(MAX_POLL_INTERVAL_MS),
                "max.partition.fetch.bytes", Integer.toString(config.maxMessageBytes() + RECORD_OVERHEAD_BYTES));
    }
}

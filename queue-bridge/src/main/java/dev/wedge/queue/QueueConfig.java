package dev.wedge.queue;

import java.time.Duration;

/**
 * A named queue of a node.
 *
 * @param backend {@code embedded} or {@code kafka} (or any other {@link QueueBackend} on the class path)
 * @param location a directory for embedded, {@code host:port[,host:port]} bootstrap servers for Kafka
 * @param prefix prepended to every topic name in the backend
 * @param timeout how long a publish may wait for the backend to confirm
 */
public record QueueConfig(String name, String backend, String location, String prefix, Duration timeout,
        int maxMessageBytes) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

    public static QueueConfig of(String name, String backend, String location) {
        return new QueueConfig(name, backend, location, "", DEFAULT_TIMEOUT, DEFAULT_MAX_MESSAGE_BYTES);
    }

    public QueueConfig withPrefix(String value) {
        return new QueueConfig(name, backend, location, value, timeout, maxMessageBytes);
    }

    public QueueConfig withTimeout(Duration value) {
        return new QueueConfig(name, backend, location, prefix, value, maxMessageBytes);
    }
}

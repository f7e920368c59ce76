package dev.wedge.config;

import java.time.Duration;

/**
 * Runs an app's {@code wedge_on_message} for every message of a topic (of the app's namespace) in a consumer
 * group; failures are retried {@code maxAttempts - 1} times with backoff doubling from {@code backoff}, then
 * dead-lettered.
 */
public record TriggerSpec(String queue, String topic, String group, int maxAttempts, Duration backoff) {

    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(200);
}

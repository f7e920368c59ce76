package dev.wedge.queue;

import java.util.Map;

/**
 * A message as a consumer receives it.
 *
 * @param key null when the message was published without one
 * @param id the backend's identity of the message, unique per topic ({@code 42} embedded, {@code 0-42} Kafka)
 * @param attempt 1 for the first delivery, then one more for each retry
 */
public record Message(String topic, String key, byte[] payload, Map<String, String> headers, String id,
        int attempt) {

    public Message {
        headers = Map.copyOf(headers);
    }

    public Message withAttempt(int value) {
        return new Message(topic, key, payload, headers, id, value);
    }
}

package dev.wedge.queue;

import java.util.Map;

/** A message to publish; {@code key} may be null. Messages with one key are delivered in publish order. */
public record OutboundMessage(String key, byte[] payload, Map<String, String> headers) {

    public OutboundMessage {
        headers = Map.copyOf(headers);
    }
}

package dev.wedge.config;

import java.time.Duration;

/**
 * How long the node waits on a client, on the app port and the admin port alike (docs/config.md, {@code server:}).
 *
 * @param header how long a client has to send a whole request head, counted from the connection's start or from
 *     the end of the previous response: past it the node answers 408 header-timeout and closes the connection
 * @param idle how long a request body may go without a byte: past it the node answers 408 body-stalled and closes
 */
public record ConnectionTimeouts(Duration header, Duration idle) {

    public static final ConnectionTimeouts DEFAULT = new ConnectionTimeouts(Duration.ofSeconds(10),
            Duration.ofSeconds(30));
}

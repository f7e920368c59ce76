package dev.wedge.queue;

import io.vertx.core.Vertx;

/**
 * A kind of queue, found with {@link java.util.ServiceLoader}: adding one is adding a class and a line in
 * {@code META-INF/services/dev.wedge.queue.QueueBackend}.
 */
public interface QueueBackend {

    /** The name used in configuration, e.g. {@code kafka}. */
    String name();

    /** Opens a queue; an unreachable backend is not an error here (publishes report it). */
    MessageQueue open(Vertx vertx, QueueConfig config);
}

package dev.wedge.queue;

import dev.wedge.settings.Backend;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import io.vertx.core.Vertx;
import java.nio.file.Path;

/**
 * A kind of queue, found with {@link java.util.ServiceLoader}: adding one is adding a class and a line in
 * {@code META-INF/services/dev.wedge.queue.QueueBackend}. Each reads its own settings (where the queue is);
 * {@link QueueSettings} reads what every queue has.
 */
public interface QueueBackend extends Backend<QueueConfig> {

    /** Where the queue is, from its section: a directory, bootstrap servers. */
    String location(Section queue, Path baseDir) throws ConfigException;

    /** Opens a queue; an unreachable backend is not an error here (publishes report it). */
    MessageQueue open(Vertx vertx, QueueConfig config);
}

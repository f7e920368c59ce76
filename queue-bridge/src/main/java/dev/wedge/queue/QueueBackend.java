package dev.wedge.queue;

import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Set;

/**
 * A kind of queue, found with {@link java.util.ServiceLoader}: adding one is adding a class and a line in
 * {@code META-INF/services/dev.wedge.queue.QueueBackend}. Each reads its own settings (where the queue is);
 * {@link QueueSettings} reads what every queue has.
 */
public interface QueueBackend {

    /** The name used in configuration ({@code backend: NAME}), e.g. {@code kafka}. */
    String name();

    /** Its short form, for help and error texts, e.g. {@code kafka://HOST:PORT}. */
    String shortForm();

    /**
     * Where the queue a short form ({@code --queue NAME=SPEC}, or {@code queues: {NAME: SPEC}}) describes is, or
     * null when the form is not this backend's.
     *
     * @param baseDir what relative directories are resolved against
     */
    String locationOfShortForm(String spec, Path baseDir);

    /** The keys of a {@code queues.NAME} section that it reads, besides the common ones. */
    Set<String> settingKeys();

    /** Where the queue is, from its section: a directory, bootstrap servers. */
    String location(Section queue, Path baseDir) throws ConfigException;

    /** Opens a queue; an unreachable backend is not an error here (publishes report it). */
    MessageQueue open(Vertx vertx, QueueConfig config);
}

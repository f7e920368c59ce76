package dev.wedge.queue.embedded;

import dev.wedge.queue.MessageQueue;
import dev.wedge.queue.QueueBackend;
import dev.wedge.queue.QueueConfig;
import io.vertx.core.Vertx;
import java.nio.file.Path;

/** {@code embedded}: one MVStore file per queue, {@code LOCATION/NAME.mv.db} (default {@code .wedge/queues}). */
public final class EmbeddedQueueBackend implements QueueBackend {

    public static final String DEFAULT_DIR = ".wedge/queues";

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public MessageQueue open(Vertx vertx, QueueConfig config) {
        String dir = config.location() == null || config.location().isBlank() ? DEFAULT_DIR : config.location();
        return new EmbeddedQueue(vertx, config, Path.of(dir).resolve(config.name() + ".mv.db"));
    }
}

package dev.wedge.queue.embedded;

import dev.wedge.queue.MessageQueue;
import dev.wedge.queue.QueueBackend;
import dev.wedge.queue.QueueConfig;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code embedded}: one MVStore file per queue, {@code DIR/NAME.mv.db}. Without a directory, {@code .wedge/queues}
 * beside the config file, or in the working directory for the command line.
 */
public final class EmbeddedQueueBackend implements QueueBackend {

    public static final String NAME = "embedded";
    public static final String DEFAULT_DIR = ".wedge/queues";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String shortForm() {
        return NAME + "[:DIR]";
    }

    @Override
    public QueueConfig fromShortForm(String name, String spec, Path baseDir) {
        if (!spec.equals(NAME) && !spec.startsWith(NAME + ":")) {
            return null;
        }
        String dir = spec.length() > NAME.length() ? spec.substring(NAME.length() + 1) : DEFAULT_DIR;
        return QueueConfig.of(name, NAME, baseDir.resolve(dir).toString());
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of("dir");
    }

    @Override
    public String location(Section queue, Path baseDir) throws ConfigException {
        return baseDir.resolve(queue.string("dir", DEFAULT_DIR)).toString();
    }

    @Override
    public MessageQueue open(Vertx vertx, QueueConfig config) {
        String dir = config.location() == null || config.location().isBlank() ? DEFAULT_DIR : config.location();
        return new EmbeddedQueue(vertx, config, Path.of(dir).resolve(config.name() + ".mv.db"));
    }
}

package dev.wedge.queue.kafka;

import dev.wedge.queue.MessageQueue;
import dev.wedge.queue.QueueBackend;
import dev.wedge.queue.QueueConfig;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Set;

/** The {@code kafka} backend: {@link QueueConfig#location()} lists the bootstrap servers. */
public final class KafkaQueueBackend implements QueueBackend {

    private static final String SCHEME = "kafka://";

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String shortForm() {
        return SCHEME + "HOST:PORT";
    }

    @Override
    public QueueConfig fromShortForm(String name, String spec, Path baseDir) {
        return spec.startsWith(SCHEME) && spec.length() > SCHEME.length()
                ? QueueConfig.of(name, name(), spec.substring(SCHEME.length())) : null;
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of("url");
    }

    @Override
    public String location(Section queue, Path baseDir) throws ConfigException {
        String url = queue.string("url", null);
        if (url == null) {
            throw new ConfigException(queue.key("url") + " is missing: e.g. kafka://127.0.0.1:9092");
        }
        return url.startsWith(SCHEME) ? url.substring(SCHEME.length()) : url;
    }

    @Override
    public MessageQueue open(Vertx vertx, QueueConfig config) {
        return new KafkaQueue(vertx, config);
    }
}

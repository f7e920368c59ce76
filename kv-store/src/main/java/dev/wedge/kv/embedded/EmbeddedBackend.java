package dev.wedge.kv.embedded;

import dev.wedge.kv.KvBackend;
import dev.wedge.kv.KvStore;
import dev.wedge.kv.KvStoreConfig;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code embedded}: one MVStore file per store, {@code DIR/NAME.mv.db}. Without a directory, {@code .wedge/kv}
 * beside the config file, or in the working directory for the command line.
 */
public final class EmbeddedBackend implements KvBackend {

    public static final String NAME = "embedded";
    public static final String DEFAULT_DIR = ".wedge/kv";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String shortForm() {
        return NAME + "[:DIR]";
    }

    @Override
    public KvStoreConfig fromShortForm(String name, String spec, Path baseDir) {
        if (!spec.equals(NAME) && !spec.startsWith(NAME + ":")) {
            return null;
        }
        String dir = spec.length() > NAME.length() ? spec.substring(NAME.length() + 1) : DEFAULT_DIR;
        return KvStoreConfig.of(name, NAME, baseDir.resolve(dir).toString());
    }

    @Override
    public Set<String> settingKeys() {
        return Set.of("dir");
    }

    @Override
    public String location(Section store, Path baseDir) throws ConfigException {
        return baseDir.resolve(store.string("dir", DEFAULT_DIR)).toString();
    }

    @Override
    public KvStore open(Vertx vertx, KvStoreConfig config) {
        String dir = config.location() == null || config.location().isBlank() ? DEFAULT_DIR : config.location();
        return new EmbeddedKvStore(vertx, Path.of(dir).resolve(config.name() + ".mv.db"));
    }
}

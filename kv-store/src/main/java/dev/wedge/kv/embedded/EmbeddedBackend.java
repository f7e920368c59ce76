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
 * {@code embedded}: one MVStore file per store, {@code DIR/NAME.mv.db}. A config file's stores default to
 * {@code .wedge/kv} beside it; a store given no directory on the command line, to {@code .wedge/kv} in the
 * working directory.
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
        String dir = spec.length() > NAME.length() ? spec.substring(NAME.length() + 1) : null;
        return KvStoreConfig.of(name, NAME, dir == null ? null : baseDir.resolve(dir).toString());
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

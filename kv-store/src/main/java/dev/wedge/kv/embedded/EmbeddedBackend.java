package dev.wedge.kv.embedded;

import dev.wedge.kv.KvBackend;
import dev.wedge.kv.KvStore;
import dev.wedge.kv.KvStoreConfig;
import io.vertx.core.Vertx;
import java.nio.file.Path;

/** {@code embedded}: one MVStore file per store, {@code LOCATION/NAME.mv.db} (default location {@code .wedge/kv}). */
public final class EmbeddedBackend implements KvBackend {

    public static final String NAME = "embedded";
    public static final String DEFAULT_DIR = ".wedge/kv";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public KvStore open(Vertx vertx, KvStoreConfig config) {
        String dir = config.location() == null || config.location().isBlank() ? DEFAULT_DIR : config.location();
        return new EmbeddedKvStore(vertx, Path.of(dir).resolve(config.name() + ".mv.db"));
    }
}

package dev.wedge.kv;

import dev.wedge.settings.Backend;
import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import io.vertx.core.Vertx;
import java.nio.file.Path;

/**
 * A kind of store. Backends are found with {@link java.util.ServiceLoader}: adding one is adding a class and a
 * line in {@code META-INF/services/dev.wedge.kv.KvBackend}, not editing a switch. Each reads its own settings
 * (where the store is); {@link KvStoreSettings} reads what every store has.
 */
public interface KvBackend extends Backend<KvStoreConfig> {

    /** Where the store is, from its section: a directory, a URL. */
    String location(Section store, Path baseDir) throws ConfigException;

    /** Opens a store; failing to reach the backend now is not an error (calls report it). */
    KvStore open(Vertx vertx, KvStoreConfig config);
}

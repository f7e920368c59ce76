package dev.wedge.kv;

import dev.wedge.settings.ConfigException;
import dev.wedge.settings.Section;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Set;

/**
 * A kind of store. Backends are found with {@link java.util.ServiceLoader}: adding one is adding a class and a
 * line in {@code META-INF/services/dev.wedge.kv.KvBackend}, not editing a switch. Each reads its own settings
 * (where the store is); {@link KvStoreSettings} reads what every store has.
 */
public interface KvBackend {

    /** The name used in configuration ({@code backend: NAME}), e.g. {@code redis}. */
    String name();

    /** Its short form, for help and error texts, e.g. {@code redis://HOST:PORT[/prefix]}. */
    String shortForm();

    /**
     * The store a short form ({@code --kv-store NAME=SPEC}, or {@code kv-stores: {NAME: SPEC}}) describes, or
     * null when the form is not this backend's.
     *
     * @param baseDir what relative directories are resolved against
     */
    KvStoreConfig fromShortForm(String name, String spec, Path baseDir) throws ConfigException;

    /** The keys of a {@code kv-stores.NAME} section that it reads, besides the common ones. */
    Set<String> settingKeys();

    /** Where the store is, from its section: a directory, a URL. */
    String location(Section store, Path baseDir) throws ConfigException;

    /** Opens a store; failing to reach the backend now is not an error (calls report it). */
    KvStore open(Vertx vertx, KvStoreConfig config);
}

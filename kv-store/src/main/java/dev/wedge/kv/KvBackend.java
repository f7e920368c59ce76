package dev.wedge.kv;

import io.vertx.core.Vertx;

/**
 * A kind of store. Backends are found with {@link java.util.ServiceLoader}: adding one is adding a class and a
 * line in {@code META-INF/services/dev.wedge.kv.KvBackend}, not editing a switch.
 */
public interface KvBackend {

    /** The name used in configuration, e.g. {@code redis}. */
    String name();

    /** Opens a store; failing to reach the backend now is not an error (calls report it). */
    KvStore open(Vertx vertx, KvStoreConfig config);
}

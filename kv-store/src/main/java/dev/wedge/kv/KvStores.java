package dev.wedge.kv;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The stores of one node, by name, opened from their configurations. */
public final class KvStores {

    /** An opened store with its configuration. */
    public record Entry(KvStoreConfig config, KvStore store) {}

    private final Map<String, Entry> stores;

    private KvStores(Map<String, Entry> stores) {
        this.stores = stores;
    }

    public static KvStores none() {
        return new KvStores(Map.of());
    }

    /** @throws IllegalArgumentException naming an unknown backend */
    public static KvStores open(Vertx vertx, List<KvStoreConfig> configs) {
        Map<String, KvBackend> backends = KvStoreSettings.backends();
        Map<String, Entry> stores = new LinkedHashMap<>();
        for (KvStoreConfig config : configs) {
            KvBackend backend = backends.get(config.backend());
            if (backend == null) {
                stores.values().forEach(entry -> entry.store().close());
                throw new IllegalArgumentException("kv store " + config.name() + ": unknown backend '"
                        + config.backend() + "' (one of " + backends.keySet() + ")");
            }
            KvStore store = backend.open(vertx, config);
            if (config.cacheEntries() > 0) {
                store = new CachedStore(store, config.cacheEntries(), config.cacheTtl());
            }
            stores.put(config.name(), new Entry(config, store));
        }
        return new KvStores(stores);
    }

    /** The store, or null. */
    public Entry get(String name) {
        return stores.get(name);
    }

    public Set<String> names() {
        return stores.keySet();
    }

    /** The part of a store that belongs to one app: its keys live under the store prefix and the app's name. */
    public KvStore view(String storeName, String appName) {
        Entry entry = stores.get(storeName);
        return new NamespacedStore(entry.store(), entry.config().prefix() + appName + ":");
    }

    public Future<Void> close() {
        List<Future<Void>> closing = new ArrayList<>();
        stores.values().forEach(entry -> closing.add(entry.store().close()));
        return Future.join(closing).mapEmpty();
    }
}

package dev.wedge.host.kv;

import java.util.Set;

/** The node's key-value stores an app may open, by name (its {@code kv-stores} setting). */
public record KvBinding(Set<String> stores) {

    public static final KvBinding NONE = new KvBinding(Set.of());

    public KvBinding {
        stores = Set.copyOf(stores);
    }
}

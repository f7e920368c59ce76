package dev.wedge.host.capability;

import java.util.HashMap;
import java.util.Map;

/**
 * Immutable values keyed by their type: what a node or a configuration hands capabilities, each finding its own
 * (a store registry, a source of secrets) without the giver having a field for each.
 */
public record ByType(Map<Class<?>, Object> values) {

    public static final ByType NONE = new ByType(Map.of());

    public ByType {
        values = Map.copyOf(values);
    }

    /** The value of this type, or {@code fallback}. */
    public <T> T get(Class<T> type, T fallback) {
        Object value = values.get(type);
        return value != null ? type.cast(value) : fallback;
    }

    public <T> ByType with(Class<T> type, T value) {
        var copy = new HashMap<>(values);
        copy.put(type, value);
        return new ByType(copy);
    }
}

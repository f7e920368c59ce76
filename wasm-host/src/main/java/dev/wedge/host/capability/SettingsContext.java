package dev.wedge.host.capability;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What an app's settings are read against: the names of the node's resources of each kind (e.g. its
 * {@code kv-stores} or {@code queues}), so that an app naming one the node lacks is refused when it is
 * configured, not when it runs; and values a capability's reader needs from where the app is configured, by
 * type (e.g. where its secrets come from).
 */
public record SettingsContext(Map<String, Set<String>> resources, Map<Class<?>, Object> values) {

    public static final SettingsContext EMPTY = new SettingsContext(Map.of());

    public SettingsContext {
        resources = Map.copyOf(resources);
        values = Map.copyOf(values);
    }

    public SettingsContext(Map<String, Set<String>> resources) {
        this(resources, Map.of());
    }

    public Set<String> names(String kind) {
        return resources.getOrDefault(kind, Set.of());
    }

    /** The value of this type, or {@code fallback}. */
    public <T> T get(Class<T> type, T fallback) {
        Object value = values.get(type);
        return value != null ? type.cast(value) : fallback;
    }

    public <T> SettingsContext with(Class<T> type, T value) {
        var copy = new HashMap<>(values);
        copy.put(type, value);
        return new SettingsContext(resources, copy);
    }
}

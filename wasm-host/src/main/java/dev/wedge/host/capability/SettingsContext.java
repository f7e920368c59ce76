package dev.wedge.host.capability;

import java.util.Map;
import java.util.Set;

/**
 * What an app's settings are read against: the names of the node's resources of each kind (e.g. its
 * {@code kv-stores} or {@code queues}), so that an app naming one the node lacks is refused when it is
 * configured, not when it runs; and values a capability's reader needs from where the app is configured, by
 * type (e.g. where its secrets come from).
 */
public record SettingsContext(Map<String, Set<String>> resources, ByType values) {

    public static final SettingsContext EMPTY = new SettingsContext(Map.of());

    public SettingsContext {
        resources = Map.copyOf(resources);
    }

    public SettingsContext(Map<String, Set<String>> resources) {
        this(resources, ByType.NONE);
    }

    public Set<String> names(String kind) {
        return resources.getOrDefault(kind, Set.of());
    }

    /** The value of this type, or {@code fallback}. */
    public <T> T get(Class<T> type, T fallback) {
        return values.get(type, fallback);
    }

    public <T> SettingsContext with(Class<T> type, T value) {
        return new SettingsContext(resources, values.with(type, value));
    }
}

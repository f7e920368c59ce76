package dev.wedge.host.capability;

import java.util.Map;
import java.util.Set;

/**
 * What an app's settings are read against: the names of the node's resources of each kind (e.g. its
 * {@code kv-stores} or {@code queues}), so that an app naming one the node lacks is refused when it is
 * configured, not when it runs.
 */
public record SettingsContext(Map<String, Set<String>> resources) {

    public static final SettingsContext EMPTY = new SettingsContext(Map.of());

    public SettingsContext {
        resources = Map.copyOf(resources);
    }

    public Set<String> names(String kind) {
        return resources.getOrDefault(kind, Set.of());
    }
}

package dev.wedge.host.capability;

import java.util.HashMap;
import java.util.Map;

/**
 * What a node opened for its apps' capabilities, by type (its key-value stores, its queues, ...), and who
 * watches host calls. Capabilities find their own resources here; the node does not hand each one a field.
 */
public final class NodeResources {

    public static final NodeResources NONE = new NodeResources(Map.of(), RunListener.NONE);

    private final Map<Class<?>, Object> resources;
    private final RunListener listener;

    private NodeResources(Map<Class<?>, Object> resources, RunListener listener) {
        this.resources = resources;
        this.listener = listener;
    }

    /** The node's resource of this type, or {@code fallback} when it has none. */
    public <T> T get(Class<T> type, T fallback) {
        Object value = resources.get(type);
        return value != null ? type.cast(value) : fallback;
    }

    public <T> NodeResources with(Class<T> type, T value) {
        var copy = new HashMap<>(resources);
        copy.put(type, value);
        return new NodeResources(Map.copyOf(copy), listener);
    }

    public RunListener listener() {
        return listener;
    }

    public NodeResources withListener(RunListener value) {
        return new NodeResources(resources, value);
    }
}

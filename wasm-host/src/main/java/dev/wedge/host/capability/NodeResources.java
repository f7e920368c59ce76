package dev.wedge.host.capability;

/**
 * What a node opened for its apps' capabilities, by type (its key-value stores, its queues, ...), and who
 * watches host calls. Capabilities find their own resources here; the node does not hand each one a field.
 */
public final class NodeResources {

    public static final NodeResources NONE = new NodeResources(ByType.NONE, RunListener.NONE);

    private final ByType resources;
    private final RunListener listener;

    private NodeResources(ByType resources, RunListener listener) {
        this.resources = resources;
        this.listener = listener;
    }

    /** The node's resource of this type, or {@code fallback} when it has none. */
    public <T> T get(Class<T> type, T fallback) {
        return resources.get(type, fallback);
    }

    public <T> NodeResources with(Class<T> type, T value) {
        return new NodeResources(resources.with(type, value), listener);
    }

    public RunListener listener() {
        return listener;
    }

    public NodeResources withListener(RunListener value) {
        return new NodeResources(resources, value);
    }
}

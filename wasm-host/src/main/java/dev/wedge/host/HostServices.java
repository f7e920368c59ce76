package dev.wedge.host;

import dev.wedge.host.capability.CapabilitySet;
import dev.wedge.host.capability.NodeResources;
import dev.wedge.host.capability.RunListener;
import dev.wedge.host.run.AppLog;

/**
 * What a node gives its Wasm hosts: where app logs go, what it opened for the capabilities, and the capabilities
 * themselves (by default {@link Capabilities#all()}).
 */
public record HostServices(AppLog log, NodeResources resources, CapabilitySet capabilities) {

    /** Logs only: no stores, no queues, no metrics. */
    public static HostServices of(AppLog log) {
        return new HostServices(log, NodeResources.NONE, Capabilities.all());
    }

    /** With a node resource a capability looks up by its type, e.g. the node's {@code KvStores}. */
    public <T> HostServices with(Class<T> type, T value) {
        return new HostServices(log, resources.with(type, value), capabilities);
    }

    public HostServices withListener(RunListener value) {
        return new HostServices(log, resources.withListener(value), capabilities);
    }
}

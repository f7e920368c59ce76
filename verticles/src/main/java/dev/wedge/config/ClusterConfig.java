package dev.wedge.config;

import java.nio.file.Path;
import java.util.List;

/**
 * How a node joins the other nodes of its PoP. Hazelcast reads {@code configFile} (the repo's cluster.xml when
 * null); the other values, when set, override what it says, so one file serves every node of a PoP.
 *
 * @param enabled false for a node of its own
 * @param members addresses ({@code host} or {@code host:port}) of nodes to join; empty keeps the file's
 * @param host the address this node binds and announces for the cluster and the event bus
 * @param port the first Hazelcast port tried (it counts up when taken); 0 keeps the file's
 * @param name the cluster's name: nodes join only a cluster of the same name; null keeps the file's
 */
public record ClusterConfig(boolean enabled, Path configFile, List<String> members, String host, int port,
        String name) {

    public static final String DEFAULT_HOST = "127.0.0.1";

    public ClusterConfig {
        members = List.copyOf(members);
    }

    public static ClusterConfig disabled() {
        return new ClusterConfig(false, null, List.of(), DEFAULT_HOST, 0, null);
    }

    public ClusterConfig withEnabled(boolean value) {
        return new ClusterConfig(value, configFile, members, host, port, name);
    }

    public ClusterConfig withConfigFile(Path value) {
        return new ClusterConfig(enabled, value, members, host, port, name);
    }

    public ClusterConfig withMembers(List<String> value) {
        return new ClusterConfig(enabled, configFile, value, host, port, name);
    }

    public ClusterConfig withPort(int value) {
        return new ClusterConfig(enabled, configFile, members, host, value, name);
    }

    public ClusterConfig withName(String value) {
        return new ClusterConfig(enabled, configFile, members, host, port, value);
    }
}

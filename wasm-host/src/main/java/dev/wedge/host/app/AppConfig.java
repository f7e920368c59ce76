package dev.wedge.host.app;

import dev.wedge.host.limits.Limits;
import java.util.Map;
import java.util.Set;

/**
 * How to run one app.
 *
 * @param kind forced app kind, or null to detect it from the module's exports
 * @param kvStores names of the node's key-value stores the app may open
 * @param queues the app's topic namespace and the topics it may publish to
 */
public record AppConfig(String name, AppKind kind, Map<String, String> env, Map<String, String> secrets,
        Limits limits, Set<String> kvStores, QueueBinding queues) {

    public AppConfig {
        env = Map.copyOf(env);
        secrets = Map.copyOf(secrets);
        kvStores = Set.copyOf(kvStores);
    }

    /** An app bound to no store and no queue. */
    public AppConfig(String name, AppKind kind, Map<String, String> env, Map<String, String> secrets, Limits limits) {
        this(name, kind, env, secrets, limits, Set.of(), QueueBinding.NONE);
    }

    /** An app bound to stores but no queue. */
    public AppConfig(String name, AppKind kind, Map<String, String> env, Map<String, String> secrets, Limits limits,
            Set<String> kvStores) {
        this(name, kind, env, secrets, limits, kvStores, QueueBinding.NONE);
    }

    public AppConfig withKvStores(Set<String> names) {
        return new AppConfig(name, kind, env, secrets, limits, names, queues);
    }

    public AppConfig withQueues(QueueBinding binding) {
        return new AppConfig(name, kind, env, secrets, limits, kvStores, binding);
    }

    public static AppConfig named(String name) {
        return new AppConfig(name, null, Map.of(), Map.of(), Limits.DEFAULT);
    }

    /** Never prints secret values. */
    @Override
    public String toString() {
        return "AppConfig[name=" + name + ", kind=" + kind + ", env=" + env + ", secrets=" + secrets.keySet()
                + ", limits=" + limits + ", kvStores=" + kvStores + ", queues=" + queues + "]";
    }
}

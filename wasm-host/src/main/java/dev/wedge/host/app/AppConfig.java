package dev.wedge.host.app;

import dev.wedge.host.limits.Limits;
import java.util.Map;

/**
 * How to run one app.
 *
 * @param kind forced app kind, or null to detect it from the module's exports
 */
public record AppConfig(String name, AppKind kind, Map<String, String> env, Map<String, String> secrets,
        Limits limits) {

    public AppConfig {
        env = Map.copyOf(env);
        secrets = Map.copyOf(secrets);
    }

    public static AppConfig named(String name) {
        return new AppConfig(name, null, Map.of(), Map.of(), Limits.DEFAULT);
    }

    /** Never prints secret values. */
    @Override
    public String toString() {
        return "AppConfig[name=" + name + ", kind=" + kind + ", env=" + env + ", secrets=" + secrets.keySet()
                + ", limits=" + limits + "]";
    }
}

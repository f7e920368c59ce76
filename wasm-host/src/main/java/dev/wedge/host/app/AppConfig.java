package dev.wedge.host.app;

import dev.wedge.host.limits.Limits;
import java.util.Map;

/**
 * How to run one app: what every app has (kind, environment, limits) and each capability's part of its settings
 * (its secrets, the stores and queues it is bound to, ...).
 *
 * @param kind forced app kind, or null to detect it from the module's exports
 */
public record AppConfig(String name, AppKind kind, Map<String, String> env, Limits limits,
        CapabilitySettings settings) {

    public AppConfig {
        env = Map.copyOf(env);
    }

    /** An app that uses no capability's settings. */
    public AppConfig(String name, AppKind kind, Map<String, String> env, Limits limits) {
        this(name, kind, env, limits, CapabilitySettings.NONE);
    }

    public <A> AppConfig with(SettingsKey<A> key, A value) {
        return new AppConfig(name, kind, env, limits, settings.with(key, value));
    }

    public static AppConfig named(String name) {
        return new AppConfig(name, null, Map.of(), Limits.DEFAULT);
    }
}

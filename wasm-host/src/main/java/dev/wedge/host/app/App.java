package dev.wedge.host.app;

import dev.wedge.host.engine.CompiledModule;
import dev.wedge.host.module.ModuleCache;

/**
 * A loaded app: its configuration, the kind it turned out to be, and its compiled module, leased from the
 * host's cache under {@code moduleKey} until the host releases the app.
 */
public record App(AppConfig config, AppKind kind, CompiledModule module, ModuleCache.Key moduleKey) {

    public String sha256() {
        return moduleKey.sha256();
    }

    public String name() {
        return config.name();
    }
}

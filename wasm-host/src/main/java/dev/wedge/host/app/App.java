package dev.wedge.host.app;

import dev.wedge.host.engine.CompiledModule;

/** A loaded app: its configuration, the kind it turned out to be, and its compiled module. */
public record App(AppConfig config, AppKind kind, CompiledModule module, String sha256) {

    public String name() {
        return config.name();
    }
}

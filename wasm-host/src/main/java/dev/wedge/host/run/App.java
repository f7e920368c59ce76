package dev.wedge.host.run;

import dev.wedge.host.app.AppConfig;
import dev.wedge.host.app.AppKind;
import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.engine.CompiledModule;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.module.ModuleCache;
import dev.wedge.queue.Message;

/**
 * A loaded app, ready to run: its configuration, the kind it turned out to be, and its compiled module, leased
 * from the host's cache until {@link #release}. Each request or message runs in a fresh instance.
 */
public final class App {

    private final AppConfig config;
    private final AppKind kind;
    private final CompiledModule module;
    private final ModuleCache.Key moduleKey;
    private final ModuleCache cache;
    private final AppRunner runner;

    App(AppConfig config, AppKind kind, CompiledModule module, ModuleCache.Key moduleKey, ModuleCache cache,
            AppRunner runner) {
        this.config = config;
        this.kind = kind;
        this.module = module;
        this.moduleKey = moduleKey;
        this.cache = cache;
        this.runner = runner;
    }

    public AppConfig config() {
        return config;
    }

    public AppKind kind() {
        return kind;
    }

    public CompiledModule module() {
        return module;
    }

    public String name() {
        return config.name();
    }

    public String sha256() {
        return moduleKey.sha256();
    }

    /** Runs one request; blocks while the guest runs, so call it on a worker thread, never an event loop. */
    public AppResponse handle(AppRequest request) {
        return handle(request, Cancellation.NEVER);
    }

    /**
     * Runs one request that {@code cancellation} may stop early (its client went away); a stopped run answers
     * {@link dev.wedge.host.http.NodeAnswer#CLIENT_GONE}. Blocks likewise.
     */
    public AppResponse handle(AppRequest request, Cancellation cancellation) {
        return runner.handle(this, request, cancellation);
    }

    /**
     * Handles one queue message; a response without error means the message was consumed. Blocks likewise. Never
     * cancelled: delivery is at least once, and a message stopped halfway would only run again.
     */
    public AppResponse handleMessage(Message message) {
        return runner.handleMessage(this, message);
    }

    /** The app will not run again: its compiled module may be closed when the cache needs room. */
    public void release() {
        cache.release(moduleKey);
    }
}

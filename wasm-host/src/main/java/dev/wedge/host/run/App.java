package dev.wedge.host.run;

import dev.wedge.host.app.AppConfig;
import dev.wedge.host.app.AppKind;
import dev.wedge.host.auto.EngineBinding;
import dev.wedge.host.auto.EngineChoice;
import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.engine.CompiledModule;
import dev.wedge.host.engine.ModuleInfo;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.RunDeadline;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.module.ModuleCache;
import dev.wedge.queue.Message;
import java.util.Map;

/**
 * A loaded app, ready to run: its configuration, the kind it turned out to be, what its module imports and
 * exports, and how to compile it. Each request or message leases the compiled module from the host's cache for
 * its run and runs in a fresh instance; between runs the cache may close it (it keeps a bounded number), and
 * the next run compiles it again from its source. So an idle app costs its description, not its code. The engine
 * it runs on is its {@link EngineChoice}'s: one engine, or {@code engine: auto}'s pick from its observed runs.
 */
public final class App {

    private final AppConfig config;
    private final AppKind kind;
    private final ModuleInfo info;
    private final EngineChoice engines;
    private final ModuleCache cache;
    private final AppRunner runner;

    /** One run's hold on the compiled module, on the engine the app ran on then; close it when the run ends. */
    final class Lease implements AutoCloseable {

        private final EngineBinding binding;
        private final CompiledModule module;

        private Lease(EngineBinding binding) throws ModuleLoadException {
            this.module = cache.acquire(binding.key(), binding.compiler());
            this.binding = binding;
        }

        CompiledModule module() {
            return module;
        }

        String engine() {
            return binding.engine();
        }

        @Override
        public void close() {
            cache.release(binding.key());
        }
    }

    App(AppConfig config, AppKind kind, ModuleInfo info, EngineChoice engines, ModuleCache cache, AppRunner runner) {
        this.config = config;
        this.kind = kind;
        this.info = info;
        this.engines = engines;
        this.cache = cache;
        this.runner = runner;
    }

    public AppConfig config() {
        return config;
    }

    public AppKind kind() {
        return kind;
    }

    /** What the module imports and exports. */
    public ModuleInfo info() {
        return info;
    }

    /**
     * The compiled module, compiled now if the cache let go of it, for inspection: it stays compiled only while
     * the cache keeps it.
     */
    public CompiledModule compiled() throws ModuleLoadException {
        try (Lease lease = lease()) {
            return lease.module();
        }
    }

    /** The compiled module for one run, on the engine the app runs on now. */
    Lease lease() throws ModuleLoadException {
        return new Lease(engines.current());
    }

    /**
     * The same for a run under {@code deadline}: a compile the lease needs (a first run, or one after the cache let
     * the module go; seconds for a large module on a busy node) is the node's time, credited back like a wait.
     */
    Lease lease(RunDeadline deadline) throws ModuleLoadException {
        deadline.beginWait();
        try {
            return lease();
        } finally {
            deadline.endWait();
        }
    }

    /** A run's instantiate and guest times on {@code engine}, which {@code engine: auto} decides from. */
    void observe(String engine, long instantiateNanos, long runNanos) {
        engines.observe(engine, instantiateNanos, runNanos);
    }

    /** The engine the app's next run uses. */
    public String engine() {
        return engines.current().engine();
    }

    public String name() {
        return config.name();
    }

    public String sha256() {
        return engines.current().key().sha256();
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

    /** Runs one request through a CDN chain whose lead app this is (a site's phases). */
    public AppResponse handle(CdnChain chain, AppRequest request, Cancellation cancellation) {
        return runner.handle(chain, request, Map.of(), cancellation);
    }

    /**
     * Runs one request through a CDN chain with custom properties set before any filter runs, as if the node had
     * set them ({@code wedge test}'s fixtures); filters read them in every phase.
     */
    public AppResponse handle(CdnChain chain, AppRequest request, Map<String, String> properties,
            Cancellation cancellation) {
        return runner.handle(chain, request, properties, cancellation);
    }

    /**
     * Handles one queue message; a response without error means the message was consumed. Blocks likewise. Never
     * cancelled: delivery is at least once, and a message stopped halfway would only run again.
     */
    public AppResponse handleMessage(Message message) {
        return runner.handleMessage(this, message);
    }
}

package dev.wedge.host;

import dev.wedge.host.app.AppConfig;
import dev.wedge.host.app.AppKind;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.WasmEngine;
import dev.wedge.host.engine.chicory.ChicoryEngine;
import dev.wedge.host.engine.wasmtime.WasmtimeEngine;
import dev.wedge.host.module.ModuleCache;
import dev.wedge.host.module.ModuleSource;
import dev.wedge.host.run.App;
import dev.wedge.host.run.AppLoader;
import dev.wedge.host.run.AppLog;
import dev.wedge.host.run.AppRunner;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The Wasm side of a node: one engine, its compiled-module cache, the loader and the runner. What it loads is an
 * {@link App} that runs itself.
 */
public final class WasmHost implements AutoCloseable {

    public static final List<String> ENGINES = List.of(ChicoryEngine.NAME, WasmtimeEngine.NAME);

    private final WasmEngine engine;
    private final ModuleCache cache;
    private final AppRunner runner;
    private final AppLoader loader;

    public WasmHost(WasmEngine engine, HostServices services) {
        this(engine, services, ModuleCache.DEFAULT_IDLE_CAPACITY);
    }

    /** @param idleModules compiled modules kept while no request runs them (see {@link ModuleCache}) */
    public WasmHost(WasmEngine engine, HostServices services, int idleModules) {
        this.engine = engine;
        this.cache = new ModuleCache(idleModules);
        this.runner = new AppRunner(services.log(), services.resources(), services.capabilities());
        this.loader = new AppLoader(engine, runner, cache);
    }

    /** A host whose apps have no key-value stores and no queues. */
    public static WasmHost create(String engineName, AppLog log) {
        return create(engineName, HostServices.of(log));
    }

    /** @param engineName {@code chicory} or {@code wasmtime} */
    public static WasmHost create(String engineName, HostServices services) {
        return new WasmHost(engine(engineName), services);
    }

    public static WasmEngine engine(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case ChicoryEngine.NAME -> new ChicoryEngine();
            case WasmtimeEngine.NAME -> new WasmtimeEngine();
            default -> throw new IllegalArgumentException("unknown engine '" + name + "' (one of " + ENGINES + ")");
        };
    }

    /** Loads a module held in memory; it is validated and compiled now. */
    public App load(byte[] wasm, AppConfig config) throws ModuleLoadException {
        return loader.load(() -> wasm, config, false);
    }

    /**
     * Loads a module that is read from {@code source} whenever it must be compiled. Bytes {@code validated}
     * before, by this node or another of its cluster (a deployed app's record names only modules its deploy
     * validated), are compiled without validation when the app first runs.
     */
    public App load(ModuleSource source, AppConfig config, boolean validated) throws ModuleLoadException {
        return loader.load(source, config, validated);
    }

    /** Compiles validated bytes ahead of the deploy that will name them (see {@link #load}). */
    public void precompile(byte[] wasm, AppConfig config) throws ModuleLoadException {
        loader.precompile(wasm, config);
    }

    /** Checks that the module would load with this configuration, keeping nothing; the app's kind. */
    public AppKind check(byte[] wasm, AppConfig config) throws ModuleLoadException {
        return loader.check(wasm, config);
    }

    /** Closes the compiled modules no app runs whose sha256 {@code gone} accepts; how many. */
    public int evictIdle(Predicate<String> gone) {
        return cache.evictIdle(gone);
    }

    /** Compiled modules this host keeps, in use or idle. */
    public int compiledModules() {
        return cache.size();
    }

    @Override
    public void close() {
        cache.close();
        engine.close();
    }
}

package dev.wedge.host;

import dev.wedge.host.app.AppConfig;
import dev.wedge.host.app.AppKind;
import dev.wedge.host.auto.AutoRule;
import dev.wedge.host.auto.EngineCandidate;
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
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The Wasm side of a node: one engine (or the candidates of {@code engine: auto}), its compiled-module cache, the
 * loader and the runner. What it loads is an {@link App} that runs itself.
 */
public final class WasmHost implements AutoCloseable {

    public static final List<String> ENGINES = List.of(ChicoryEngine.NAME, WasmtimeEngine.NAME);

    /** The engine setting that lets the node choose per app, among {@link #AUTO_CANDIDATES}. */
    public static final String AUTO = "auto";

    /** The values of the {@code engine} setting. */
    public static final List<String> ENGINE_SETTINGS = Stream.concat(ENGINES.stream(), Stream.of(AUTO)).toList();

    /**
     * What {@code engine: auto} chooses from, apps starting on the first, with the priors of benchmarks/README.md
     * (issue 18): a fresh instance of a small module (Chicory's copy-on-write about 3 us, Wasmtime's with reused
     * stores about 75 us plus its JNI host calls) and the compute speed against Chicory with the node's JIT flags
     * (Wasmtime 1x to 4x on the compute templates, 3x assumed; each app's own is measured when it moves). An
     * engine is one entry.
     */
    public static final List<EngineCandidate> AUTO_CANDIDATES = List.of(
            new EngineCandidate(ChicoryEngine.NAME, 5_000, 1),
            new EngineCandidate(WasmtimeEngine.NAME, 100_000, 3));

    private final List<WasmEngine> engines;
    private final ExecutorService ownCompiles;
    private final ModuleCache cache;
    private final AppRunner runner;
    private final AppLoader loader;

    public WasmHost(WasmEngine engine, HostServices services) {
        this(engine, services, ModuleCache.DEFAULT_IDLE_CAPACITY);
    }

    /** @param idleModules compiled modules kept while no request runs them (see {@link ModuleCache}) */
    public WasmHost(WasmEngine engine, HostServices services, int idleModules) {
        this.engines = List.of(engine);
        this.ownCompiles = null;
        this.cache = new ModuleCache(idleModules);
        this.runner = new AppRunner(services.log(), services.resources(), services.capabilities());
        this.loader = new AppLoader(engine, runner, cache);
    }

    /**
     * A host whose apps move between the engines of {@code rule} as it decides ({@code engine: auto}).
     *
     * @param compiles where a moving app's module compiles for its next engine; null for a thread of the host's
     */
    public WasmHost(AutoRule rule, HostServices services, int idleModules, Executor compiles) {
        this.engines = rule.candidates().stream().map(candidate -> engine(candidate.engine())).toList();
        // One thread: a background compile takes at most one core from the requests (its low priority is only a
        // hint, which Linux ignores for an unprivileged JVM).
        this.ownCompiles = compiles != null ? null : Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("wedge-auto-compile").daemon().priority(Thread.MIN_PRIORITY).factory());
        this.cache = new ModuleCache(idleModules);
        this.runner = new AppRunner(services.log(), services.resources(), services.capabilities());
        this.loader = new AppLoader(engines, rule, compiles != null ? compiles : ownCompiles, services.log(), runner,
                cache);
    }

    /** A host for the {@code engine} setting's value: one engine, or {@link #AUTO}. */
    public static WasmHost of(String engineSetting, HostServices services, int idleModules) {
        return engineSetting.equals(AUTO)
                ? new WasmHost(AutoRule.of(AUTO_CANDIDATES), services, idleModules, null)
                : new WasmHost(engine(engineSetting), services, idleModules);
    }

    /** A host whose apps have no key-value stores and no queues. */
    public static WasmHost create(String engineName, AppLog log) {
        return create(engineName, HostServices.of(log));
    }

    /** @param engineName one of {@link #ENGINE_SETTINGS} */
    public static WasmHost create(String engineName, HostServices services) {
        return of(engineName, services, ModuleCache.DEFAULT_IDLE_CAPACITY);
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
        if (ownCompiles != null) { // an engine must not close under a compile
            ownCompiles.shutdownNow();
            try {
                ownCompiles.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        cache.close();
        engines.forEach(WasmEngine::close);
    }
}

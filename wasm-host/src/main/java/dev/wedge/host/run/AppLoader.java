package dev.wedge.host.run;

import dev.wedge.host.app.AbiVersion;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.app.AppKind;
import dev.wedge.host.app.ProxyAbiVersion;
import dev.wedge.host.auto.AutoChoice;
import dev.wedge.host.auto.AutoRule;
import dev.wedge.host.auto.EngineBinding;
import dev.wedge.host.auto.EngineChoice;
import dev.wedge.host.engine.CompiledModule;
import dev.wedge.host.engine.ModuleInfo;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.ModuleLoadException.Problem;
import dev.wedge.host.engine.WasmEngine;
import dev.wedge.host.module.ModuleCache;
import dev.wedge.host.module.ModuleCaps;
import dev.wedge.host.module.ModuleDigest;
import dev.wedge.host.module.ModuleInspector;
import dev.wedge.host.module.ModuleSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Turns module bytes and a configuration into a runnable {@link App}: inspect, detect the kind, check the ABI
 * version and every import, cap the memory. Compiling (once per content, engine and cap) happens at load only
 * for modules not validated before; otherwise on the app's first request, so a node with many apps compiles
 * only those that are called. With several engines ({@code engine: auto}), the app is checked and starts on the
 * first; the others compile it, validating it themselves, only when {@link AutoChoice} moves it there.
 */
public final class AppLoader {

    private final WasmEngine engine;
    private final List<WasmEngine> others;
    private final AutoRule rule;
    private final Executor compiles;
    private final AppLog log;
    private final AppRunner runner;
    private final ModuleCache cache;

    /** Apps on one engine. */
    public AppLoader(WasmEngine engine, AppRunner runner, ModuleCache cache) {
        this(List.of(engine), null, Runnable::run, null, runner, cache);
    }

    /**
     * Apps on the engines {@code rule} chooses from, in the order of its candidates.
     *
     * @param compiles where an app's module compiles for the engine it moves to
     * @param log where the moves are told, as the app's host lines
     */
    public AppLoader(List<WasmEngine> engines, AutoRule rule, Executor compiles, AppLog log, AppRunner runner,
            ModuleCache cache) {
        this.engine = engines.get(0);
        this.others = engines.subList(1, engines.size());
        this.rule = rule;
        this.compiles = compiles;
        this.log = log;
        this.runner = runner;
        this.cache = cache;
    }

    /**
     * @param trusted the bytes were validated before, by this or another node (see WasmEngine#compile): the
     *     module is compiled, without validation, when it first runs; otherwise it is validated and compiled now
     */
    public App load(ModuleSource source, AppConfig config, boolean trusted) throws ModuleLoadException {
        try {
            return loadChecked(source, config, trusted);
        } catch (RuntimeException e) { // an engine or parser surprise is still a module that cannot load
            throw engineFailure(e);
        }
    }

    /** Compiles validated bytes ahead of a deploy that will name them, leaving them among the idle modules. */
    public void precompile(byte[] wasm, AppConfig config) throws ModuleLoadException {
        try {
            ModuleInfo info = ModuleInspector.inspect(wasm);
            check(info, config);
            var key = key(wasm, config, true);
            cache.acquire(key, compiler(engine, () -> wasm, info, config, true));
            cache.release(key);
        } catch (RuntimeException e) {
            throw engineFailure(e);
        }
    }

    /**
     * Every check {@link #load} makes, the engine's validation included; the app's kind. The module stays
     * compiled among the idle ones, as validated bytes, so loading it for the deploy that follows is instant.
     */
    public AppKind check(byte[] wasm, AppConfig config) throws ModuleLoadException {
        try {
            ModuleInfo info = ModuleInspector.inspect(wasm);
            AppKind kind = check(info, config);
            byte[] capped = ModuleCaps.apply(wasm, config.limits().memoryBytes());
            var key = key(wasm, config, true);
            var validatedHere = new boolean[1];
            cache.acquire(key, () -> {
                validatedHere[0] = true;
                return engine.compile(capped, info, false);
            });
            try {
                if (!validatedHere[0]) { // compiled before without validation, e.g. ahead of another deploy
                    engine.validate(capped, info);
                }
            } finally {
                cache.release(key);
            }
            return kind;
        } catch (RuntimeException e) {
            throw engineFailure(e);
        }
    }

    /**
     * What the engine's refusal says, without Java's words: an engine's own exception carries a reason (a
     * validation error); anything else is one of its internal limits (Chicory's operand stack of 32,767 values,
     * for one), which is worth naming as such rather than as an {@code ArrayIndexOutOfBoundsException}.
     */
    private ModuleLoadException engineFailure(RuntimeException e) {
        return engineFailure(engine, e);
    }

    private static ModuleLoadException engineFailure(WasmEngine engine, RuntimeException e) {
        String engineException = e.getClass().getName();
        if (engineException.startsWith("com.dylibso.chicory.") || engineException.startsWith("io.github.kawamuray.")) {
            return new ModuleLoadException("the module could not be loaded: " + e.getMessage(), e);
        }
        System.getLogger(AppLoader.class.getName()).log(System.Logger.Level.INFO, "engine refused a module", e);
        return new ModuleLoadException(ModuleLoadException.Problem.UNSUPPORTED, "the " + engine.name()
                + " engine cannot compile the module: it passes one of the engine's limits (such as a function's "
                + "operand stack deeper than 32,767 values)", e);
    }

    private App loadChecked(ModuleSource source, AppConfig config, boolean trusted) throws ModuleLoadException {
        byte[] wasm = read(source);
        var key = key(wasm, config, trusted);
        CompiledModule compiled = cache.acquireCompiled(key); // a swap or a rollback: no need to read it again
        ModuleInfo info;
        try {
            info = compiled != null ? compiled.info() : ModuleInspector.inspect(wasm);
        } finally {
            if (compiled != null) {
                cache.release(key);
            }
        }
        AppKind kind = check(info, config);
        ModuleCache.Compiler compiler = compiler(engine, source, info, config, trusted);
        if (!trusted && compiled == null) { // validated now, so that a bad module fails its load, not a request
            cache.acquire(key, compiler);
            cache.release(key);
        }
        var first = new EngineBinding(engine.name(), key, compiler);
        return new App(config, kind, info, engines(first, source, info, config), cache, runner);
    }

    private EngineChoice engines(EngineBinding first, ModuleSource source, ModuleInfo info, AppConfig config) {
        if (others.isEmpty()) {
            return EngineChoice.fixed(first);
        }
        List<EngineBinding> bindings = new ArrayList<>(List.of(first));
        for (WasmEngine other : others) { // validated by the other engine when it compiles
            var key = new ModuleCache.Key(first.key().sha256(), other.name(), first.key().memoryCapBytes(), false);
            bindings.add(new EngineBinding(other.name(), key, compiler(other, source, info, config, false)));
        }
        return new AutoChoice(bindings, rule, cache, compiles,
                notice -> log.line(config.name(), "host", AppLog.INFO, notice));
    }

    private ModuleCache.Key key(byte[] wasm, AppConfig config, boolean trusted) {
        return new ModuleCache.Key(ModuleDigest.sha256(wasm), engine.name(), config.limits().memoryBytes(), trusted);
    }

    private ModuleCache.Compiler compiler(WasmEngine engine, ModuleSource source, ModuleInfo info, AppConfig config,
            boolean trusted) {
        long cap = config.limits().memoryBytes();
        return () -> {
            try {
                return engine.compile(ModuleCaps.apply(read(source), cap), info, trusted);
            } catch (RuntimeException e) {
                throw engineFailure(engine, e);
            }
        };
    }

    private static byte[] read(ModuleSource source) throws ModuleLoadException {
        try {
            return source.read();
        } catch (IOException e) {
            throw new ModuleLoadException("the module could not be read: " + e.getMessage(), e);
        }
    }

    private AppKind check(ModuleInfo info, AppConfig config) throws ModuleLoadException {
        if (info.definesMemory() && !info.exportsMemory()) {
            throw new ModuleLoadException(Problem.BAD_IMPORT,
                    "the module must export its memory as \"memory\" for host calls to use it");
        }
        AppKind kind = AppKind.of(info, config.kind());
        if (kind == AppKind.HTTP) {
            AbiVersion.check(info);
        } else if (kind == AppKind.CDN) {
            ProxyAbiVersion.check(info);
        }
        runner.imports().check(info);
        return kind;
    }
}

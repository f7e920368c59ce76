package dev.wedge.host.app;

import dev.wedge.host.abi.ImportCatalog;
import dev.wedge.host.engine.CompiledModule;
import dev.wedge.host.engine.ModuleInfo;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.WasmEngine;
import dev.wedge.host.module.MemoryCap;
import dev.wedge.host.module.ModuleCache;
import dev.wedge.host.module.ModuleDigest;
import dev.wedge.host.module.ModuleInspector;

/**
 * Turns module bytes and a configuration into a runnable {@link App}: inspect, detect the kind, check the ABI
 * version and every import, cap the memory, compile (once per content, engine and cap).
 */
public final class AppLoader {

    private final WasmEngine engine;
    private final ImportCatalog<?> imports;
    private final ModuleCache cache;

    public AppLoader(WasmEngine engine, ImportCatalog<?> imports, ModuleCache cache) {
        this.engine = engine;
        this.imports = imports;
        this.cache = cache;
    }

    public App load(byte[] wasm, AppConfig config) throws ModuleLoadException {
        try {
            return loadChecked(wasm, config);
        } catch (RuntimeException e) { // an engine or parser surprise is still a module that cannot load
            throw new ModuleLoadException("the module could not be loaded: " + e, e);
        }
    }

    private App loadChecked(byte[] wasm, AppConfig config) throws ModuleLoadException {
        ModuleInfo info = ModuleInspector.inspect(wasm);
        if (info.definesMemory() && !info.exportsMemory()) {
            throw new ModuleLoadException("the module must export its memory as \"memory\" for host calls to use it");
        }
        AppKind kind = AppKind.of(info, config.kind());
        if (kind == AppKind.HTTP) {
            AbiVersion.check(info);
        }
        imports.check(info);
        String sha256 = ModuleDigest.sha256(wasm);
        long cap = config.limits().memoryBytes();
        var key = new ModuleCache.Key(sha256, engine.name(), cap);
        CompiledModule module = cache.get(key, () -> engine.compile(MemoryCap.apply(wasm, cap), info));
        return new App(config, kind, module, sha256);
    }
}

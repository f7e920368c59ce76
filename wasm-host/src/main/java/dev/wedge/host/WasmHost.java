package dev.wedge.host;

import dev.wedge.host.app.App;
import dev.wedge.host.app.AppConfig;
import dev.wedge.host.app.AppLoader;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.WasmEngine;
import dev.wedge.host.engine.chicory.ChicoryEngine;
import dev.wedge.host.engine.wasmtime.WasmtimeEngine;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.AppResponse;
import dev.wedge.host.module.ModuleCache;
import dev.wedge.host.run.AppLog;
import dev.wedge.host.run.AppRunner;
import dev.wedge.queue.Message;
import java.util.List;
import java.util.Locale;

/**
 * The Wasm side of a node: one engine, its compiled-module cache, the loader and the runner. {@link #handle}
 * blocks while the guest runs, so callers run it on worker threads, never on an event loop.
 */
public final class WasmHost implements AutoCloseable {

    public static final List<String> ENGINES = List.of(ChicoryEngine.NAME, WasmtimeEngine.NAME);

    private final WasmEngine engine;
    private final ModuleCache cache = new ModuleCache();
    private final AppRunner runner;
    private final AppLoader loader;

    public WasmHost(WasmEngine engine, HostServices services) {
        this.engine = engine;
        this.runner = new AppRunner(services);
        this.loader = new AppLoader(engine, runner.imports(), cache);
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

    public App load(byte[] wasm, AppConfig config) throws ModuleLoadException {
        return loader.load(wasm, config);
    }

    public AppResponse handle(App app, AppRequest request) {
        return runner.handle(app, request);
    }

    /** Handles one queue message; a response without error means the message was consumed. */
    public AppResponse handleMessage(App app, Message message) {
        return runner.handleMessage(app, message);
    }

    @Override
    public void close() {
        cache.close();
        engine.close();
    }
}

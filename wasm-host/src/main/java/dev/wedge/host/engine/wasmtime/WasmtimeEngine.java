package dev.wedge.host.engine.wasmtime;

import dev.wedge.host.engine.CompiledModule;
import dev.wedge.host.engine.DaemonTimer;
import dev.wedge.host.engine.ModuleInfo;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.WasmEngine;
import io.github.kawamuray.wasmtime.Config;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Module;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wasmtime through wasmtime-java (JNI). Deadlines use epoch interruption: a ticker advances the engine's epoch
 * every {@link #TICK_MILLIS} ms and each store may run for the number of ticks left until its deadline, set
 * again for every run. Stores are reused by runs of the same module as {@link StoreReuse} allows. Every native
 * object is disposed explicitly, exactly once; the library leaks (and eventually aborts) otherwise.
 */
public final class WasmtimeEngine implements WasmEngine {

    public static final String NAME = "wasmtime";
    static final long TICK_MILLIS = 5;

    private final Engine engine;
    private final EpochClock clock;
    private final ScheduledExecutorService ticker;
    private final StoreAccounts accounts;
    private volatile boolean closed;

    public WasmtimeEngine() {
        this(StoreReuse.DEFAULT);
    }

    public WasmtimeEngine(StoreReuse reuse) {
        this.accounts = new StoreAccounts(reuse);
        Config config = new Config().epochInterruption(true);
        this.engine = new Engine(config);
        this.clock = new EpochClock(engine);
        this.ticker = DaemonTimer.create("wedge-wasmtime-epoch");
        ticker.scheduleWithFixedDelay(clock::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompiledModule compile(byte[] wasm, ModuleInfo info, boolean validated) throws ModuleLoadException {
        if (closed) {
            throw new IllegalStateException("the engine is closed");
        }
        // Wasmtime validates while it compiles, whatever it is told.
        try {
            return new WasmtimeModule(engine, clock, accounts, new Module(engine, wasm), info);
        } catch (RuntimeException e) {
            throw new ModuleLoadException("wasmtime could not compile the module: " + e.getMessage(), e);
        }
    }

    @Override
    public void validate(byte[] wasm, ModuleInfo info) throws ModuleLoadException {
        compile(wasm, info).close();
    }

    /** Stores made and not yet disposed, idle or running. */
    public long liveStores() {
        return accounts.storesMade() - accounts.storesDisposed();
    }

    /** Stores made since the engine started. */
    public long storesMade() {
        return accounts.storesMade();
    }

    /**
     * Stops the epoch and lets go of the engine. Close the modules first: Wasmtime keeps what a live store or
     * module needs of the engine, but a guest still running is no longer stopped at its deadline.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ticker.shutdownNow();
        engine.dispose();
    }
}

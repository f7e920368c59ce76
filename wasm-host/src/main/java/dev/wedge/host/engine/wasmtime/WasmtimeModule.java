package dev.wedge.host.engine.wasmtime;

import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.engine.CompiledModule;
import dev.wedge.host.engine.FunctionImport;
import dev.wedge.host.engine.GuestTrap;
import dev.wedge.host.engine.HostFunction;
import dev.wedge.host.engine.ImportResolver;
import dev.wedge.host.engine.ModuleInfo;
import dev.wedge.host.engine.RunDeadline;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Module;
import java.util.List;

/**
 * A compiled module and its {@link StorePool}. Each run gets a fresh instance, with fresh memory, in a store
 * that earlier runs of this module may have used: nothing of theirs is reachable from it (their instances are
 * unreferenced, the host functions read only the current run). Closing disposes the stores; the native module
 * goes once no run holds one of them.
 */
final class WasmtimeModule implements CompiledModule {

    private final Module module;
    private final ModuleInfo info;
    private final StorePool pool;
    private final long declaredMemory;

    WasmtimeModule(Engine engine, EpochClock clock, StoreAccounts accounts, Module module, ModuleInfo info) {
        this.module = module;
        this.info = info;
        this.pool = new StorePool(() -> new ReusableStore(engine, clock, accounts, info.imports()), accounts,
                module::dispose);
        this.declaredMemory = info.definesMemory() ? info.initialMemoryBytes() : 0;
    }

    @Override
    public ModuleInfo info() {
        return info;
    }

    /**
     * The cancellation is not used here: a store may only be touched from the guest's own thread, so its epoch
     * deadline cannot be brought forward from another (wasmtime-java offers no per-store interrupt). Host calls
     * notice it. A deadline moved by a wait is set again from the host call that waited, on the guest's thread.
     *
     * @throws IllegalStateException when the module is closed
     */
    @Override
    public WasmtimeInstance instantiate(ImportResolver imports, RunDeadline deadline, Cancellation cancellation)
            throws GuestTrap {
        ReusableStore store = pool.take();
        var memory = new InstanceMemory(store.store());
        var handles = new NativeResources();
        try {
            store.begin(new ReusableStore.Run(bodies(imports), memory, deadline));
            Instance instance = handles.add(new Instance(store.store(), module, store.externs()));
            instance.getMemory(store.store(), "memory").ifPresent(found -> memory.bind(handles.add(found)));
            return new WasmtimeInstance(pool, store, instance, memory, handles, deadline, declaredMemory);
        } catch (RuntimeException e) {
            WasmtimeInstance.end(pool, store, memory, handles, declaredMemory);
            throw WasmtimeInstance.classify(e, deadline, GuestTrap.Kind.INSTANTIATION);
        }
    }

    /** This run's body for each import; the store's host functions were linked with the imports' types. */
    private HostFunction.Body[] bodies(ImportResolver imports) {
        List<FunctionImport> wanted = info.imports();
        var bodies = new HostFunction.Body[wanted.size()];
        for (int i = 0; i < bodies.length; i++) {
            HostFunction function = imports.resolve(wanted.get(i));
            if (!function.signature().equals(wanted.get(i).signature())) {
                throw new IllegalArgumentException("import " + wanted.get(i).qualifiedName() + " resolved to "
                        + function.signature() + ", wanted " + wanted.get(i).signature());
            }
            bodies[i] = function.body();
        }
        return bodies;
    }

    /** Stores kept for the next run; for tests. */
    int idleStores() {
        return pool.idleStores();
    }

    @Override
    public void close() {
        pool.close();
    }
}

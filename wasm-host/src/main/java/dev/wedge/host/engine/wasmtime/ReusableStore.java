package dev.wedge.host.engine.wasmtime;

import dev.wedge.host.engine.FunctionImport;
import dev.wedge.host.engine.HostFunction;
import dev.wedge.host.engine.RunDeadline;
import dev.wedge.host.engine.ValueType;
import io.github.kawamuray.wasmtime.Engine;
import io.github.kawamuray.wasmtime.Extern;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.FuncType;
import io.github.kawamuray.wasmtime.Store;
import java.util.ArrayList;
import java.util.List;

/**
 * A store with a module's host functions linked once, running one request at a time, each in a fresh instance.
 * The host functions are the store's, not a request's: each reads the run now in the store ({@link #begin}) and
 * calls that run's own body, on that run's memory and deadline. Held by one run at a time (see
 * {@link StorePool}), so its fields need no lock.
 */
final class ReusableStore {

    /** What the store's host functions work for: the current run's import bodies, memory and deadline. */
    record Run(HostFunction.Body[] bodies, InstanceMemory memory, RunDeadline deadline) {}

    private final Store<Void> store;
    private final EpochClock clock;
    private final StoreAccounts accounts;
    private final NativeResources hostFunctions = new NativeResources();
    private final List<Extern> externs;
    private Run current;
    private int instances;
    private long memoryBytes;
    private boolean disposed;

    ReusableStore(Engine engine, EpochClock clock, StoreAccounts accounts, List<FunctionImport> imports) {
        this.store = new Store<>(null, engine);
        this.clock = clock;
        this.accounts = accounts;
        try {
            this.externs = new ArrayList<>(imports.size());
            for (int i = 0; i < imports.size(); i++) {
                externs.add(Extern.fromFunc(hostFunctions.add(hostFunction(i, imports.get(i)))));
            }
        } catch (RuntimeException e) {
            hostFunctions.close();
            store.dispose();
            throw e;
        }
        accounts.made();
    }

    Store<Void> store() {
        return store;
    }

    /** The host functions, in the order of the module's imports. */
    List<Extern> externs() {
        return externs;
    }

    /** Hands the store to a run: its host functions now serve it, and its deadline is the store's. */
    void begin(Run run) {
        current = run;
        store.setEpochDeadline(clock.ticksUntil(run.deadline().nanos()));
    }

    /** The run is over; its instance stays in the store, holding {@code instanceMemory} bytes, until disposal. */
    void end(long instanceMemory) {
        current = null;
        instances++;
        memoryBytes += instanceMemory;
        accounts.retained(instanceMemory);
    }

    /** Whether the store has run as many instances, or kept as much memory, as it may. */
    boolean spent() {
        StoreReuse reuse = accounts.reuse();
        return instances >= reuse.instancesPerStore() || memoryBytes >= reuse.memoryPerStore();
    }

    /** Frees the store and every instance in it; only the first call does anything. */
    void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        try {
            hostFunctions.close();
        } finally {
            store.dispose();
            accounts.disposed(instances, memoryBytes);
        }
    }

    /**
     * A host function reading the run now in the store. When its call moved the run's deadline (it waited, and
     * the wait is credited back), the store's epoch deadline is set again before the guest resumes: compiled code
     * re-reads it from the store once the epoch passes the value it cached, before it traps.
     */
    private Func hostFunction(int index, FunctionImport imported) {
        List<ValueType> resultTypes = imported.signature().results();
        var type = new FuncType(Vals.types(imported.signature().params()), Vals.types(resultTypes));
        return new Func(store, type, (caller, params, results) -> {
            Run run = current;
            if (run == null) {
                throw new IllegalStateException("a host function was called outside a run");
            }
            long[] args = new long[params.length];
            for (int i = 0; i < params.length; i++) {
                args[i] = Vals.raw(params[i]);
            }
            long before = run.deadline().nanos();
            long[] out = run.bodies()[index].call(run.memory().view(), args);
            long after = run.deadline().nanos();
            if (after != before) {
                store.setEpochDeadline(clock.ticksUntil(after));
            }
            for (int i = 0; i < results.length; i++) {
                results[i] = Vals.val(resultTypes.get(i), out[i]);
            }
        });
    }
}

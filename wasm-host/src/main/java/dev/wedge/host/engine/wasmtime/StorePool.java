package dev.wedge.host.engine.wasmtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * One module's stores: a run takes one (the most recently used, or a new one) and gives it back when its instance
 * closes, so a store is only ever used by one run, on whichever thread runs it, and there are as many stores as
 * runs of the module at once (a Vert.x worker, {@code wedge call}, a queue trigger alike). A store given back is
 * kept unless it is spent, the pool has {@link StoreReuse#idlePerModule} already, or the engine keeps too much;
 * then it is disposed. Closing disposes the idle stores at once and each taken one when its run gives it back;
 * once no run holds a store, {@code onDrained} runs, once (the module's native code goes then, not under a run).
 */
final class StorePool implements AutoCloseable {

    private final Supplier<ReusableStore> factory;
    private final StoreAccounts accounts;
    private final Runnable onDrained;
    private final Deque<ReusableStore> idle = new ArrayDeque<>(); // guarded by this
    private int taken; // guarded by this
    private boolean closed; // guarded by this
    private boolean drained; // guarded by this

    StorePool(Supplier<ReusableStore> factory, StoreAccounts accounts, Runnable onDrained) {
        this.factory = factory;
        this.accounts = accounts;
        this.onDrained = onDrained;
    }

    /** A store for one run; pair with {@link #giveBack}. */
    ReusableStore take() {
        ReusableStore store;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the module is closed");
            }
            taken++;
            store = idle.pollFirst();
        }
        if (store != null) {
            return store;
        }
        try {
            return factory.get();
        } catch (RuntimeException | Error e) {
            giveBack(null);
            throw e;
        }
    }

    /** The run is over: keeps the store for the next or disposes it. {@code null} when making one failed. */
    void giveBack(ReusableStore store) {
        boolean keep;
        boolean drain;
        synchronized (this) {
            taken--;
            keep = store != null && !closed && idle.size() < accounts.reuse().idlePerModule() && !store.spent()
                    && accounts.roomToKeep();
            if (keep) {
                idle.addFirst(store);
            }
            drain = drainNow();
        }
        if (!keep && store != null) {
            store.dispose();
        }
        if (drain) {
            onDrained.run();
        }
    }

    /** Stores kept for the next run. */
    synchronized int idleStores() {
        return idle.size();
    }

    @Override
    public void close() {
        List<ReusableStore> stores;
        boolean drain;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stores = new ArrayList<>(idle);
            idle.clear();
            drain = drainNow();
        }
        stores.forEach(ReusableStore::dispose);
        if (drain) {
            onDrained.run();
        }
    }

    private boolean drainNow() {
        if (closed && taken == 0 && !drained) {
            drained = true;
            return true;
        }
        return false;
    }
}

package dev.wedge.host.engine.wasmtime;

import dev.wedge.host.engine.GuestMemory;
import dev.wedge.host.engine.GuestTrap;
import dev.wedge.host.engine.RunDeadline;
import dev.wedge.host.engine.WasmInstance;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Val;
import java.util.Locale;
import java.util.Optional;

/**
 * A fresh instance in a store lent for its run. Once closed, or from another thread than the one that made it,
 * it refuses every use: its store may already serve another run, or be disposed (a disposed handle crashes the
 * JVM).
 */
final class WasmtimeInstance implements WasmInstance {

    private final StorePool pool;
    private final ReusableStore store;
    private final Instance instance;
    private final InstanceMemory memory;
    private final NativeResources handles;
    private final RunDeadline deadline;
    private final long declaredMemory;
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    WasmtimeInstance(StorePool pool, ReusableStore store, Instance instance, InstanceMemory memory,
            NativeResources handles, RunDeadline deadline, long declaredMemory) {
        this.pool = pool;
        this.store = store;
        this.instance = instance;
        this.memory = memory;
        this.handles = handles;
        this.deadline = deadline;
        this.declaredMemory = declaredMemory;
    }

    @Override
    public long[] call(String export, long... args) throws GuestTrap {
        checkUsable();
        Optional<Func> found = instance.getFunc(store.store(), export);
        if (found.isEmpty()) {
            throw new GuestTrap(GuestTrap.Kind.TRAP, "no exported function " + export, null);
        }
        Func function = handles.add(found.get());
        Val[] params = new Val[args.length];
        for (int i = 0; i < args.length; i++) {
            params[i] = Val.fromI32((int) args[i]); // exports called by the host take i32s only
        }
        try {
            Val[] results = function.call(store.store(), params);
            long[] raw = new long[results.length];
            for (int i = 0; i < results.length; i++) {
                raw[i] = results[i].getType() == Val.Type.I64 ? results[i].i64() : results[i].i32();
            }
            return raw;
        } catch (RuntimeException e) {
            throw classify(e, deadline, GuestTrap.Kind.TRAP);
        }
    }

    /** The epoch only interrupts once the deadline has passed, so a failure past it is a timeout. */
    static GuestTrap classify(RuntimeException failure, RunDeadline deadline, GuestTrap.Kind otherwise) {
        String message = String.valueOf(failure.getMessage());
        if (deadline.passed() || message.toLowerCase(Locale.ROOT).contains("interrupt")) {
            return new GuestTrap(GuestTrap.Kind.TIMEOUT, "deadline exceeded", failure);
        }
        return new GuestTrap(otherwise, message, failure);
    }

    @Override
    public GuestMemory memory() {
        checkUsable();
        return memory.view();
    }

    /** Gives the store back for the next run; this instance stays in it, dead, until the store is disposed. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        checkOwner();
        closed = true;
        end(pool, store, memory, handles, declaredMemory);
    }

    /** Ends a run in {@code store}, whether its instance was made or not. */
    static void end(StorePool pool, ReusableStore store, InstanceMemory memory, NativeResources handles,
            long declaredMemory) {
        memory.release();
        boolean clean = false;
        try {
            long bytes = Math.max(declaredMemory, memory.bytes(0));
            handles.close();
            store.end(bytes);
            clean = true;
        } finally {
            if (!clean) { // a store whose run did not end cleanly serves no other
                store.dispose();
            }
            pool.giveBack(clean ? store : null);
        }
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("the instance is closed");
        }
        checkOwner();
    }

    private void checkOwner() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("an instance is used only by the thread that made it");
        }
    }
}

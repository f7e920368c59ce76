package dev.wedge.host.engine.wasmtime;

import dev.wedge.host.engine.GuestMemory;
import dev.wedge.host.engine.GuestTrap;
import dev.wedge.host.engine.RunDeadline;
import dev.wedge.host.engine.WasmInstance;
import io.github.kawamuray.wasmtime.Func;
import io.github.kawamuray.wasmtime.Instance;
import io.github.kawamuray.wasmtime.Store;
import io.github.kawamuray.wasmtime.Val;
import java.util.Locale;
import java.util.Optional;

final class WasmtimeInstance implements WasmInstance {

    private final Store<Void> store;
    private final Instance instance;
    private final InstanceMemory memory;
    private final NativeResources resources;
    private final RunDeadline deadline;

    WasmtimeInstance(Store<Void> store, Instance instance, InstanceMemory memory, NativeResources resources,
            RunDeadline deadline) {
        this.store = store;
        this.instance = instance;
        this.memory = memory;
        this.resources = resources;
        this.deadline = deadline;
    }

    @Override
    public long[] call(String export, long... args) throws GuestTrap {
        Optional<Func> found = instance.getFunc(store, export);
        if (found.isEmpty()) {
            throw new GuestTrap(GuestTrap.Kind.TRAP, "no exported function " + export, null);
        }
        Func function = resources.add(found.get());
        Val[] params = new Val[args.length];
        for (int i = 0; i < args.length; i++) {
            params[i] = Val.fromI32((int) args[i]); // exports called by the host take i32s only
        }
        try {
            Val[] results = function.call(store, params);
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
        return memory.view();
    }

    @Override
    public void close() {
        resources.close();
    }
}

package dev.wedge.host.engine.chicory;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import dev.wedge.host.engine.GuestMemory;
import dev.wedge.host.engine.GuestTrap;
import dev.wedge.host.engine.WasmInstance;

final class ChicoryInstance implements WasmInstance {

    private static final long[] NO_RESULTS = {};

    private final Instance instance;
    private final ThreadInterrupt interrupt;

    ChicoryInstance(Instance instance, ThreadInterrupt interrupt) {
        this.instance = instance;
        this.interrupt = interrupt;
    }

    @Override
    public long[] call(String export, long... args) throws GuestTrap {
        ExportFunction function;
        try {
            function = instance.export(export);
        } catch (RuntimeException e) {
            throw new GuestTrap(GuestTrap.Kind.TRAP, "no exported function " + export, e);
        }
        try {
            long[] results = function.apply(args);
            return results == null ? NO_RESULTS : results;
        } catch (RuntimeException | StackOverflowError e) {
            throw classify(e, interrupt, GuestTrap.Kind.TRAP);
        }
    }

    /**
     * Anything that fails after the deadline fired, or once it passed (a host call that waited up to the
     * wall-clock cap stops the guest itself), is a timeout, whatever exception surfaced.
     */
    static GuestTrap classify(Throwable failure, ThreadInterrupt interrupt, GuestTrap.Kind otherwise) {
        if (interrupt.fired() || interrupt.deadlinePassed() || failure instanceof ChicoryInterruptedException) {
            return new GuestTrap(GuestTrap.Kind.TIMEOUT, "deadline exceeded", failure);
        }
        String message = failure instanceof StackOverflowError ? "call stack exhausted" : failure.getMessage();
        return new GuestTrap(otherwise, message == null ? failure.getClass().getSimpleName() : message, failure);
    }

    @Override
    public GuestMemory memory() {
        return ChicoryMemory.of(instance);
    }

    @Override
    public void close() {
        interrupt.disarm();
    }
}

package dev.wedge.bench.graal;

import dev.wedge.host.engine.GuestMemory;
import dev.wedge.host.engine.GuestTrap;
import dev.wedge.host.engine.ModuleInfo;
import dev.wedge.host.engine.RunDeadline;
import dev.wedge.host.engine.Signature;
import dev.wedge.host.engine.ValueType;
import dev.wedge.host.engine.WasmInstance;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/** A fresh instance in a context of its own; closing the instance closes the context and frees its memory. */
final class GraalInstance implements WasmInstance {

    private static final long[] NO_RESULTS = {};

    private final Context context;
    private final Value exports;
    private final GraalMemory.Holder memory;
    private final RunStop stop;
    private final RunDeadline deadline;
    private final ModuleInfo info;
    private boolean closed;

    GraalInstance(Context context, Value exports, GraalMemory.Holder memory, RunStop stop, RunDeadline deadline,
            ModuleInfo info) {
        this.context = context;
        this.exports = exports;
        this.memory = memory;
        this.stop = stop;
        this.deadline = deadline;
        this.info = info;
    }

    @Override
    public long[] call(String export, long... args) throws GuestTrap {
        Signature signature = info.exportedFunctions().get(export);
        if (signature == null) {
            throw new GuestTrap(GuestTrap.Kind.TRAP, "no exported function " + export, null);
        }
        Object[] params = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            params[i] = GraalImports.fromRaw(signature.params().get(i), args[i]);
        }
        try {
            return results(signature, exports.getMember(export).execute(params));
        } catch (PolyglotException e) { // the stop may cancel the context at any point, before the call too
            throw classify(e, stop, deadline, GuestTrap.Kind.TRAP);
        } catch (IllegalStateException e) { // the context was closed: only the stop closes it before the run ends
            throw new GuestTrap(GuestTrap.Kind.TIMEOUT, "deadline exceeded", e);
        }
    }

    private static long[] results(Signature signature, Value value) {
        int count = signature.results().size();
        if (count == 0) {
            return NO_RESULTS;
        }
        long[] raw = new long[count];
        for (int i = 0; i < count; i++) {
            ValueType type = signature.results().get(i);
            raw[i] = GraalImports.toRaw(type, count == 1 ? value : value.getArrayElement(i));
        }
        return raw;
    }

    /** A failure once the stop fired or the deadline passed is a timeout, whatever surfaced. */
    static GuestTrap classify(PolyglotException failure, RunStop stop, RunDeadline deadline,
            GuestTrap.Kind otherwise) {
        if (failure.isInterrupted() || failure.isCancelled() || (stop != null && stop.fired())
                || deadline.passed()) {
            return new GuestTrap(GuestTrap.Kind.TIMEOUT, "deadline exceeded", failure);
        }
        if (failure.isHostException()) {
            Throwable host = failure.asHostException();
            String message = host.getMessage();
            return new GuestTrap(otherwise, message == null ? host.getClass().getSimpleName() : message, host);
        }
        String message = failure.isResourceExhausted() ? "call stack exhausted" : failure.getMessage();
        return new GuestTrap(otherwise, message, failure);
    }

    @Override
    public GuestMemory memory() {
        return closed ? GuestMemory.NONE : memory.get();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        GraalModule.close(context, stop);
    }
}

package dev.wedge.bench.graal;

import dev.wedge.host.engine.Cancellation;
import dev.wedge.host.engine.CompiledModule;
import dev.wedge.host.engine.GuestTrap;
import dev.wedge.host.engine.ImportResolver;
import dev.wedge.host.engine.ModuleInfo;
import dev.wedge.host.engine.RunDeadline;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * A module parsed by the engine's polyglot engine. Every instance lives in a context of its own, closed with it:
 * the engine shares the code between contexts, never memories, tables or globals.
 */
final class GraalModule implements CompiledModule {

    private final GraalEngine engine;
    private final Source source;
    private final ModuleInfo info;
    private final GraalImports imports;

    GraalModule(GraalEngine engine, Source source, ModuleInfo info) {
        this.engine = engine;
        this.source = source;
        this.info = info;
        this.imports = new GraalImports(info.imports());
    }

    @Override
    public ModuleInfo info() {
        return info;
    }

    @Override
    public GraalInstance instantiate(ImportResolver resolver, RunDeadline deadline, Cancellation cancellation)
            throws GuestTrap {
        Context context = engine.newContext();
        var memory = new GraalMemory.Holder();
        RunStop stop = null;
        try {
            Value importObject = context.asValue(imports.bind(resolver, memory));
            stop = RunStop.arm(context, deadline, cancellation, engine.timer(), engine.stopper());
            Value exports = context.eval(source).newInstance(importObject).getMember("exports");
            if (info.exportsMemory()) {
                memory.bind(new GraalMemory(exports.getMember("memory")));
            }
            return new GraalInstance(context, exports, memory, stop, deadline, info);
        } catch (PolyglotException e) {
            GuestTrap trap = GraalInstance.classify(e, stop, deadline, GuestTrap.Kind.INSTANTIATION);
            close(context, stop);
            throw trap;
        } catch (RuntimeException e) {
            close(context, stop);
            if (stop != null && stop.fired()) { // the stop closed the context before the guest entered it
                throw new GuestTrap(GuestTrap.Kind.TIMEOUT, "deadline exceeded", e);
            }
            throw e;
        }
    }

    static void close(Context context, RunStop stop) {
        if (stop != null) {
            stop.disarm();
        }
        context.close(true);
    }

    @Override
    public void close() {
        // The code belongs to the engine's polyglot engine; it goes when the engine does.
    }
}

package dev.wedge.host.engine.chicory;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Machines for a large module: Chicory's interpreter until the module has had {@link #HOT_INSTANCES} instances,
 * then, once a background compile is done, its compiled code. Compiling a megabyte of code takes a core for a
 * second or two; a module that is deployed and rarely called never pays for it, and a deploy never waits for it.
 */
final class TieredMachines implements Function<Instance, Machine> {

    static final int HOT_INSTANCES = 50;
    private static final Logger LOG = Logger.getLogger(TieredMachines.class.getName());

    private final WasmModule module;
    private final Executor compiler;
    private final AtomicInteger instances = new AtomicInteger();
    private volatile Function<Instance, Machine> compiled;
    private final CompletableFuture<Boolean> done = new CompletableFuture<>();

    TieredMachines(WasmModule module, Executor compiler) {
        this.module = module;
        this.compiler = compiler;
    }

    @Override
    public Machine apply(Instance instance) {
        Function<Instance, Machine> ready = compiled;
        if (ready != null) {
            return ready.apply(instance);
        }
        if (instances.incrementAndGet() == HOT_INSTANCES) {
            try {
                compiler.execute(this::compile);
            } catch (RejectedExecutionException e) {
                // the engine is closing: stay interpreted
            }
        }
        return new InterpreterMachine(instance);
    }

    /** Completes when the background compile ends: true when new instances now run compiled code. */
    CompletableFuture<Boolean> compiled() {
        return done;
    }

    private void compile() {
        try {
            compiled = MachineFactoryCompiler.compile(module);
            done.complete(true);
        } catch (RuntimeException e) { // the interpreter runs it as well, only slower
            LOG.log(Level.WARNING, "chicory could not compile a module; it stays interpreted", e);
            done.complete(false);
        }
    }
}

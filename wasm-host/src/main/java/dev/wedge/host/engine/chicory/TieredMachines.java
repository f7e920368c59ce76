package dev.wedge.host.engine.chicory;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Machines for a large module: Chicory's interpreter until the module is hot, then, once a background compile is
 * done, its compiled code. Hot means {@link #HOT_INSTANCES} instances, or {@link #HOT_INTERPRETED} spent in the
 * interpreter, whichever comes first: a module whose requests each compute for seconds interpreted (an image
 * template) must not wait fifty of them. Compiling a megabyte of code takes a core for a second or two; a module
 * that is deployed and rarely called never pays for it, and a deploy never waits for it.
 */
final class TieredMachines implements Function<Instance, Machine> {

    static final int HOT_INSTANCES = 50;
    static final Duration HOT_INTERPRETED = Duration.ofMillis(500);
    private static final Logger LOG = Logger.getLogger(TieredMachines.class.getName());

    private final WasmModule module;
    private final Executor compiler;
    private final long hotInterpretedNanos;
    private final AtomicInteger instances = new AtomicInteger();
    private final AtomicLong interpretedNanos = new AtomicLong();
    private final AtomicBoolean compiling = new AtomicBoolean();
    private volatile Function<Instance, Machine> compiled;
    private final CompletableFuture<Boolean> done = new CompletableFuture<>();

    TieredMachines(WasmModule module, Executor compiler) {
        this(module, compiler, HOT_INTERPRETED);
    }

    TieredMachines(WasmModule module, Executor compiler, Duration hotInterpreted) {
        this.module = module;
        this.compiler = compiler;
        this.hotInterpretedNanos = hotInterpreted.toNanos();
    }

    @Override
    public Machine apply(Instance instance) {
        Function<Instance, Machine> ready = compiled;
        if (ready != null) {
            return ready.apply(instance);
        }
        if (instances.incrementAndGet() >= HOT_INSTANCES) {
            compileInBackground();
        }
        return new TimedInterpreter(instance);
    }

    /** Completes when the background compile ends: true when new instances now run compiled code. */
    CompletableFuture<Boolean> compiled() {
        return done;
    }

    /** Whether the module turned hot: its compile has started (or is done). */
    boolean compiling() {
        return compiling.get();
    }

    private void interpreted(long nanos) {
        if (interpretedNanos.addAndGet(nanos) >= hotInterpretedNanos) {
            compileInBackground();
        }
    }

    private void compileInBackground() {
        if (compiling.compareAndSet(false, true)) {
            try {
                compiler.execute(this::compile);
            } catch (RejectedExecutionException e) {
                // the engine is closing: stay interpreted
            }
        }
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

    /** The interpreter, adding the time of each call from the host to the module's interpreted time. */
    private final class TimedInterpreter extends InterpreterMachine {

        TimedInterpreter(Instance instance) {
            super(instance);
        }

        @Override
        public long[] call(int funcId, long[] args) {
            long start = System.nanoTime();
            try {
                return super.call(funcId, args);
            } finally {
                interpreted(System.nanoTime() - start);
            }
        }
    }
}

package dev.wedge.bench.graal;

import dev.wedge.host.engine.CompiledModule;
import dev.wedge.host.engine.DaemonTimer;
import dev.wedge.host.engine.ModuleInfo;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.WasmEngine;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Logger;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.ByteSequence;

/**
 * GraalWasm through the polyglot API, evaluated as a third engine and not added to the node (docs/architecture.md,
 * "Decisions"): the benchmarks run it by name ({@code BenchEngines}) so the evaluation can be repeated. One polyglot {@link Engine} per wedge engine holds every module's parsed
 * and Truffle-compiled code, so each run gets a fresh {@link Context} (fresh memory, nothing shared with the run
 * before) that reuses it. Compiled only when the JVM runs with JVMCI and the Graal compiler jar (see
 * {@link GraalRuntime}); otherwise Truffle interprets, much slower, and the engine says so once when it starts.
 * Deadlines: a timer per run cancels the run's context ({@link RunStop}).
 */
public final class GraalEngine implements WasmEngine {

    public static final String NAME = "graal";
    private static final Logger LOG = Logger.getLogger(GraalEngine.class.getName());

    private final Engine engine;
    private final ScheduledExecutorService timer;
    /** Cancelling a context waits until its guest stopped (milliseconds): done here, not on the timer thread. */
    private final ExecutorService stopper;

    public GraalEngine() {
        this.engine = Engine.newBuilder("wasm")
                .option("engine.WarnInterpreterOnly", "false") // said below, once, in wedge's words
                .build();
        if (!GraalRuntime.compiles(engine)) {
            LOG.warning(GraalRuntime.INTERPRETED_WARNING);
        }
        this.timer = DaemonTimer.create("wedge-graal-deadlines");
        this.stopper = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("wedge-graal-stop-", 0)
                .factory());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompiledModule compile(byte[] wasm, ModuleInfo info, boolean validated) throws ModuleLoadException {
        // GraalWasm validates whenever it parses; the parse is kept by the engine for every later context.
        Source source = Source.newBuilder("wasm", ByteSequence.create(wasm), "module").buildLiteral();
        try (Context context = newContext()) {
            context.eval(source);
        } catch (PolyglotException e) {
            throw new ModuleLoadException("graal refused the module: " + e.getMessage(), e);
        }
        return new GraalModule(this, source, info);
    }

    @Override
    public void validate(byte[] wasm, ModuleInfo info) throws ModuleLoadException {
        compile(wasm, info).close();
    }

    /** A context of this engine, for one run. */
    Context newContext() {
        return Context.newBuilder("wasm").engine(engine).build();
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    ExecutorService stopper() {
        return stopper;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        stopper.shutdownNow();
        engine.close(true);
    }
}

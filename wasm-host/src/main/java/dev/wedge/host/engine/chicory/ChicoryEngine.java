package dev.wedge.host.engine.chicory;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.wedge.host.engine.CompiledModule;
import dev.wedge.host.engine.ModuleInfo;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.WasmEngine;
import java.io.ByteArrayInputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Chicory, pure JVM, in compiler mode: each module is translated to JVM bytecode once; instances share it.
 * A large module (over {@link #EAGER_COMPILE_BYTES}) would keep its deploy waiting for a second or more,
 * so it is tiered ({@link TieredMachines}): interpreted at first, compiled in the background once it is used.
 * Deadlines are enforced by interrupting the calling thread, which both the compiled code and the interpreter
 * check.
 */
public final class ChicoryEngine implements WasmEngine {

    public static final String NAME = "chicory";
    /** Modules larger than this are tiered. */
    public static final int EAGER_COMPILE_BYTES = 256 * 1024;
    private static final Parser VALIDATING = Parser.builder().build();
    /** Validation is most of a parse's cost (about 200 ms for a megabyte of code), paid once per cluster. */
    private static final Parser DECODE_ONLY = Parser.builder().withValidation(false).build();

    private final Watchdog watchdog;
    private final ExecutorService compiler;
    private final MemoryMode memoryMode;
    private final int eagerCompileBytes;

    /** How an instance's linear memory starts. */
    public enum MemoryMode {
        /** Copy-on-write over an image of the module's memory, made once (the default; {@link MemoryImage}). */
        COPY_ON_WRITE,
        /** Chicory's own: allocated, zeroed and given its data segments for every instance (for comparisons). */
        PLAIN
    }

    public ChicoryEngine() {
        this(MemoryMode.COPY_ON_WRITE);
    }

    public ChicoryEngine(MemoryMode memoryMode) {
        this(memoryMode, EAGER_COMPILE_BYTES);
    }

    /**
     * An engine that compiles modules up to {@code eagerCompileBytes} at once (benchmarks measure a large module's
     * compiled code with {@code Integer.MAX_VALUE}: a slow guest would take minutes of interpreted requests to get
     * hot).
     */
    public ChicoryEngine(MemoryMode memoryMode, int eagerCompileBytes) {
        this.memoryMode = memoryMode;
        this.eagerCompileBytes = eagerCompileBytes;
        this.watchdog = new Watchdog("wedge-chicory-watchdog");
        // One thread: compiles queue up instead of taking every core from the requests being served.
        this.compiler = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("wedge-chicory-compiler")
                .factory());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompiledModule compile(byte[] wasm, ModuleInfo info, boolean validated) throws ModuleLoadException {
        WasmModule module = parse(validated ? DECODE_ONLY : VALIDATING, wasm);
        try {
            if (wasm.length <= eagerCompileBytes) {
                return new ChicoryModule(module, MachineFactoryCompiler.compile(module), info, watchdog, memoryMode);
            }
            return new ChicoryModule(module, new TieredMachines(module, compiler), info, watchdog, memoryMode);
        } catch (ChicoryException | IllegalArgumentException | IllegalStateException e) {
            throw new ModuleLoadException("chicory could not compile the module: " + e.getMessage(), e);
        }
    }

    @Override
    public void validate(byte[] wasm, ModuleInfo info) throws ModuleLoadException {
        parse(VALIDATING, wasm);
    }

    private static WasmModule parse(Parser parser, byte[] wasm) throws ModuleLoadException {
        try {
            return parser.parse(() -> new ByteArrayInputStream(wasm));
        } catch (ChicoryException | IllegalArgumentException | IllegalStateException e) {
            throw new ModuleLoadException("chicory refused the module: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        compiler.shutdownNow();
        watchdog.close();
    }
}

package dev.wedge.host.engine.chicory;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.wedge.host.engine.CompiledModule;
import dev.wedge.host.engine.DaemonTimer;
import dev.wedge.host.engine.ModuleInfo;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.WasmEngine;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Chicory, pure JVM, in compiler mode: each module is translated to JVM bytecode once; instances share it.
 * Deadlines are enforced by interrupting the calling thread, which compiled Chicory code checks.
 */
public final class ChicoryEngine implements WasmEngine {

    public static final String NAME = "chicory";

    private final ScheduledExecutorService watchdog;

    public ChicoryEngine() {
        this.watchdog = DaemonTimer.create("wedge-chicory-watchdog");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CompiledModule compile(byte[] wasm, ModuleInfo info) throws ModuleLoadException {
        try {
            WasmModule module = Parser.parse(wasm);
            return new ChicoryModule(module, MachineFactoryCompiler.compile(module), info, watchdog);
        } catch (ChicoryException | IllegalArgumentException | IllegalStateException e) {
            throw new ModuleLoadException("chicory could not compile the module: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}

package dev.wedge.host.engine;

/**
 * A WebAssembly engine: compiles a module once, so that it can be instantiated cheaply for every request.
 * Implementations are thread-safe.
 */
public interface WasmEngine extends AutoCloseable {

    /** The name used in configuration and on the command line, e.g. {@code chicory}. */
    String name();

    /**
     * Compiles validated module bytes (already carrying the memory cap, see
     * {@link dev.wedge.host.module.MemoryCap}).
     */
    CompiledModule compile(byte[] wasm, ModuleInfo info) throws ModuleLoadException;

    @Override
    void close();
}

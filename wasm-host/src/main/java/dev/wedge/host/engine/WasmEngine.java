package dev.wedge.host.engine;

/**
 * A WebAssembly engine: compiles a module once, so that it can be instantiated cheaply for every request.
 * Implementations are thread-safe.
 */
public interface WasmEngine extends AutoCloseable {

    /** The name used in configuration and on the command line, e.g. {@code chicory}. */
    String name();

    /**
     * Compiles module bytes (already carrying the memory cap, see {@link dev.wedge.host.module.ModuleCaps}),
     * validating them first unless {@code validated}: bytes another node of the cluster already validated with
     * {@link #validate}, whose sha256 a deployed app's record names.
     */
    CompiledModule compile(byte[] wasm, ModuleInfo info, boolean validated) throws ModuleLoadException;

    default CompiledModule compile(byte[] wasm, ModuleInfo info) throws ModuleLoadException {
        return compile(wasm, info, false);
    }

    /** Checks the module as {@link #compile} would, without keeping anything. */
    void validate(byte[] wasm, ModuleInfo info) throws ModuleLoadException;

    @Override
    void close();
}

package dev.wedge.host.engine;

/** A module that cannot be used: not Wasm, invalid, unknown imports, no handler, unsupported ABI. */
public final class ModuleLoadException extends Exception {

    public ModuleLoadException(String message) {
        super(message);
    }

    public ModuleLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.wedge.host.engine;

/** A module that cannot be used: not Wasm, invalid, unknown imports, no handler, unsupported ABI. */
public final class ModuleLoadException extends Exception {

    /** What is wrong, for callers that answer with a machine-readable reason (the admin API). */
    public enum Problem {
        /** Not Wasm, malformed, or refused by the engine. */
        INVALID_WASM("invalid-wasm"),
        /** None of the entry points of an app kind, or one with the wrong type. */
        MISSING_HANDLER("missing-handler"),
        /** The module declares an ABI version this host does not speak. */
        UNKNOWN_ABI("unknown-abi"),
        /** An import the host does not provide, or provides with another type. */
        BAD_IMPORT("bad-import"),
        /** Valid Wasm the host cannot run within its limits (memory, 64-bit memories). */
        UNSUPPORTED("unsupported-module");

        private final String code;

        Problem(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Problem problem;

    public ModuleLoadException(String message) {
        this(Problem.INVALID_WASM, message, null);
    }

    public ModuleLoadException(String message, Throwable cause) {
        this(Problem.INVALID_WASM, message, cause);
    }

    public ModuleLoadException(Problem problem, String message) {
        this(problem, message, null);
    }

    public ModuleLoadException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}

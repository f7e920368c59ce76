package dev.wedge.host.module;

import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.ModuleLoadException.Problem;

/**
 * Refuses a function that declares more locals than the engines support, reading only each body's local
 * declarations: the inspector does not decode function bodies (the engine that compiles the module does), but
 * this limit is worth naming before an engine fails on it in words of its own.
 */
final class CodeLocals {

    /** Wasmtime's limit on a function's locals; Chicory's on each of its local declarations. */
    static final long MAX_LOCALS = 50_000;
    private static final int CODE_SECTION = 10;
    /** A reference type's prefix ({@code (ref null ht)}, {@code (ref ht)}), followed by a heap type. */
    private static final int REF_NULL = 0x63;
    private static final int REF = 0x64;

    private CodeLocals() {}

    /** Malformed bodies are left to the engine's validation, which names what is wrong with them. */
    static void check(byte[] wasm) throws ModuleLoadException {
        boolean tooMany;
        try {
            tooMany = tooMany(wasm);
        } catch (ModuleLoadException malformed) {
            return;
        }
        if (tooMany) {
            throw new ModuleLoadException(Problem.UNSUPPORTED, "a function declares more than 50,000 locals, more "
                    + "than the engines support");
        }
    }

    private static boolean tooMany(byte[] wasm) throws ModuleLoadException {
        var in = new WasmReader(wasm);
        in.skip(8); // magic and version, checked by the inspector
        while (in.hasMore()) {
            int id = in.u8();
            int size = (int) in.u32();
            if (id == CODE_SECTION) {
                return tooMany(new WasmReader(wasm, in.position(), Math.min(size, wasm.length - in.position())));
            }
            in.skip(size);
        }
        return false;
    }

    private static boolean tooMany(WasmReader in) throws ModuleLoadException {
        long count = in.u32();
        for (long body = 0; body < count; body++) {
            int size = (int) in.u32();
            int end = in.position() + size;
            long groups = in.u32();
            long locals = 0;
            for (long group = 0; group < groups; group++) {
                locals += in.u32();
                if (locals > MAX_LOCALS) {
                    return true;
                }
                int type = in.u8();
                if (type == REF_NULL || type == REF) {
                    skipLeb(in);
                }
            }
            in.skip(end - in.position());
        }
        return false;
    }

    private static void skipLeb(WasmReader in) throws ModuleLoadException {
        while ((in.u8() & 0x80) != 0) {
            // continuation bytes
        }
    }
}

package dev.wedge.host.module;

import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.ModuleLoadException.Problem;
import java.io.ByteArrayOutputStream;

/**
 * Imposes caps on any engine by rewriting the module's memory and table sections: every memory gets a declared
 * maximum no larger than the app's memory cap, and every table one no larger than {@link #MAX_TABLE_ELEMENTS},
 * so {@code memory.grow} and {@code table.grow} past them fail inside the guest (return -1) instead of taking
 * host memory. Wasmtime has no other cap reachable from Java; Chicory honours the same declarations.
 */
public final class ModuleCaps {

    public static final int PAGE_SIZE = 65536;
    /** Far more than compiled programs use (one entry per function called indirectly), 100,000 x ~32 bytes. */
    public static final long MAX_TABLE_ELEMENTS = 100_000;
    private static final int TABLE_SECTION = 4;
    private static final int MEMORY_SECTION = 5;
    private static final int HAS_MAX = 0x01;
    private static final int ADDRESS64 = 0x04;
    private static final int TABLE_WITH_INITIALIZER = 0x40;

    private ModuleCaps() {}

    public static byte[] apply(byte[] wasm, long memoryCapBytes) throws ModuleLoadException {
        long capPages = Math.max(1, memoryCapBytes / PAGE_SIZE);
        var in = new WasmReader(wasm);
        var out = new ByteArrayOutputStream(wasm.length + 16);
        out.write(wasm, 0, 8); // magic and version, checked by the inspector
        in.skip(8);
        while (in.hasMore()) {
            int id = in.u8();
            int size = (int) in.u32();
            int start = in.position();
            byte[] section = switch (id) {
                case MEMORY_SECTION -> capMemories(new WasmReader(wasm, start, size), capPages);
                case TABLE_SECTION -> capTables(new WasmReader(wasm, start, size));
                default -> null;
            };
            out.write(id);
            if (section == null) {
                WasmReader.writeU32(out, size);
                out.write(wasm, start, size);
            } else {
                WasmReader.writeU32(out, section.length);
                out.write(section, 0, section.length);
            }
            in.skip(size);
        }
        return out.toByteArray();
    }

    private static byte[] capMemories(WasmReader in, long capPages) throws ModuleLoadException {
        var out = new ByteArrayOutputStream();
        long count = in.u32();
        WasmReader.writeU32(out, count);
        for (long i = 0; i < count; i++) {
            int flags = in.u8();
            if ((flags & ADDRESS64) != 0) {
                throw new ModuleLoadException(Problem.UNSUPPORTED, "64-bit memories are not supported");
            }
            long initial = in.u32();
            long maximum = (flags & HAS_MAX) != 0 ? in.u32() : capPages;
            if (initial > capPages) {
                throw new ModuleLoadException(Problem.UNSUPPORTED,
                        "the module needs " + mebibytes(initial) + " MiB of memory at start, "
                        + "more than its limit of " + mebibytes(capPages) + " MiB");
            }
            out.write(flags | HAS_MAX);
            WasmReader.writeU32(out, initial);
            WasmReader.writeU32(out, Math.min(maximum, capPages));
        }
        return out.toByteArray();
    }

    private static byte[] capTables(WasmReader in) throws ModuleLoadException {
        var out = new ByteArrayOutputStream();
        long count = in.u32();
        WasmReader.writeU32(out, count);
        for (long i = 0; i < count; i++) {
            int referenceType = in.u8();
            if (referenceType == TABLE_WITH_INITIALIZER) {
                throw new ModuleLoadException(Problem.UNSUPPORTED, "tables with initializers are not supported");
            }
            int flags = in.u8();
            if ((flags & ADDRESS64) != 0) {
                throw new ModuleLoadException(Problem.UNSUPPORTED, "64-bit tables are not supported");
            }
            long initial = in.u32();
            long maximum = (flags & HAS_MAX) != 0 ? in.u32() : MAX_TABLE_ELEMENTS;
            if (initial > MAX_TABLE_ELEMENTS) {
                throw new ModuleLoadException(Problem.UNSUPPORTED, "the module needs a table of " + initial
                        + " entries at start, more than the limit of " + MAX_TABLE_ELEMENTS);
            }
            out.write(referenceType);
            out.write(flags | HAS_MAX);
            WasmReader.writeU32(out, initial);
            WasmReader.writeU32(out, Math.min(maximum, MAX_TABLE_ELEMENTS));
        }
        return out.toByteArray();
    }

    private static String mebibytes(long pages) {
        return String.valueOf(pages * PAGE_SIZE / (1024 * 1024));
    }
}

package dev.wedge.host.module;

import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.ModuleLoadException.Problem;
import java.io.ByteArrayOutputStream;

/**
 * Imposes a memory cap on any engine by rewriting the module's memory section: every memory gets a declared
 * maximum no larger than the cap, so {@code memory.grow} past it fails inside the guest (returns -1) instead of
 * taking host memory. Wasmtime has no other cap reachable from Java; Chicory honours the same declaration.
 */
public final class MemoryCap {

    public static final int PAGE_SIZE = 65536;
    private static final int MEMORY_SECTION = 5;
    private static final int HAS_MAX = 0x01;
    private static final int MEMORY64 = 0x04;

    private MemoryCap() {}

    public static byte[] apply(byte[] wasm, long capBytes) throws ModuleLoadException {
        long capPages = Math.max(1, capBytes / PAGE_SIZE);
        var in = new WasmReader(wasm);
        var out = new ByteArrayOutputStream(wasm.length + 16);
        out.write(wasm, 0, 8); // magic and version, checked by the inspector
        in.skip(8);
        while (in.hasMore()) {
            int id = in.u8();
            int size = (int) in.u32();
            int start = in.position();
            if (id == MEMORY_SECTION) {
                byte[] section = capMemories(new WasmReader(wasm, start, size), capPages);
                out.write(MEMORY_SECTION);
                WasmReader.writeU32(out, section.length);
                out.write(section, 0, section.length);
            } else {
                out.write(id);
                WasmReader.writeU32(out, size);
                out.write(wasm, start, size);
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
            if ((flags & MEMORY64) != 0) {
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

    private static String mebibytes(long pages) {
        return String.valueOf(pages * PAGE_SIZE / (1024 * 1024));
    }
}

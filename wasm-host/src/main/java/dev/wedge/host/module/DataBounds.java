package dev.wedge.host.module;

import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSection;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import dev.wedge.host.engine.ModuleLoadException;
import dev.wedge.host.engine.ModuleLoadException.Problem;
import java.util.List;

/**
 * Refuses a module whose active data segment, at a constant offset, lies past its initial memory: instantiating it
 * always fails, so it would deploy and then answer 530 on every request. Segments at offsets read from globals
 * cannot be placed before instantiation and are left to it.
 */
final class DataBounds {

    private DataBounds() {}

    /** @param data the module's data section, or null when it has none */
    static void check(DataSection data, long initialMemoryBytes) throws ModuleLoadException {
        DataSegment[] segments = data == null ? new DataSegment[0] : data.dataSegments();
        for (int i = 0; i < segments.length; i++) {
            if (!(segments[i] instanceof ActiveDataSegment active) || active.index() != 0) {
                continue;
            }
            Long offset = constantOffset(active.offsetInstructions());
            long end = offset == null ? 0 : offset + active.data().length;
            if (offset != null && end > initialMemoryBytes) {
                throw new ModuleLoadException(Problem.INVALID_WASM, "data segment " + i + " (bytes " + offset + ".."
                        + end + ") lies past the module's initial memory of " + initialMemoryBytes + " bytes");
            }
        }
    }

    /** The offset of {@code i32.const N; end}, as an unsigned 32-bit value; null for anything else. */
    private static Long constantOffset(List<Instruction> offset) {
        if (offset.isEmpty() || offset.get(0).opcode() != OpCode.I32_CONST) {
            return null;
        }
        return offset.get(0).operand(0) & 0xFFFFFFFFL;
    }
}

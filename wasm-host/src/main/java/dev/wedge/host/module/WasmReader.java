package dev.wedge.host.module;

import dev.wedge.host.engine.ModuleLoadException;
import java.io.ByteArrayOutputStream;

/** Just enough of the binary format to walk sections: bytes and unsigned LEB128. */
final class WasmReader {

    private final byte[] bytes;
    private final int end;
    private int position;

    WasmReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    WasmReader(byte[] bytes, int start, int length) {
        this.bytes = bytes;
        this.position = start;
        this.end = start + length;
    }

    boolean hasMore() {
        return position < end;
    }

    int position() {
        return position;
    }

    void skip(int count) throws ModuleLoadException {
        if (count < 0 || count > end - position) {
            throw new ModuleLoadException("truncated module: a section runs past the end");
        }
        position += count;
    }

    int u8() throws ModuleLoadException {
        if (position >= end) {
            throw new ModuleLoadException("truncated module");
        }
        return bytes[position++] & 0xff;
    }

    long u32() throws ModuleLoadException {
        long result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = u8();
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                if (result > 0xffffffffL) {
                    throw new ModuleLoadException("malformed LEB128 number");
                }
                return result;
            }
        }
        throw new ModuleLoadException("malformed LEB128 number");
    }

    static void writeU32(ByteArrayOutputStream out, long value) {
        do {
            int b = (int) (value & 0x7f);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }
}

package dev.wedge.bench.graal;

import dev.wedge.host.engine.GuestMemory;
import java.nio.ByteOrder;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * An instance's exported memory through the polyglot buffer API. It reads in bulk but writes no more than eight
 * bytes per call (the API has no bulk write): a large body costs one call per eight bytes.
 */
final class GraalMemory implements GuestMemory {

    private static final ByteOrder WASM = ByteOrder.LITTLE_ENDIAN;

    private final Value buffer;
    private long lastSize;

    GraalMemory(Value buffer) {
        this.buffer = buffer;
    }

    /** The size, or the last size seen once the run's stop cancelled the context (the runner still asks). */
    @Override
    public long size() {
        try {
            lastSize = buffer.getBufferSize();
        } catch (PolyglotException | IllegalStateException e) { // the context is cancelled or closed
        }
        return lastSize;
    }

    @Override
    public byte[] read(int address, int length) {
        byte[] bytes = new byte[length];
        buffer.readBuffer(Integer.toUnsignedLong(address), bytes, 0, length);
        return bytes;
    }

    @Override
    public void write(int address, byte[] data, int offset, int length) {
        long at = Integer.toUnsignedLong(address);
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            buffer.writeBufferLong(WASM, at + i, littleEndianLong(data, offset + i));
        }
        for (; i < length; i++) {
            buffer.writeBufferByte(at + i, data[offset + i]);
        }
    }

    private static long littleEndianLong(byte[] data, int at) {
        long value = 0;
        for (int b = Long.BYTES - 1; b >= 0; b--) {
            value = (value << 8) | (data[at + b] & 0xFF);
        }
        return value;
    }

    @Override
    public int readI32(int address) {
        return buffer.readBufferInt(WASM, Integer.toUnsignedLong(address));
    }

    @Override
    public void writeI32(int address, int value) {
        buffer.writeBufferInt(WASM, Integer.toUnsignedLong(address), value);
    }

    @Override
    public void writeI64(int address, long value) {
        buffer.writeBufferLong(WASM, Integer.toUnsignedLong(address), value);
    }

    /** The memory host functions see: none until the instance exists (a start function's host calls). */
    static final class Holder {
        private GuestMemory memory = GuestMemory.NONE;

        void bind(GuestMemory memory) {
            this.memory = memory;
        }

        GuestMemory get() {
            return memory;
        }
    }
}

package dev.wedge.host.engine.wasmtime;

import dev.wedge.host.engine.GuestMemory;
import io.github.kawamuray.wasmtime.Memory;
import io.github.kawamuray.wasmtime.Store;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The instance's exported memory, bound once instantiation has returned it. A view is taken per host call: the
 * buffer moves when the guest grows its memory, never during a host call. A view outliving its run refuses to
 * be read: its buffer points into native memory its store frees.
 */
final class InstanceMemory {

    private final Store<?> store;
    private Memory memory;
    private boolean released;

    InstanceMemory(Store<?> store) {
        this.store = store;
    }

    void bind(Memory memory) {
        this.memory = memory;
    }

    GuestMemory view() {
        if (released) {
            throw new IllegalStateException("the instance is closed");
        }
        if (memory == null) {
            return GuestMemory.NONE;
        }
        return new BufferMemory(memory.buffer(store).order(ByteOrder.LITTLE_ENDIAN));
    }

    /** Bytes the memory holds now, or {@code otherwise} when the module exports none. */
    long bytes(long otherwise) {
        return memory == null ? otherwise : memory.dataSize(store);
    }

    /** The run is over: no view may be read from now on. */
    void release() {
        released = true;
    }

    private final class BufferMemory implements GuestMemory {

        private final ByteBuffer buffer;

        BufferMemory(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        private ByteBuffer buffer() {
            if (released) {
                throw new IllegalStateException("the instance is closed");
            }
            return buffer;
        }

        /** A view of the memory as it is now: a callback into the guest may have grown it. */
        @Override
        public GuestMemory current() {
            return view();
        }

        @Override
        public long size() {
            return buffer().capacity();
        }

        @Override
        public byte[] read(int address, int length) {
            byte[] bytes = new byte[length];
            buffer().get(address, bytes);
            return bytes;
        }

        @Override
        public void write(int address, byte[] data, int offset, int length) {
            buffer().put(address, data, offset, length);
        }

        @Override
        public int readI32(int address) {
            return buffer().getInt(address);
        }

        @Override
        public void writeI32(int address, int value) {
            buffer().putInt(address, value);
        }

        @Override
        public void writeI64(int address, long value) {
            buffer().putLong(address, value);
        }
    }
}

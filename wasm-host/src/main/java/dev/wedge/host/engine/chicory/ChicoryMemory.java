package dev.wedge.host.engine.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import dev.wedge.host.engine.GuestMemory;

final class ChicoryMemory implements GuestMemory {

    private final Memory memory;

    private ChicoryMemory(Memory memory) {
        this.memory = memory;
    }

    static GuestMemory of(Instance instance) {
        Memory memory = instance.memory();
        return memory == null ? GuestMemory.NONE : new ChicoryMemory(memory);
    }

    @Override
    public long size() {
        return (long) memory.pages() * Memory.PAGE_SIZE;
    }

    @Override
    public byte[] read(int address, int length) {
        return memory.readBytes(address, length);
    }

    @Override
    public void write(int address, byte[] data, int offset, int length) {
        memory.write(address, data, offset, length);
    }

    @Override
    public int readI32(int address) {
        return memory.readInt(address);
    }

    @Override
    public void writeI32(int address, int value) {
        memory.writeI32(address, value);
    }

    @Override
    public void writeI64(int address, long value) {
        memory.writeLong(address, value);
    }
}

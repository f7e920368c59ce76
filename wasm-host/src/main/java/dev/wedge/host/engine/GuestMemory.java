package dev.wedge.host.engine;

/**
 * Raw access to an instance's linear memory. Implementations do no bounds checks beyond the engine's own:
 * {@link dev.wedge.host.abi.HostCall} checks every range once, for every capability and engine.
 */
public interface GuestMemory {

    /** Current size in bytes. */
    long size();

    byte[] read(int address, int length);

    void write(int address, byte[] data, int offset, int length);

    int readI32(int address);

    void writeI32(int address, int value);

    void writeI64(int address, long value);

    /**
     * The memory as it is now: a view that was taken before the guest grew its memory (during a host call that
     * called back into the guest, such as an allocation) may be a snapshot of the old size.
     */
    default GuestMemory current() {
        return this;
    }

    /** A memory of size zero, for host calls made before the instance exported its memory. */
    GuestMemory NONE = new GuestMemory() {
        @Override
        public long size() {
            return 0;
        }

        @Override
        public byte[] read(int address, int length) {
            throw new IndexOutOfBoundsException("no memory");
        }

        @Override
        public void write(int address, byte[] data, int offset, int length) {
            throw new IndexOutOfBoundsException("no memory");
        }

        @Override
        public int readI32(int address) {
            throw new IndexOutOfBoundsException("no memory");
        }

        @Override
        public void writeI32(int address, int value) {
            throw new IndexOutOfBoundsException("no memory");
        }

        @Override
        public void writeI64(int address, long value) {
            throw new IndexOutOfBoundsException("no memory");
        }
    };
}

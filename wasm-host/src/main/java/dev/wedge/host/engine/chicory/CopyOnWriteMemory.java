package dev.wedge.host.engine.chicory;

import static com.dylibso.chicory.runtime.ConstantEvaluators.computeConstantValue;
import static dev.wedge.host.engine.chicory.MemoryImage.CHUNK_SHIFT;
import static dev.wedge.host.engine.chicory.MemoryImage.CHUNK_SIZE;
import static dev.wedge.host.engine.chicory.MemoryImage.ZEROS;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One instance's linear memory, copy-on-write over its module's {@link MemoryImage}: a new instance starts from
 * the image (no allocation, no zeroing, no data segments written) and copies a 4 KiB chunk the first time it
 * writes to it, so it never sees another instance's writes and no other instance sees its own. Chunks that were
 * never written read from the image or from {@link MemoryImage#ZEROS}, which nobody writes.
 *
 * <p>{@code readable[i]} is the chunk reads use; {@code writable[i]} is the same array once this memory owns it,
 * else null. Unshared memories only (the factory gives shared ones Chicory's own memory).
 */
final class CopyOnWriteMemory implements Memory {

    private static final int OFFSET_MASK = CHUNK_SIZE - 1;
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final MemoryLimits limits;
    private final MemoryImage image;
    private byte[][] readable;
    private byte[][] writable;
    private int pages;
    /** Nothing was written since the memory was made or zeroed: it is all zeros. */
    private boolean pristine = true;
    private DataSegment[] segments = new DataSegment[0];

    CopyOnWriteMemory(MemoryLimits limits, MemoryImage image) {
        this.limits = limits;
        this.image = image;
        this.pages = limits.initialPages();
        int chunks = MemoryImage.chunksOf(pages);
        this.readable = new byte[chunks][];
        this.writable = new byte[chunks][];
        Arrays.fill(readable, ZEROS);
    }

    @Override
    public int pages() {
        return pages;
    }

    @Override
    public int initialPages() {
        return limits.initialPages();
    }

    @Override
    public int maximumPages() {
        return Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES);
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public int grow(int delta) {
        int before = pages;
        int after = before + delta;
        if (after > maximumPages() || after < before) {
            return -1;
        }
        int chunks = MemoryImage.chunksOf(after);
        int had = readable.length;
        readable = Arrays.copyOf(readable, chunks);
        writable = Arrays.copyOf(writable, chunks);
        Arrays.fill(readable, had, chunks, ZEROS);
        pages = after;
        return before;
    }

    @Override
    public void zero() {
        if (!pristine) {
            Arrays.fill(readable, ZEROS);
            Arrays.fill(writable, null);
            pristine = true;
        }
    }

    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments) {
        initialize(instance, dataSegments, 0);
    }

    /**
     * Chicory zeroes a memory and then writes its module's active data segments: a pristine memory takes the
     * image instead, which holds exactly those bytes. The first instance writes them and offers its chunks.
     */
    @Override
    public void initialize(Instance instance, DataSegment[] dataSegments, int memoryIndex) {
        segments = dataSegments == null ? new DataSegment[0] : dataSegments;
        boolean imaged = memoryIndex == 0 && pristine && pages == limits.initialPages();
        byte[][] template = imaged ? image.chunks() : null;
        if (template != null) {
            System.arraycopy(template, 0, readable, 0, template.length);
            pristine = false;
            return;
        }
        for (DataSegment segment : segments) {
            if (segment instanceof ActiveDataSegment active && active.index() == memoryIndex) {
                int offset = (int) computeConstantValue(instance, active.offsetInstructions())[0];
                byte[] data = active.data();
                if (outOfBounds(offset, data.length, byteSize())) {
                    throw new UninstantiableException("out of bounds memory access: data segment at " + offset);
                }
                write(offset, data, 0, data.length);
            }
        }
        if (imaged) {
            Arrays.fill(writable, null); // from now on shared with the image: copied before they are written
            image.offer(readable);
        }
    }

    @Override
    public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
        write(dest, segments[segmentId].data(), offset, size);
    }

    @Override
    public void drop(int segment) {
        segments[segment] = PassiveDataSegment.EMPTY;
    }

    // Bytes and ranges.

    @Override
    public byte read(int addr) {
        return readChunk(addr, 1)[addr & OFFSET_MASK];
    }

    @Override
    public void writeByte(int addr, byte data) {
        writeChunk(addr, 1)[addr & OFFSET_MASK] = data;
    }

    @Override
    public byte[] readBytes(int addr, int len) {
        checkRange(addr, len);
        byte[] result = new byte[len];
        for (int done = 0; done < len; ) {
            int at = addr + done;
            int n = Math.min(len - done, CHUNK_SIZE - (at & OFFSET_MASK));
            System.arraycopy(readable[at >>> CHUNK_SHIFT], at & OFFSET_MASK, result, done, n);
            done += n;
        }
        return result;
    }

    @Override
    public void write(int addr, byte[] data, int offset, int size) {
        if (outOfBounds(offset, size, data.length)) {
            throw outOfBounds(offset, size);
        }
        checkRange(addr, size);
        for (int done = 0; done < size; ) {
            int at = addr + done;
            int n = Math.min(size - done, CHUNK_SIZE - (at & OFFSET_MASK));
            System.arraycopy(data, offset + done, owned(at >>> CHUNK_SHIFT), at & OFFSET_MASK, n);
            done += n;
        }
    }

    @Override
    public void fill(byte value, int fromIndex, int toIndex) {
        checkRange(fromIndex, toIndex - fromIndex);
        for (int at = fromIndex; at < toIndex; ) {
            int start = at & OFFSET_MASK;
            int n = Math.min(toIndex - at, CHUNK_SIZE - start);
            int chunk = at >>> CHUNK_SHIFT;
            if (n == CHUNK_SIZE && value == 0) { // a whole chunk of zeros: share the zeros instead
                readable[chunk] = ZEROS;
                writable[chunk] = null;
            } else {
                Arrays.fill(owned(chunk), start, start + n, value);
            }
            at += n;
        }
    }

    @Override
    public void copy(int dest, int src, int size) {
        checkRange(dest, size);
        checkRange(src, size);
        if (dest > src && dest < src + size) { // overlapping, destination after source: copy from the end
            for (int left = size; left > 0; ) {
                int srcEnd = src + left;
                int destEnd = dest + left;
                int n = Math.min(left, Math.min(inChunkBefore(srcEnd), inChunkBefore(destEnd)));
                copyWithinChunks(destEnd - n, srcEnd - n, n);
                left -= n;
            }
        } else {
            for (int done = 0; done < size; ) {
                int s = src + done;
                int d = dest + done;
                int n = Math.min(size - done, CHUNK_SIZE - Math.max(s & OFFSET_MASK, d & OFFSET_MASK));
                copyWithinChunks(d, s, n);
                done += n;
            }
        }
    }

    /** Bytes of its chunk before {@code end} (a whole chunk when {@code end} is a chunk boundary). */
    private static int inChunkBefore(int end) {
        int inChunk = end & OFFSET_MASK;
        return inChunk == 0 ? CHUNK_SIZE : inChunk;
    }

    private void copyWithinChunks(int dest, int src, int n) {
        byte[] to = owned(dest >>> CHUNK_SHIFT); // first: owning the chunk may replace readable[...] of src
        System.arraycopy(readable[src >>> CHUNK_SHIFT], src & OFFSET_MASK, to, dest & OFFSET_MASK, n);
    }

    // Values: one chunk when they fit in it, byte by byte when they straddle two.

    @Override
    public short readShort(int addr) {
        int at = addr & OFFSET_MASK;
        if (at <= CHUNK_SIZE - 2) {
            return (short) SHORT.get(readChunk(addr, 2), at);
        }
        return (short) readStraddling(addr, 2);
    }

    @Override
    public long readU16(int addr) {
        return readShort(addr) & 0xFFFFL;
    }

    @Override
    public void writeShort(int addr, short data) {
        int at = addr & OFFSET_MASK;
        if (at <= CHUNK_SIZE - 2) {
            SHORT.set(writeChunk(addr, 2), at, data);
        } else {
            writeStraddling(addr, data, 2);
        }
    }

    @Override
    public int readInt(int addr) {
        int at = addr & OFFSET_MASK;
        if (at <= CHUNK_SIZE - 4) {
            return (int) INT.get(readChunk(addr, 4), at);
        }
        return (int) readStraddling(addr, 4);
    }

    @Override
    public void writeI32(int addr, int data) {
        int at = addr & OFFSET_MASK;
        if (at <= CHUNK_SIZE - 4) {
            INT.set(writeChunk(addr, 4), at, data);
        } else {
            writeStraddling(addr, data, 4);
        }
    }

    @Override
    public long readLong(int addr) {
        int at = addr & OFFSET_MASK;
        if (at <= CHUNK_SIZE - 8) {
            return (long) LONG.get(readChunk(addr, 8), at);
        }
        return readStraddling(addr, 8);
    }

    @Override
    public void writeLong(int addr, long data) {
        int at = addr & OFFSET_MASK;
        if (at <= CHUNK_SIZE - 8) {
            LONG.set(writeChunk(addr, 8), at, data);
        } else {
            writeStraddling(addr, data, 8);
        }
    }

    @Override
    public long readF32(int addr) {
        return readInt(addr);
    }

    @Override
    public float readFloat(int addr) {
        return Float.intBitsToFloat(readInt(addr));
    }

    @Override
    public void writeF32(int addr, float data) {
        writeI32(addr, Float.floatToRawIntBits(data));
    }

    @Override
    public long readF64(int addr) {
        return readLong(addr);
    }

    @Override
    public double readDouble(int addr) {
        return Double.longBitsToDouble(readLong(addr));
    }

    @Override
    public void writeF64(int addr, double data) {
        writeLong(addr, Double.doubleToRawLongBits(data));
    }

    private long readStraddling(int addr, int size) {
        checkRange(addr, size);
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            value = (value << 8) | (read(addr + i) & 0xFFL);
        }
        return value;
    }

    private void writeStraddling(int addr, long value, int size) {
        checkRange(addr, size); // before the first byte: a trapping store writes nothing
        for (int i = 0; i < size; i++) {
            writeByte(addr + i, (byte) (value >>> (8 * i)));
        }
    }

    // Chunks.

    /** The chunk holding {@code addr} for reading; the access of {@code size} bytes fits in it. */
    private byte[] readChunk(int addr, int size) {
        int chunk = addr >>> CHUNK_SHIFT; // a negative address is past any memory
        byte[][] chunks = readable;
        if (chunk >= chunks.length) {
            throw outOfBounds(addr, size);
        }
        return chunks[chunk];
    }

    /** The chunk holding {@code addr} for writing, copied first if this memory does not own it yet. */
    private byte[] writeChunk(int addr, int size) {
        int chunk = addr >>> CHUNK_SHIFT;
        byte[][] chunks = writable;
        if (chunk >= chunks.length) {
            throw outOfBounds(addr, size);
        }
        byte[] owned = chunks[chunk];
        return owned != null ? owned : own(chunk);
    }

    private byte[] owned(int chunk) {
        byte[] owned = writable[chunk];
        return owned != null ? owned : own(chunk);
    }

    private byte[] own(int chunk) {
        byte[] shared = readable[chunk];
        byte[] copy = shared == ZEROS ? new byte[CHUNK_SIZE] : shared.clone();
        readable[chunk] = copy;
        writable[chunk] = copy;
        pristine = false;
        return copy;
    }

    private long byteSize() {
        return (long) pages * PAGE_SIZE;
    }

    private void checkRange(int addr, int size) {
        if (outOfBounds(addr, size, byteSize())) {
            throw outOfBounds(addr, size);
        }
    }

    private static boolean outOfBounds(int addr, int size, long limit) {
        return addr < 0 || size < 0 || (long) addr + size > limit;
    }

    private WasmRuntimeException outOfBounds(int addr, int size) {
        return new WasmRuntimeException("out of bounds memory access: attempted to access address: " + addr
                + " but limit is: " + byteSize() + " and size: " + size);
    }

    // Atomics and waiting are for shared memories, which this never is.

    @Override
    @SuppressWarnings("removal")
    public Object lock(int address) {
        return this; // one thread runs an instance: the lock only has to exist
    }

    @Override
    @SuppressWarnings("removal")
    public int waitOn(int address, int expected, long timeout) {
        throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
    }

    @Override
    @SuppressWarnings("removal")
    public int waitOn(int address, long expected, long timeout) {
        throw new ChicoryException("Attempt to wait on a non-shared memory, not supported.");
    }

    @Override
    @SuppressWarnings("removal")
    public int notify(int address, int maxThreads) {
        return 0;
    }
}

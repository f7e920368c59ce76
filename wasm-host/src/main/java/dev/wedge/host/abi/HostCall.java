package dev.wedge.host.abi;

import dev.wedge.host.engine.GuestMemory;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

/**
 * One call from the guest: its raw arguments and checked access to its memory. This is the only place host
 * code reads or writes guest memory, so every capability and every engine gets the same bounds checks: a range
 * is checked in full before a single byte is touched, and a bad one raises {@link GuestMemoryFault}.
 */
public final class HostCall {

    private GuestMemory memory;
    private final long[] args;

    public HostCall(GuestMemory memory, long[] args) {
        this.memory = memory;
        this.args = args;
    }

    public int i32(int index) {
        return (int) args[index];
    }

    /** An i32 argument read as unsigned, as every pointer, length and capacity is. */
    public long u32(int index) {
        return Integer.toUnsignedLong((int) args[index]);
    }

    public long i64(int index) {
        return args[index];
    }

    /** Engines pass floats as their raw bits. */
    public double f64(int index) {
        return Double.longBitsToDouble(args[index]);
    }

    /** The bytes at the (pointer, length) pair passed as arguments {@code ptrIndex} and {@code lenIndex}. */
    public byte[] bytes(int ptrIndex, int lenIndex) {
        return read(u32(ptrIndex), u32(lenIndex));
    }

    /** Strict UTF-8 text at a (pointer, length) argument pair; malformed text is {@link Status#BAD_ARGUMENT}. */
    public String utf8(int ptrIndex, int lenIndex) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes(ptrIndex, lenIndex)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new AbiException(Status.BAD_ARGUMENT, "text is not valid UTF-8");
        }
    }

    /**
     * Writes a value with the out-buffer convention of docs/abi.md: the whole value into {@code buf} and its
     * length to {@code out_len}, or only the needed length and {@link Status#BUFFER_TOO_SMALL}.
     */
    public Status writeOut(byte[] value, int bufIndex, int capIndex, int outLenIndex) {
        checkOut(bufIndex, capIndex, outLenIndex);
        long buf = u32(bufIndex);
        long cap = u32(capIndex);
        long outLen = u32(outLenIndex);
        if (value.length > cap) {
            writeU32(outLen, value.length);
            return Status.BUFFER_TOO_SMALL;
        }
        write(buf, value, 0, value.length);
        writeU32(outLen, value.length);
        return Status.OK;
    }

    /**
     * Writes optional text with the out-buffer convention: the buffer is checked first, then {@code value} is
     * asked for; absent text (null) is {@link Status#NOT_FOUND}. Every import answering a string or a lookup
     * uses this, so they all check and answer alike.
     */
    public Status writeText(int bufIndex, int capIndex, int outLenIndex, Supplier<String> value) {
        checkOut(bufIndex, capIndex, outLenIndex);
        String text = value.get();
        return text == null ? Status.NOT_FOUND
                : writeOut(text.getBytes(StandardCharsets.UTF_8), bufIndex, capIndex, outLenIndex);
    }

    /**
     * Checks an out-buffer and its length slot up front, so a call that ends in {@code NOT_FOUND} still
     * reports a bad buffer as {@code INVALID_MEMORY}: the answer never depends on the lookup.
     */
    public void checkOut(int bufIndex, int capIndex, int outLenIndex) {
        check(u32(bufIndex), u32(capIndex));
        check(u32(outLenIndex), 4);
    }

    /** Writes as much of {@code source[from..]} as fits in the buffer; the count goes to {@code out_len}. */
    public int writePartial(byte[] source, long from, int bufIndex, int capIndex, int outLenIndex) {
        long buf = u32(bufIndex);
        long cap = u32(capIndex);
        long outLen = u32(outLenIndex);
        check(buf, cap);
        check(outLen, 4);
        int count = (int) Math.max(0, Math.min(cap, source.length - Math.min(from, source.length)));
        write(buf, source, (int) Math.min(from, source.length), count);
        writeU32(outLen, count);
        return count;
    }

    /**
     * Writes a value into memory the guest allocates for it (proxy-wasm's convention): checks both out slots
     * first, asks {@code allocate} for exactly the value's length (SDKs take the length from the allocation), and
     * writes the address and length there. An empty value allocates nothing: address 0, length 0.
     *
     * @return false when the guest's allocator returned 0 (nothing was written)
     */
    public boolean writeAllocated(byte[] value, IntUnaryOperator allocate, long addressSlot, long lengthSlot) {
        check(addressSlot, 4);
        check(lengthSlot, 4);
        long address = 0;
        if (value.length > 0) {
            address = Integer.toUnsignedLong(allocate.applyAsInt(value.length));
            memory = memory.current(); // the allocation may have grown the memory
            if (address == 0) {
                return false;
            }
            write(address, value, 0, value.length);
        }
        writeU32(addressSlot, address);
        writeU32(lengthSlot, value.length);
        return true;
    }

    public byte[] read(long address, long length) {
        check(address, length);
        return length == 0 ? new byte[0] : memory.read((int) address, (int) length);
    }

    public int readI32(long address) {
        check(address, 4);
        return memory.readI32((int) address);
    }

    public void write(long address, byte[] data, int offset, int length) {
        check(address, length);
        if (length > 0) {
            memory.write((int) address, data, offset, length);
        }
    }

    public void writeU32(long address, long value) {
        check(address, 4);
        memory.writeI32((int) address, (int) value);
    }

    public void writeU64(long address, long value) {
        check(address, 8);
        memory.writeI64((int) address, value);
    }

    /** Fails unless {@code [address, address + length)} lies inside the guest's current memory. */
    public void check(long address, long length) {
        long size = memory.size();
        if (address < 0 || length < 0 || address + length > size) {
            throw new GuestMemoryFault(address, length, size);
        }
    }
}

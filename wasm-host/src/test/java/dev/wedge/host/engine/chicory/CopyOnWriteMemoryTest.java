package dev.wedge.host.engine.chicory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.dylibso.chicory.runtime.ByteBufferMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The copy-on-write memory against Chicory's own, operation by operation, and against other instances. */
class CopyOnWriteMemoryTest {

    private static final MemoryLimits LIMITS = new MemoryLimits(3, 6);
    private static final int CHUNK = MemoryImage.CHUNK_SIZE;

    @Test
    void theFirstInstanceMakesTheImageAndLaterOnesStartFromIt() {
        var image = new MemoryImage();
        Memory first = initialized(new CopyOnWriteMemory(LIMITS, image));
        assertNotNull(image.chunks());
        assertSame(MemoryImage.ZEROS, image.chunks()[10], "a chunk of zeros is shared, not kept");
        first.writeI32(100, 42);
        first.grow(1);
        first.writeLong(3 * Memory.PAGE_SIZE, -1L);

        Memory second = initialized(new CopyOnWriteMemory(LIMITS, image));
        Memory reference = initialized(new ByteBufferMemory(LIMITS));
        assertEquals(3, second.pages());
        assertArrayEquals(reference.readBytes(0, 3 * Memory.PAGE_SIZE), second.readBytes(0, 3 * Memory.PAGE_SIZE));
        second.grow(1);
        assertEquals(0L, second.readLong(3 * Memory.PAGE_SIZE), "a grown page starts as zeros");
        assertEquals(42, first.readInt(100), "the first instance keeps its own writes");
    }

    @Test
    void zeroingEmptiesAMemoryThatTookTheImage() {
        var image = new MemoryImage();
        initialized(new CopyOnWriteMemory(LIMITS, image));
        Memory memory = initialized(new CopyOnWriteMemory(LIMITS, image));
        memory.writeByte(5, (byte) 1);
        memory.zero();
        assertArrayEquals(new byte[3 * Memory.PAGE_SIZE], memory.readBytes(0, 3 * Memory.PAGE_SIZE));
    }

    @Test
    void aMemoryInitialisedAfterWritesNeverBecomesTheImage() {
        var image = new MemoryImage();
        Memory memory = new CopyOnWriteMemory(LIMITS, image);
        memory.writeByte(5, (byte) 1); // not pristine, and not zeroed before its data segments: no image
        memory.initialize(null, segments());
        assertNull(image.chunks());
    }

    @Test
    void behavesLikeChicorysMemoryUnderRandomOperations() {
        for (int seed = 0; seed < 40; seed++) {
            var image = new MemoryImage();
            // an instance that makes the image and scribbles on its memory, as a request would
            scribble(initialized(new CopyOnWriteMemory(LIMITS, image)), new Random(-seed), 200);
            Memory cow = initialized(new CopyOnWriteMemory(LIMITS, image));
            Memory reference = initialized(new ByteBufferMemory(LIMITS));
            var random = new Random(seed);
            for (int step = 0; step < 400; step++) {
                long op = random.nextLong();
                assertEquals(apply(reference, op), apply(cow, op), "seed " + seed + ", step " + step);
            }
            assertEquals(reference.pages(), cow.pages(), "seed " + seed);
            int size = reference.pages() * Memory.PAGE_SIZE;
            assertArrayEquals(reference.readBytes(0, size), cow.readBytes(0, size), "seed " + seed);
        }
    }

    private static void scribble(Memory memory, Random random, int steps) {
        for (int i = 0; i < steps; i++) {
            apply(memory, random.nextLong());
        }
    }

    /** Applies the operation {@code op} picks; what it returned or threw, as a comparable string. */
    private static String apply(Memory memory, long op) {
        var random = new Random(op);
        int size = memory.pages() * Memory.PAGE_SIZE;
        int a = address(random, size);
        int b = address(random, size);
        int n = random.nextInt(3) == 0 ? random.nextInt(3 * CHUNK) : random.nextInt(40) - 4;
        return outcome(memory, m -> switch (random.nextInt(22)) {
            case 0 -> m.read(a);
            case 1 -> m.readShort(a);
            case 2 -> m.readU16(a);
            case 3 -> m.readInt(a);
            case 4 -> m.readLong(a);
            case 5 -> m.readF32(a);
            case 6 -> m.readF64(a);
            case 7 -> Arrays.hashCode(m.readBytes(a, n));
            case 8 -> run(() -> m.writeByte(a, (byte) op));
            case 9 -> run(() -> m.writeShort(a, (short) op));
            case 10 -> run(() -> m.writeI32(a, (int) op));
            case 11 -> run(() -> m.writeLong(a, op));
            case 12 -> run(() -> m.writeF32(a, random.nextFloat()));
            case 13 -> run(() -> m.writeF64(a, random.nextDouble()));
            case 14 -> run(() -> m.write(a, bytes(random, Math.max(n, 0)), 0, Math.max(n, 0)));
            case 15 -> run(() -> m.fill((byte) (random.nextInt(2) * op), a, a + n));
            case 16, 17 -> run(() -> m.copy(a, random.nextBoolean() ? b : a + random.nextInt(17) - 8, n));
            case 18 -> m.grow(random.nextInt(3));
            case 19 -> run(() -> m.initPassiveSegment(2, a, random.nextInt(8), n));
            case 20 -> run(() -> m.drop(2));
            default -> m.readF32(a) + m.readLong(b);
        });
    }

    private static String outcome(Memory memory, Function<Memory, Object> operation) {
        try {
            return String.valueOf(operation.apply(memory));
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    private static String run(Runnable write) {
        write.run();
        return "done";
    }

    /** Mostly near a chunk boundary or the end of the memory, where accesses straddle or fall out of bounds. */
    private static int address(Random random, int size) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(size / CHUNK + 1) * CHUNK + random.nextInt(17) - 8;
            case 1 -> size + random.nextInt(17) - 12;
            default -> random.nextInt(size);
        };
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static Memory initialized(Memory memory) {
        memory.zero(); // as Chicory's Instance does before writing data segments
        memory.initialize(null, segments());
        return memory;
    }

    private static DataSegment[] segments() {
        byte[] spread = bytes(new Random(1), 5000);
        return new DataSegment[] {active(100, spread), active(CHUNK - 3, new byte[] {1, 2, 3, 4, 5, 6}),
            new PassiveDataSegment(bytes(new Random(2), 300))};
    }

    private static ActiveDataSegment active(int offset, byte[] data) {
        return new ActiveDataSegment(0, List.of(new Instruction(0, OpCode.I32_CONST, new long[] {offset}),
                new Instruction(0, OpCode.END, new long[0])), data);
    }
}

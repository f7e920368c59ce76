package dev.wedge.host.engine.chicory;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A compiled module's memory as it is once its data segments are written, in chunks that every instance's
 * {@link CopyOnWriteMemory} reads until it writes them. Taken from the module's first instance (data segment
 * offsets are constant expressions, so every instance would write the same bytes); never written afterwards.
 */
final class MemoryImage {

    static final int CHUNK_SHIFT = 12;
    static final int CHUNK_SIZE = 1 << CHUNK_SHIFT;
    /** The chunk of zeros every image and memory shares; like image chunks, it is never written. */
    static final byte[] ZEROS = new byte[CHUNK_SIZE];

    private final AtomicReference<byte[][]> chunks = new AtomicReference<>();

    /** The image's chunks (to be copied, never written), or null while no instance has made it. */
    byte[][] chunks() {
        return chunks.get();
    }

    /**
     * Makes {@code taken} (a memory's chunks just after its data segments were written, which the memory no
     * longer writes in place) the image, unless another instance made it first. Chunks of zeros are replaced by
     * {@link #ZEROS}, so a large zero-filled memory costs the image nothing.
     */
    void offer(byte[][] taken) {
        if (chunks.get() != null) {
            return;
        }
        byte[][] image = taken.clone();
        for (int i = 0; i < image.length; i++) {
            if (Arrays.equals(image[i], ZEROS)) {
                image[i] = ZEROS;
            }
        }
        chunks.compareAndSet(null, image);
    }

    static int chunksOf(int pages) {
        return pages << (16 - CHUNK_SHIFT);
    }
}

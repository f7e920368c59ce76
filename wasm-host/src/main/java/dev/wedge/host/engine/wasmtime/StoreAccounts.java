package dev.wedge.host.engine.wasmtime;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the engine's live stores hold, whole engine: how many stores there are, and the instances and memory
 * they keep (dead instances included, until their store goes). Thread-safe.
 */
final class StoreAccounts {

    private final StoreReuse reuse;
    private final AtomicLong made = new AtomicLong();
    private final AtomicLong disposed = new AtomicLong();
    private final AtomicLong instances = new AtomicLong();
    private final AtomicLong memory = new AtomicLong();

    StoreAccounts(StoreReuse reuse) {
        this.reuse = reuse;
    }

    StoreReuse reuse() {
        return reuse;
    }

    void made() {
        made.incrementAndGet();
    }

    void retained(long memoryBytes) {
        instances.incrementAndGet();
        memory.addAndGet(memoryBytes);
    }

    void disposed(int storeInstances, long storeMemory) {
        instances.addAndGet(-storeInstances);
        memory.addAndGet(-storeMemory);
        disposed.incrementAndGet();
    }

    /** Whether a store may be kept for another run, as far as the whole engine goes. */
    boolean roomToKeep() {
        return instances.get() <= reuse.retainedInstances() && memory.get() <= reuse.retainedMemory();
    }

    long storesMade() {
        return made.get();
    }

    long storesDisposed() {
        return disposed.get();
    }
}

package dev.wedge.host.engine.wasmtime;

/**
 * How long a Wasmtime store lives. Making a store costs far more than an instance in it: wasmtime-java compiles a
 * trampoline for every host function it links (about 0.2 ms each), so a store is made with the module's host
 * functions once and then runs up to {@code instancesPerStore} requests, each in a fresh instance. Wasmtime frees
 * an instance only with its store, so the dead instances' memory piles up until then: a store is also retired
 * once its instances' memories add up to {@code memoryPerStore}, and stores kept between runs are bounded per
 * module ({@code idlePerModule}) and, whole engine, by the memory and the instances they hold
 * ({@code retainedMemory}, {@code retainedInstances}; each instance reserves about 8 GiB of address space for its
 * linear memory and guard pages, and a process has 128 TiB).
 */
public record StoreReuse(int instancesPerStore, long memoryPerStore, int idlePerModule, long retainedMemory,
        int retainedInstances) {

    private static final long MIB = 1024 * 1024;

    /**
     * 128 instances a store: making a store and, later, freeing its instances (about 1.5 + 3.5 ms for apps/hello)
     * is then about 40 µs a request; 32 cost about 60 (benchmarks/README.md).
     */
    public static final StoreReuse DEFAULT = new StoreReuse(128, 64 * MIB,
            Math.max(2, Runtime.getRuntime().availableProcessors()), 512 * MIB, 4096);

    /** A store per request, as before reuse (for comparison in benchmarks). */
    public static final StoreReuse OFF = new StoreReuse(1, 0, 0, 0, 0);

    public StoreReuse {
        if (instancesPerStore < 1 || memoryPerStore < 0 || idlePerModule < 0 || retainedMemory < 0
                || retainedInstances < 0) {
            throw new IllegalArgumentException("invalid store reuse " + instancesPerStore + "/" + memoryPerStore);
        }
    }
}

package dev.wedge.host.engine;

/** A module compiled by one engine; thread-safe, instantiated once per request. */
public interface CompiledModule extends AutoCloseable {

    ModuleInfo info();

    /**
     * Creates a fresh instance on the calling thread. Every call on the instance must be made from that thread
     * and must end by {@code deadlineNanos} ({@link System#nanoTime()} scale), or the guest is stopped with
     * {@link GuestTrap.Kind#TIMEOUT}.
     *
     * @throws GuestTrap when instantiation fails (a trapping start function, an unsatisfiable import)
     */
    WasmInstance instantiate(ImportResolver imports, long deadlineNanos) throws GuestTrap;

    @Override
    void close();
}

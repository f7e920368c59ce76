package dev.wedge.host.engine;

/** A module compiled by one engine; thread-safe, instantiated once per request. */
public interface CompiledModule extends AutoCloseable {

    ModuleInfo info();

    /**
     * Creates a fresh instance on the calling thread. Every call on the instance must be made from that thread
     * and must end by the {@code deadline} (which host calls that wait push back), or the guest is stopped with
     * {@link GuestTrap.Kind#TIMEOUT}; a {@code cancellation} brings that deadline forward to when it comes, as far
     * as the engine can stop a guest at any moment (Chicory can; Wasmtime's epoch deadlines can only be moved from
     * the guest's own thread, so there host calls notice it, through the scope).
     *
     * @throws GuestTrap when instantiation fails (a trapping start function, an unsatisfiable import)
     */
    WasmInstance instantiate(ImportResolver imports, RunDeadline deadline, Cancellation cancellation) throws GuestTrap;

    @Override
    void close();
}

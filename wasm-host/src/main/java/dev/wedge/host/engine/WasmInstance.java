package dev.wedge.host.engine;

/** One instance of a module, used by one thread for one request, then closed. */
public interface WasmInstance extends AutoCloseable {

    /** Calls an exported function with raw argument bits; returns raw result bits. */
    long[] call(String export, long... args) throws GuestTrap;

    /** The exported memory, or {@link GuestMemory#NONE}. */
    GuestMemory memory();

    /** Releases the instance (native resources for some engines). Safe to call twice. */
    @Override
    void close();
}

package dev.wedge.host.abi;

/** A pointer/length pair from the guest that does not lie inside its memory. */
public final class GuestMemoryFault extends RuntimeException {

    public GuestMemoryFault(long address, long length, long memorySize) {
        super("guest range [" + address + ", +" + length + ") is outside memory of " + memorySize + " bytes",
                null, false, false);
    }
}

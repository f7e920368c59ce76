package dev.wedge.host.abi;

/** How a family of imports reports the two failures every host call can meet. */
public record ErrorCodes(int invalidMemory, int internal) {

    public static final ErrorCodes WEDGE = new ErrorCodes(Status.INVALID_MEMORY.code(), Status.INTERNAL.code());
}

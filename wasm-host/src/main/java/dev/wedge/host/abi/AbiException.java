package dev.wedge.host.abi;

/** Ends a host call early with a status for the guest (the ABI never throws into the guest). */
public final class AbiException extends RuntimeException {

    private final int code;

    public AbiException(Status status, String message) {
        this(status.code(), message);
    }

    /** For families with their own codes, such as WASI errno values. */
    public AbiException(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
